// HTTP for the clients: base URLs, an injectable fetch, a timeout per attempt, retries with back-off.
import { GatewayError, type ProviderName, TransportError } from './gateway.js'

export type Fetch = (input: URL | string, init?: RequestInit) => Promise<Response>

export interface RetryOptions {
  /** Attempts in all, the first included (1 = never retry). Default 3. */
  readonly attempts?: number
  /** Back-off before the second attempt; doubles each time, with full jitter. Default 250 ms. */
  readonly baseDelayMs?: number
  /** Longest wait between two attempts; a `Retry-After` beyond it ends the retries. Default 5000 ms. */
  readonly maxDelayMs?: number
  /**
   * When a send (which can cost money and reach a phone twice) is tried again: `not-sent` (default)
   * only when the connection failed before the request left (refused, unknown host), `never` not at all.
   * Reads (status, balance, reports) are retried on every failure that retrying can help.
   */
  readonly sends?: 'not-sent' | 'never'
}

export interface HttpOptions {
  /** The fetch to use (default: Node's own); handy for proxies, logging and tests. */
  readonly fetch?: Fetch
  /** Time allowed for one attempt, answer body included. Default 15000 ms. */
  readonly timeoutMs?: number
  /** Retry policy, or `false` for a single attempt. */
  readonly retry?: RetryOptions | false
  /** Cancels every request of the client; an aborted call rejects with the signal's reason. */
  readonly signal?: AbortSignal
  /** Extra headers for every request (a User-Agent, say). */
  readonly headers?: Readonly<Record<string, string>>
  /** Waits between attempts. Injectable so tests need not wait for real. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The jitter's random source, in [0, 1). */
  readonly random?: () => number
}

export interface HttpAnswer {
  readonly status: number
  readonly body: string
  readonly contentType: string | undefined
}

export interface HttpCall<T> {
  /** What the call does, for messages: `Failed to <action>: ...`. */
  readonly action: string
  /** `read` calls are retried freely; `send` calls only under the `sends` policy. */
  readonly kind: 'read' | 'send'
  readonly method: 'GET' | 'POST'
  readonly url: URL
  /** A form body, or a JSON body (an object, sent as `application/json`). */
  readonly body?: URLSearchParams | { readonly json: unknown }
  /** Turns the answer into a result; throws a `GatewayError` (a retryable one may be retried). */
  readonly read: (answer: HttpAnswer) => T
}

const DEFAULTS = { attempts: 3, baseDelayMs: 250, maxDelayMs: 5000, sends: 'not-sent', timeoutMs: 15_000 } as const

