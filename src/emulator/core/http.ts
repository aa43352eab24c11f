// The HTTP frame every provider API shares: routing, parameters, journal, faults and latency, one error exit.
// It is a plain Node request listener: answers are plain text and headers written with one writeHead and
// one end; a request without latency or faults is served synchronously once its body is read.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Answer, GONE, TEXT, writeAnswer } from './answer.js'
import { inMemory } from './durability.js'
import { Exchange, type Handler, type RequestListener } from './exchange.js'
import { JOURNAL_TEXT_LIMIT, pathOf } from './journal.js'
import { isMultipart, readMultipart, readParams, type RequestParams } from './params.js'
import { BODY_LIMIT, hasBody, readBody, TOO_LARGE, TOO_LARGE_ANSWER } from './request-body.js'
import { Router, type RouteInfo } from './router.js'
import type { EmulatorState } from './state.js'

export { type Answer, errorPage } from './answer.js'
export { serveEndpoint, type EndpointCall, type Refusal } from './endpoint.js'
export { Exchange, type Handler, type RequestListener } from './exchange.js'
export { BODY_LIMIT } from './request-body.js'
export type { RouteInfo } from './router.js'

export interface ProviderAppOptions {
  readonly provider: string
  /** The provider's internal-error answer (DiniSoft 101, MiM 1005). */
  readonly internalError: (exchange: Exchange) => Answer
  /** Whether answers carry CORS headers and OPTIONS gets a preflight answer (read per request). */
  readonly cors?: () => boolean
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
  const router = new Router()
  router.routes.push({ method: 'GET', path: '/openapi.json' })
  const documents = new Map<string, string>()

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

  function failed(exchange: Exchange, error: unknown): Answer {
    state.log.error(`${provider}: answering ${exchange.method} ${exchange.path} with the internal-error code after an unexpected error:`, error)
    return options.internalError(exchange)
  }

  function finish(exchange: Exchange, answer: Answer, at: number, started: number, body: Uint8Array | undefined): void {
    const cors = options.cors?.() ?? false
    // With --db, the changes behind this answer (an acceptance, a one-shot read) are committed first.
    if (answer !== GONE) {
      // In memory nothing waits for a commit: the answer goes out at once, without a callback per request.
      if (state.durability === inMemory) writeAnswer(exchange.res, answer, cors)
      else state.durability.afterCommit((committed) => (committed ? writeAnswer(exchange.res, answer, cors) : exchange.res.destroy()))
    }
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
      const found = method === 'OPTIONS' && options.cors?.() ? undefined : router.find(method, path)
      if (found) {
        exchange.pathParams = found.params
        answer = found.handler(exchange)
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
        (answer) => writeAnswer(res, answer, false),
        (error: unknown) => {
          state.log.error(`${provider}: the OpenAPI document failed:`, error)
          writeAnswer(res, { status: 500, body: 'Internal Server Error', contentType: TEXT }, false)
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

  return {
    provider,
    routes: router.routes,
    handles: (path) => path === '/openapi.json' || router.has(path),
    listener,
    on: (methods, path, handler) => router.on(methods, path, handler),
    get: (path, handler) => router.on('GET', path, handler),
    all: (_path, handler) => router.all(handler),
  }
}
