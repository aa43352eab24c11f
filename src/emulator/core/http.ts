// The HTTP frame every provider API shares: routing, parameters, journal, faults and latency, one error exit.
// It is a plain Node request listener: answers are plain text and headers written with one writeHead and
// one end; a request without latency or faults is served synchronously once its body is read.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Reason } from '../../contracts/reasons.js'
import { JOURNAL_TEXT_LIMIT, pathOf } from './journal.js'
import { isMultipart, readMultipart, readParams, type RequestParams } from './params.js'
import { Rejection } from './rejection.js'
import type { Decision, Fault, RequestFacts } from './rules.js'
import type { EmulatorState } from './state.js'

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

/** An answer as it goes on the wire: no Content-Type header unless `contentType` is given. */
export interface Answer {
  readonly status: number
  readonly body: string
  readonly contentType?: string | undefined
  /** Further headers, lower-case names. */
  readonly headers?: Readonly<Record<string, string>>
}

/** One request in flight, as a provider sees it. */
export class Exchange {
  /** The contract endpoint id, once a route named it. */
  endpoint: string | undefined
  decision: Decision | undefined
  /** A fault that replaced or cut the answer. */
  fault: string | undefined
  pathParams: Readonly<Record<string, string>> = NO_PARAMS

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly path: string,
    readonly params: RequestParams,
    readonly clientIp: string,
  ) {}

  get method(): string {
    return this.req.method ?? 'GET'
  }

  /** A path parameter of the route (`:apiKey`), decoded. */
  param(name: string): string {
    return this.pathParams[name] ?? ''
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({})

export type Handler = (exchange: Exchange) => Answer | Promise<Answer>

export interface ProviderAppOptions {
  readonly provider: string
  /** The provider's internal-error answer (DiniSoft 101, MiM 1005). */
  readonly internalError: (exchange: Exchange) => Answer
  /** Whether answers carry CORS headers and OPTIONS gets a preflight answer (read per request). */
  readonly cors?: () => boolean
}

export interface RouteInfo {
  readonly method: string
  readonly path: string
}

/** A provider API: its routes and its Node request listener, for `server.ts` to put on a port. */
export interface ProviderApp {
  readonly provider: string
  /** Every route, one per method (for checking them against the contract). */
  readonly routes: readonly RouteInfo[]
  /** Whether one of the API's routes has this path (for APIs that share a port, routed by path). */
  handles(path: string): boolean
  readonly listener: RequestListener
  on(methods: string | readonly string[], path: string, handler: Handler): void
  get(path: string, handler: Handler): void
  /** Every method and path the other routes do not take (`path` is `*`). */
  all(path: '*', handler: Handler): void
}

/** Largest body read, in bytes; longer bodies are cut there. */
export const BODY_LIMIT = 1_048_576

const TEXT = 'text/plain'
const NOT_FOUND: Answer = { status: 404, body: 'Not Found', contentType: TEXT }
const CORS_METHODS = 'GET,HEAD,PUT,POST,DELETE,PATCH,QUERY'

function normaliseIp(address: string | undefined): string {
  if (!address) return '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address === '::1' ? '127.0.0.1' : address
}

function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for']
    const forwarded = (Array.isArray(header) ? header[0] : header)?.split(',', 1)[0]?.trim()
    if (forwarded) return normaliseIp(forwarded)
  }
  return normaliseIp(req.socket.remoteAddress)
}

/** A body-less request (no Content-Length, no Transfer-Encoding) needs no reading at all. */
function hasBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/**
 * Reads the body, keeping at most `limit` bytes (the rest is read and dropped). The one place where an
 * oversized body is noticed: a 413 answer would go here.
 */
/** What readBody answers for a body over the limit: reading stopped there. */
const TOO_LARGE = Symbol('too large')

/** Reads the body; one over `limit` (declared, or as it arrives) is not read further. */
function readBody(req: IncomingMessage, limit: number, done: (body: Uint8Array | undefined | typeof TOO_LARGE) => void): void {
  if (Number(req.headers['content-length']) > limit) return done(TOO_LARGE)
  const chunks: Buffer[] = []
  let size = 0
  const onData = (chunk: Buffer) => {
    size += chunk.byteLength
    if (size <= limit) return void chunks.push(chunk)
    req.off('data', onData)
    req.off('end', onEnd)
    done(TOO_LARGE)
  }
  const onEnd = () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size))
  req.on('data', onData)
  req.once('end', onEnd)
  req.once('error', () => done(undefined))
}

