// The HTTP frame every provider app shares: parameters, journal, faults and latency, one error exit.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Hono, type Context } from 'hono'
import { openApiDocument } from '../../contracts/kit/openapi.js'
import { readParams, type RequestParams } from './params.js'
import type { Reason } from '../../contracts/reasons.js'
import { Rejection } from './rejection.js'
import type { Decision, Fault, RequestFacts } from './rules.js'
import type { EmulatorState } from './state.js'

export interface ProviderEnv {
  Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse }
  Variables: {
    provider: string
    params: RequestParams
    clientIp: string
    endpoint: string | undefined
    decision: Decision | undefined
    fault: string | undefined
  }
}

export type ProviderContext = Context<ProviderEnv>

export interface ProviderAppOptions {
  readonly provider: string
  /** The body of the provider's internal-error answer (DiniSoft 101, MiM 1005). */
  readonly internalError: (c: ProviderContext) => Response
}

/** Largest body read, in bytes; longer bodies are cut there. */
const BODY_LIMIT = 1_048_576
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key'])
const JOURNAL_TEXT_LIMIT = 65_536

function normaliseIp(address: string | undefined): string {
  if (!address) return '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address === '::1' ? '127.0.0.1' : address
}

function clientIpOf(c: ProviderContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',', 1)[0]?.trim()
    if (forwarded) return normaliseIp(forwarded)
  }
  return normaliseIp(c.env?.incoming?.socket.remoteAddress)
}

function publicHeaders(c: ProviderContext): Record<string, string> {
  const headers: Record<string, string> = {}
  c.req.raw.headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name)) headers[name] = value
  })
  return headers
}

async function readBody(c: ProviderContext, limit: number): Promise<ArrayBuffer | undefined> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return undefined
  const body = await c.req.arrayBuffer()
  return body.byteLength > limit ? body.slice(0, limit) : body
}

function query(url: string): Record<string, string> {
  const start = url.indexOf('?')
  return start === -1 ? {} : Object.fromEntries(new URLSearchParams(url.slice(start + 1)))
}

/**
 * A Hono app for one provider. Before each request it reads the parameters; after it, it journals the
 * exchange. Unexpected errors become the provider's internal-error answer, never a stack trace.
 */
export function createProviderApp(state: EmulatorState, options: ProviderAppOptions): Hono<ProviderEnv> {
  const app = new Hono<ProviderEnv>()
  const { trustProxy } = state.settings

  // Before the journal middleware: reading the document is not a provider request.
  const documents = new Map<string, object>()
  app.get('/openapi.json', (c) => {
    const contract = state.providers.get(options.provider)?.contract
    if (!contract) return c.body('Not Found', 404, { 'content-type': 'text/plain' })
    const origin = new URL(c.req.url).origin
    let document = documents.get(origin)
    if (!document) {
      document = openApiDocument(contract, { serverUrl: origin, serverDescription: 'This emulator' })
      if (documents.size < 16) documents.set(origin, document)
    }
    return c.json(document)
  })

  app.use(async (c, next) => {
    const started = performance.now()
    const at = state.clock.now()
    let body: ArrayBuffer | undefined
    try {
      body = await readBody(c, BODY_LIMIT)
    } catch {
      body = undefined
    }
    c.set('provider', options.provider)
    c.set('params', await readParams(c.req.url, c.req.header('content-type'), body))
    c.set('clientIp', clientIpOf(c, trustProxy))
    await next()
    const decision = c.get('decision')
    if (decision?.fault && isAfterFault(decision.fault) && c.get('fault') === undefined) {
      c.res = await applyAfterFault(c, decision.fault)
    }
    if (!c.res.headers.has('content-type') && c.env?.outgoing) sendWithoutContentType(c.env.outgoing)
    const responseText = c.res.body && c.get('fault') !== 'drop' && c.get('fault') !== 'hang' ? await c.res.clone().text() : ''
    const contentType = c.req.header('content-type')
    const rules = decision?.rules ?? []
    state.journal.record({
      at,
      provider: options.provider,
      ...(c.get('endpoint') === undefined ? {} : { endpoint: c.get('endpoint') }),
      method: c.req.method,
      path: c.req.path,
      query: query(c.req.url),
      headers: publicHeaders(c),
      ...(contentType === undefined ? {} : { contentType }),
      body: body ? new TextDecoder().decode(body.byteLength > JOURNAL_TEXT_LIMIT ? body.slice(0, JOURNAL_TEXT_LIMIT) : body) : '',
      clientIp: c.get('clientIp'),
      status: c.res.status,
      response: responseText.slice(0, JOURNAL_TEXT_LIMIT),
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      ...(rules.length === 0 ? {} : { rule: rules.join(', ') }),
      ...(c.get('fault') === undefined ? {} : { fault: c.get('fault') }),
    })
  })

  app.onError((error, c) => {
    state.log.error(`${options.provider}: answering ${c.req.method} ${c.req.path} with the internal-error code after an unexpected error:`, error)
    return options.internalError(c)
  })

  app.notFound((c) => c.body('Not Found', 404, { 'content-type': 'text/plain' }))
  return app
}