/** Error codes of a connection that failed before any byte of the request was written. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])
const BODY_IN_MESSAGE = 300

/** Joins a base URL (which may carry a path prefix) and an endpoint path. */
export function joinUrl(base: string, path: string, query?: Readonly<Record<string, string>>): URL {
  const url = new URL(base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`))
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.append(name, value)
  return url
}

/** Checks a configured base URL at construction, so a typo fails at start-up rather than at the first send. */
export function checkBaseUrl(name: string, value: string | undefined): string {
  if (!value) throw new TypeError(`Missing ${name}: give the provider's base URL, e.g. http://127.0.0.1:7788`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new TypeError(`Invalid ${name} "${value}": expected an absolute http(s) URL such as http://127.0.0.1:7788`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Invalid ${name} "${value}": expected http or https`)
  return value
}

/** A body for an error message: quoted, cut to a readable length. */
export function quoteBody(body: string): string {
  if (body === '') return 'an empty body'
  const cut = body.length > BODY_IN_MESSAGE ? `${body.slice(0, BODY_IN_MESSAGE)}… (${body.length} characters)` : body
  return `body ${JSON.stringify(cut)}`
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function causeCodes(error: unknown): string[] {
  const codes: string[] = []
  const collect = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return
    const { code, errors } = value as { code?: unknown; errors?: unknown }
    if (typeof code === 'string') codes.push(code)
    if (Array.isArray(errors)) errors.forEach(collect)
  }
  collect(error)
  collect((error as { cause?: unknown } | null)?.cause)
  return codes
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/** One provider's HTTP: every call of a client goes through `call`. */
export class HttpClient {
  readonly #provider: ProviderName
  readonly #fetch: Fetch
  readonly #timeoutMs: number
  readonly #retry: Required<RetryOptions>
  readonly #signal: AbortSignal | undefined
  readonly #headers: Readonly<Record<string, string>>
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly #random: () => number
  readonly #secrets: readonly string[]

  /** `secrets` are masked where a URL appears in an error message (MiM puts its key in the path). */
  constructor(provider: ProviderName, options: HttpOptions = {}, secrets: readonly (string | undefined)[] = []) {
    this.#provider = provider
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs
    const retry = options.retry === false ? { attempts: 1 } : (options.retry ?? {})
    this.#retry = {
      attempts: Math.max(1, Math.floor(retry.attempts ?? DEFAULTS.attempts)),
      baseDelayMs: retry.baseDelayMs ?? DEFAULTS.baseDelayMs,
      maxDelayMs: retry.maxDelayMs ?? DEFAULTS.maxDelayMs,
      sends: retry.sends ?? DEFAULTS.sends,
    }
    this.#signal = options.signal
    this.#headers = options.headers ?? {}
    this.#sleep = options.sleep ?? defaultSleep
    this.#random = options.random ?? Math.random
    this.#secrets = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0)
  }

  /** Runs a call, retrying what the policy allows, and answers what `call.read` makes of the answer. */
  async call<T>(call: HttpCall<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return call.read(await this.#exchange(call))
      } catch (error) {
        const wait = error instanceof GatewayError ? this.#retryDelay(call, error, attempt) : undefined
        if (wait === undefined) throw error instanceof TransportError && attempt > 1 ? this.#withAttempts(error, attempt) : error
        await this.#sleep(wait, this.#signal)
      }
    }
  }

  /** Milliseconds to wait before the next attempt, or `undefined` when there is none. */
  #retryDelay(call: HttpCall<unknown>, error: GatewayError, attempt: number): number | undefined {
    if (attempt >= this.#retry.attempts) return undefined
    const allowed =
      call.kind === 'read'
        ? error.retryable
        : this.#retry.sends === 'not-sent' && error instanceof TransportError && error.failure === 'not-sent'
    if (!allowed) return undefined
    // Full jitter: anywhere between 0 and the exponential ceiling, so many clients do not retry in step.
    const ceiling = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1))
    const jittered = Math.floor(this.#random() * ceiling)
    const asked = error instanceof TransportError ? error.details.retryAfterMs : undefined
    if (asked === undefined) return jittered
    return asked > this.#retry.maxDelayMs ? undefined : Math.max(jittered, asked)
  }

  #withAttempts(error: TransportError, attempts: number): TransportError {
    return new TransportError(
      error.provider,
      `${error.message} (${attempts} attempts)`,
      error.failure,
      error.retryable,
      { ...error.details, attempts },
      { cause: error.cause },
    )
  }

  /** The URL without its query (where DiniSoft puts its keys), path segments that are secrets masked (MiM's key). */
  describe(url: URL): string {
    const path = url.pathname
      .split('/')
      .map((segment) => (this.#secrets.includes(safeDecode(segment)) ? '***' : segment))
      .join('/')
    return `${url.origin}${path}`
  }

  async #exchange(call: HttpCall<unknown>): Promise<HttpAnswer> {
    const timeout = AbortSignal.timeout(this.#timeoutMs)
    const signal = this.#signal ? AbortSignal.any([this.#signal, timeout]) : timeout
    const where = `${call.method} ${this.describe(call.url)}`
    const fail = (failure: 'timeout' | 'not-sent' | 'network', why: string, cause: unknown) =>
      new TransportError(this.#provider, `Failed to ${call.action}: ${why} (${where}).`, failure, true, {}, { cause })
    try {
      const response = await this.#fetch(call.url, {
        method: call.method,
        headers: {
          ...this.#headers,
          ...(call.body ? { 'content-type': call.body instanceof URLSearchParams ? 'application/x-www-form-urlencoded;charset=UTF-8' : 'application/json' } : {}),
        },
        ...(call.body ? { body: call.body instanceof URLSearchParams ? call.body.toString() : JSON.stringify(call.body.json) } : {}),
        signal,
        redirect: 'follow',
      })
      const body = await response.text()
      const contentType = response.headers.get('content-type') ?? undefined
      if (response.status < 200 || response.status > 299) {
        const retryAfter = retryAfterMs(response.headers.get('retry-after'))
        throw new TransportError(
          this.#provider,
          `Failed to ${call.action}: HTTP ${response.status} from ${where}, ${quoteBody(body)}. ${hintForStatus(response.status)}`,
          'http-status',
          RETRYABLE_STATUSES.has(response.status),
          { status: response.status, body, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) },
        )
      }
      return { status: response.status, body, contentType }
    } catch (error) {
      if (error instanceof GatewayError) throw error
      if (this.#signal?.aborted) throw this.#signal.reason
      if (timeout.aborted) {
        throw fail('timeout', `no answer within ${this.#timeoutMs} ms; the request may have reached the provider`, error)
      }
      const codes = causeCodes(error)
      if (codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code))) {
        throw fail('not-sent', `could not connect (${[...new Set(codes)].join(', ')}); the request was not sent`, error)
      }
      const detail = (error as { cause?: { message?: unknown } }).cause?.message ?? (error as Error).message
      throw fail('network', `the connection failed (${String(detail)}); the request may have reached the provider`, error)
    }
  }

  /** An error for a 2xx answer that is none of the documented bodies. */
  unexpected(call: Pick<HttpCall<unknown>, 'action' | 'url'>, answer: HttpAnswer, expected: string): TransportError {
    return new TransportError(
      this.#provider,
      `Failed to ${call.action}: expected ${expected}, got ${quoteBody(answer.body)} (HTTP ${answer.status} from ${this.describe(call.url)}).`,
      'unexpected-body',
      false,
      { status: answer.status, body: answer.body },
    )
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function hintForStatus(status: number): string {
  if (status === 404) return 'Check the base URL: the provider has no such path.'
  if (status === 429) return 'The provider is limiting the request rate.'
  if (status >= 500) return 'The provider or a proxy in front of it is failing.'
  return 'The provider refused the request at the HTTP level.'
}