/** What nginx in front of the gateways answers a body over its client_max_body_size. */
const TOO_LARGE_ANSWER: Answer = { status: 413, body: errorPage('Request Entity Too Large', 413), contentType: 'text/html' }

interface Segment {
  readonly literal?: string
  readonly param?: string
}

interface Route {
  readonly methods: ReadonlySet<string>
  readonly path: string
  readonly segments: readonly Segment[] | undefined
  readonly handler: Handler
}

function compilePath(path: string): readonly Segment[] | undefined {
  if (!path.includes(':')) return undefined
  return path
    .split('/')
    .slice(1)
    .map((part) => (part.startsWith(':') ? { param: part.slice(1) } : { literal: part }))
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Matches `path` against a route with parameters; the parameters found, or `undefined`. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined
  let found: Record<string, string> | undefined
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment
    const part = parts[i] as string
    if (segment.param !== undefined) {
      if (part === '') return undefined
      ;(found ??= {})[segment.param] = decodeSegment(part)
    } else if (segment.literal !== part) return undefined
  }
  return found ?? {}
}

/** Cuts a finished answer short, as a connection closed mid-body or a broken proxy would. */
function cutShort(answer: Answer): Answer {
  return { ...answer, body: answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))) }
}

const HTTP_FAULTS = {
  'http-500': { status: 500, title: 'Internal Server Error' },
  'http-502': { status: 502, title: 'Bad Gateway' },
  'http-503': { status: 503, title: 'Service Unavailable' },
} as const

function errorPage(title: string, status: number): string {
  // What nginx in front of a failing gateway answers.
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** Resolves once the client has gone (its connection closed). */
function untilClientGoesAway(exchange: Exchange): Promise<void> {
  return new Promise((resolve) => {
    const socket = exchange.req.socket
    if (!socket || socket.destroyed) return resolve()
    socket.once('close', () => resolve())
  })
}

/** Waits in wall-clock time (network latency is felt by the client's real timers, not the virtual clock). */
function wallClockDelay(ms: number, exchange: Exchange): Promise<void> {
  return new Promise((resolve) => {
    const socket = exchange.req.socket
    if (!socket || socket.destroyed) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      socket.off('close', done)
      resolve()
    }
    socket.once('close', done)
  })
}

/** Marks an answer that must not be written (the connection was dropped or left hanging). */
const GONE: Answer = { status: 499, body: '' }

/** A fault that replaces the provider's answer, or `undefined` to carry on. */
async function transportFault(exchange: Exchange, fault: Fault): Promise<Answer | undefined> {
  if (fault.kind === 'malformed') return undefined
  exchange.fault = fault.kind
  switch (fault.kind) {
    case 'http-500':
    case 'http-502':
    case 'http-503': {
      const { status, title } = HTTP_FAULTS[fault.kind]
      return { status, body: errorPage(title, status), contentType: 'text/html' }
    }
    case 'rate-limit': {
      const seconds = Math.max(1, Math.ceil((fault.retryAfterMs ?? 1000) / 1000))
      return { status: 429, body: 'Too Many Requests', contentType: TEXT, headers: { 'retry-after': String(seconds) } }
    }
    case 'drop': {
      const gone = untilClientGoesAway(exchange)
      exchange.req.socket.destroy()
      await gone
      return GONE
    }
    case 'hang':
      await untilClientGoesAway(exchange)
      return GONE
  }
  return undefined
}

/** What a refusal says: a neutral reason, or a provider code a scenario named. */
export interface Refusal {
  readonly reason?: Reason
  readonly code?: string
}

export interface EndpointCall {
  /** The contract's endpoint id (`sendtext`, `getDLR`), for scenario rules and the journal. */
  readonly endpoint: string
  /** What the provider read of the request, for scenario rules to match. */
  readonly facts?: Omit<RequestFacts, 'provider' | 'endpoint'>
  /** Renders a refusal in the provider's own format. */
  readonly refuse: (refusal: Refusal) => Answer
  /** The provider's own work; throws a `Rejection` to refuse. */
  readonly run: (decision: Decision) => Answer
}

function runEndpoint(call: EndpointCall, decision: Decision): Answer {
  if (decision.code !== undefined || decision.reject !== undefined) return call.refuse({ code: decision.code, reason: decision.reject })
  try {
    return call.run(decision)
  } catch (error) {
    if (error instanceof Rejection) return call.refuse({ code: error.code, reason: error.reason })
    throw error
  }
}