/**
 * The Node adapter gives every body a text/plain Content-Type; some gateways send none, and clients
 * that sniff the body depend on that. An answer built without one goes out without one.
 */
function sendWithoutContentType(outgoing: ServerResponse): void {
  const writeHead = outgoing.writeHead.bind(outgoing) as (status: number, headers?: Record<string, unknown>) => ServerResponse
  outgoing.writeHead = ((status: number, headers?: Record<string, unknown>) => {
    if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name]
    }
    return writeHead(status, headers)
  }) as ServerResponse['writeHead']
}

function isAfterFault(fault: Fault): boolean {
  return fault.kind === 'malformed'
}

/** Cuts a finished answer short, as a connection closed mid-body or a broken proxy would. */
async function applyAfterFault(c: ProviderContext, fault: Fault): Promise<Response> {
  c.set('fault', fault.kind)
  const text = await c.res.text()
  const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
  const headers = new Headers(c.res.headers)
  // Bytes, not a string: a string body would gain a text/plain Content-Type the answer did not have.
  return new Response(new TextEncoder().encode(cut), { status: c.res.status, headers })
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

/** Waits in wall-clock time (network latency is felt by the client's real timers, not the virtual clock). */
function wallClockDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

function untilClientGoesAway(c: ProviderContext): Promise<void> {
  return new Promise((resolve) => {
    const socket = c.env?.incoming?.socket
    if (!socket || socket.destroyed) return resolve()
    socket.once('close', () => resolve())
  })
}

/**
 * Applies a decision's latency and any fault that replaces the answer. Returns the response to send
 * instead of the provider's own, or `undefined` to carry on with the request.
 */
async function applyTransport(c: ProviderContext, decision: Decision): Promise<Response | undefined> {
  c.set('decision', decision)
  if (decision.latencyMs) await wallClockDelay(decision.latencyMs, c.req.raw.signal)
  const fault = decision.fault
  if (!fault || isAfterFault(fault)) return undefined
  c.set('fault', fault.kind)
  switch (fault.kind) {
    case 'http-500':
    case 'http-502':
    case 'http-503': {
      const { status, title } = HTTP_FAULTS[fault.kind]
      return c.body(errorPage(title, status), status, { 'content-type': 'text/html' })
    }
    case 'rate-limit': {
      const seconds = Math.max(1, Math.ceil((fault.retryAfterMs ?? 1000) / 1000))
      return c.body('Too Many Requests', 429, { 'content-type': 'text/plain', 'retry-after': String(seconds) })
    }
    case 'drop': {
      const gone = untilClientGoesAway(c)
      c.env?.incoming?.socket.destroy()
      await gone
      return new Response(null, { status: 499 })
    }
    case 'hang': {
      await untilClientGoesAway(c)
      return new Response(null, { status: 499 })
    }
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
  readonly refuse: (refusal: Refusal) => Response
  /** The provider's own work; throws a `Rejection` to refuse. */
  readonly run: (decision: Decision) => Response | Promise<Response>
}

/**
 * The frame of every provider endpoint: the scenario decides, latency and faults apply, and a refusal
 * (the scenario's, or a `Rejection` thrown by `run`) is answered by `refuse`.
 */
export async function serveEndpoint(c: ProviderContext, state: EmulatorState, call: EndpointCall): Promise<Response> {
  c.set('endpoint', call.endpoint)
  const decision = state.scenario.decide({ provider: c.get('provider'), endpoint: call.endpoint, ...call.facts })
  const replaced = await applyTransport(c, decision)
  if (replaced) return replaced
  if (decision.code !== undefined || decision.reject !== undefined) return call.refuse({ code: decision.code, reason: decision.reject })
  try {
    return await call.run(decision)
  } catch (error) {
    if (error instanceof Rejection) return call.refuse({ code: error.code, reason: error.reason })
    throw error
  }
}