/**
 * The frame of every provider endpoint: the scenario decides, latency and faults apply, and a refusal
 * (the scenario's, or a `Rejection` thrown by `run`) is answered by `refuse`. Synchronous unless the
 * decision holds latency or a fault.
 */
export function serveEndpoint(exchange: Exchange, state: EmulatorState, provider: string, call: EndpointCall): Answer | Promise<Answer> {
  exchange.endpoint = call.endpoint
  const decision = state.scenario.decide({ provider, endpoint: call.endpoint, ...call.facts })
  exchange.decision = decision
  if (!decision.latencyMs && !decision.fault) return runEndpoint(call, decision)
  return (async () => {
    if (decision.latencyMs) await wallClockDelay(decision.latencyMs, exchange)
    if (decision.fault) {
      const replaced = await transportFault(exchange, decision.fault)
      if (replaced) return replaced
    }
    const answer = runEndpoint(call, decision)
    if (decision.fault?.kind === 'malformed') {
      exchange.fault = 'malformed'
      return cutShort(answer)
    }
    return answer
  })()
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T>)?.then === 'function'
}

/**
 * A provider API: its routes, and a Node listener that reads the parameters, runs the route, writes the
 * answer and journals the exchange. Unexpected errors become the provider's internal-error answer.
 */
export function createProviderApp(state: EmulatorState, options: ProviderAppOptions): ProviderApp {
  const { provider } = options
  const { trustProxy } = state.settings
  const exact = new Map<string, Route[]>()
  const patterns: Route[] = []
  let catchAll: Handler | undefined
  const routes: RouteInfo[] = []
  const documents = new Map<string, string>()

  function on(methods: string | readonly string[], path: string, handler: Handler): void {
    const list = typeof methods === 'string' ? [methods] : methods
    const route: Route = { methods: new Set(list), path, segments: compilePath(path), handler }
    for (const method of list) routes.push({ method, path })
    if (route.segments) patterns.push(route)
    else exact.set(path, [...(exact.get(path) ?? []), route])
  }

  /** The route for a method and path (HEAD is served by GET routes), with its path parameters. */
  function find(method: string, path: string): { route: Route; params: Readonly<Record<string, string>> } | undefined {
    const wanted = method === 'HEAD' ? 'GET' : method
    const candidates = exact.get(path)
    if (candidates) for (const route of candidates) if (route.methods.has(wanted) || route.methods.has(method)) return { route, params: NO_PARAMS }
    const parts = path.split('/').slice(1)
    for (const route of patterns) {
      if (!route.methods.has(wanted) && !route.methods.has(method)) continue
      const params = matchSegments(route.segments as readonly Segment[], parts)
      if (params) return { route, params }
    }
    return catchAll && { route: { methods: new Set([method]), path: '*', segments: undefined, handler: catchAll }, params: NO_PARAMS }
  }

  function handles(path: string): boolean {
    if (exact.has(path) || path === '/openapi.json') return true
    const parts = path.split('/').slice(1)
    return patterns.some((route) => matchSegments(route.segments as readonly Segment[], parts) !== undefined)
  }

  /** The contract as OpenAPI; the builder is loaded on first use, off the start-up path. */
  async function openApi(req: IncomingMessage): Promise<Answer> {
    const contract = state.providers.get(provider)?.contract
    if (!contract) return NOT_FOUND
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`
    let document = documents.get(origin)
    if (!document) {
      const { openApiDocument } = await import('../../contracts/kit/openapi.js')
      document = JSON.stringify(openApiDocument(contract, { serverUrl: origin, serverDescription: 'This emulator' }))
      if (documents.size < 16) documents.set(origin, document)
    }
    return { status: 200, body: document, contentType: 'application/json' }
  }

  function preflight(exchange: Exchange): Answer {
    const requested = exchange.header('access-control-request-headers')
    const allowHeaders = requested
      ?.split(',')
      .map((name) => name.trim())
      .join(',')
    return {
      status: 204,
      body: '',
      headers: {
        'access-control-allow-methods': CORS_METHODS,
        ...(allowHeaders ? { 'access-control-allow-headers': allowHeaders, vary: 'Access-Control-Request-Headers' } : {}),
      },
    }
  }

  function write(res: ServerResponse, answer: Answer, cors: boolean): void {
    if (res.headersSent || res.destroyed) return
    const headers: Record<string, string | number> = answer.headers ? { ...answer.headers } : {}
    if (answer.contentType !== undefined) headers['content-type'] = answer.contentType
    if (cors) headers['access-control-allow-origin'] = '*'
    // A `transfer-encoding: chunked` answer (IIS sends them) goes without a length; Node chunks it.
    if (answer.status !== 204 && headers['transfer-encoding'] === undefined) headers['content-length'] = Buffer.byteLength(answer.body)
    res.writeHead(answer.status, headers)
    res.end(answer.status === 204 ? undefined : answer.body)
  }

  function failed(exchange: Exchange, error: unknown): Answer {
    state.log.error(`${provider}: answering ${exchange.method} ${exchange.path} with the internal-error code after an unexpected error:`, error)
    return options.internalError(exchange)
  }

  function finish(exchange: Exchange, answer: Answer, at: number, started: number, body: Uint8Array | undefined): void {
    const cors = options.cors?.() ?? false
    // With --db, the changes behind this answer (an acceptance, a one-shot read) are committed first.
    if (answer !== GONE) state.durability.afterCommit((committed) => (committed ? write(exchange.res, answer, cors) : exchange.res.destroy()))
    const rules = exchange.decision?.rules
    state.journal.record({
      at,
      provider,
      endpoint: exchange.endpoint,
      method: exchange.method,
      url: exchange.req.url ?? '/',
      rawHeaders: exchange.req.rawHeaders,
      body: body && body.byteLength > JOURNAL_TEXT_LIMIT ? body.slice(0, JOURNAL_TEXT_LIMIT) : body,
      clientIp: exchange.clientIp,
      status: answer.status,
      response: answer.body.length > JOURNAL_TEXT_LIMIT ? answer.body.slice(0, JOURNAL_TEXT_LIMIT) : answer.body,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      rule: rules && rules.length > 0 ? rules.join(', ') : undefined,
      fault: exchange.fault,
    })
  }

  function serve(req: IncomingMessage, res: ServerResponse, path: string, body: Uint8Array | undefined, params: RequestParams, at: number, started: number): void {
    const exchange = new Exchange(req, res, path, params, clientIpOf(req, trustProxy))
    let answer: Answer | Promise<Answer>
    try {
      const method = req.method ?? 'GET'
      // A preflight is answered before routing, whatever the path (as a CORS middleware would).
      const found = method === 'OPTIONS' && options.cors?.() ? undefined : find(method, path)
      if (found) {
        exchange.pathParams = found.params
        answer = found.route.handler(exchange)
      } else if (method === 'OPTIONS' && options.cors?.()) answer = preflight(exchange)
      else answer = NOT_FOUND
    } catch (error) {
      answer = failed(exchange, error)
    }
    if (!isPromise(answer)) return finish(exchange, answer, at, started, body)
    answer.then(
      (settled) => finish(exchange, settled, at, started, body),
      (error: unknown) => finish(exchange, failed(exchange, error), at, started, body),
    )
  }

  const listener: RequestListener = (req, res) => {
    const url = req.url ?? '/'
    const path = pathOf(url)
    // Reading the document is not a provider request: not journaled.
    if (path === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      void openApi(req).then(
        (answer) => write(res, answer, false),
        (error: unknown) => {
          state.log.error(`${provider}: the OpenAPI document failed:`, error)
          write(res, { status: 500, body: 'Internal Server Error', contentType: TEXT }, false)
        },
      )
      return
    }
    const started = performance.now()
    const at = state.clock.now()
    if (!hasBody(req)) return serve(req, res, path, undefined, readParams(url, undefined, undefined), at, started)
    readBody(req, BODY_LIMIT, (body) => {
      if (body === TOO_LARGE) {
        // Not read further: the connection closes once the page is out.
        res.shouldKeepAlive = false
        return finish(new Exchange(req, res, path, readParams(url, undefined, undefined), clientIpOf(req, trustProxy)), TOO_LARGE_ANSWER, at, started, undefined)
      }
      const contentType = req.headers['content-type']
      if (!isMultipart(contentType, body)) return serve(req, res, path, body, readParams(url, contentType, body), at, started)
      void readMultipart(body as Uint8Array, contentType).then((fields) => serve(req, res, path, body, readParams(url, contentType, body, fields), at, started))
    })
  }

  routes.push({ method: 'GET', path: '/openapi.json' })
  function all(_path: '*', handler: Handler): void {
    catchAll = handler
    routes.push({ method: 'ALL', path: '*' })
  }

  return { provider, routes, handles, listener, on, get: (path, handler) => on('GET', path, handler), all }
}
