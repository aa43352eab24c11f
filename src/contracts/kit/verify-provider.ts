// verify-provider: runs a provider's documented checks against any base URL (the real provider, a proxy, the emulator).
import { maskBody, maskRequest, maskTarget, maskText } from '../secrets.js'
import type { EndpointSpec, HttpMethod, ProviderContract, ProviderName } from '../types.js'
import { readAnswer } from './answers.js'
import { type Answer, CheckFailure, type CheckKind, type CheckSession, checksFor, type CredentialName, type Params, type ProviderCheck, type ProviderCredentials } from './checks.js'
import { contractFor, providerContracts } from './registry.js'

const allContracts = Object.values(providerContracts)

export interface VerifyProviderOptions {
  readonly provider: ProviderName | ProviderContract
  /** Where the provider answers: `https://esms.mimsms.com`, `http://127.0.0.1:7799`. */
  readonly baseUrl: string
  readonly credentials?: ProviderCredentials
  /** Run the checks that send an SMS (to `to`) or take delivery reports. Off by default. */
  readonly allowSend?: boolean
  /** The recipient of anything sent (required with `allowSend`). */
  readonly to?: string
  /** The text of anything sent. */
  readonly text?: string
  /** Waits between status polls. Real time by default; against the emulator, `(ms) => emu.clock.advance(ms)`. */
  readonly wait?: (ms: number) => unknown
  /** Between two status polls (default 2000 ms). */
  readonly pollIntervalMs?: number
  /** How long a sent message may take to reach a final status (default 60000 ms). */
  readonly dlrTimeoutMs?: number
  /** Per request (default 10000 ms). */
  readonly requestTimeoutMs?: number
  /** Run only the checks this accepts. */
  readonly filter?: (check: ProviderCheck) => boolean
  readonly fetch?: typeof fetch
}

export interface Exchange {
  readonly method: HttpMethod
  /** The URL with credential values masked. */
  readonly url: string
  /** The request body, masked likewise. */
  readonly requestBody?: string
  readonly status?: number
  readonly body?: string
  readonly error?: string
  readonly durationMs: number
}

export type CheckStatus = 'passed' | 'failed' | 'skipped'

export interface CheckResult {
  readonly id: string
  readonly endpoint: string
  readonly kind: CheckKind
  readonly title: string
  readonly status: CheckStatus
  /** Why it failed, or why it was skipped. */
  readonly message?: string
  readonly durationMs: number
  readonly exchanges: readonly Exchange[]
}

export interface ProviderVerification {
  readonly provider: ProviderName
  readonly title: string
  readonly baseUrl: string
  readonly startedAt: string
  readonly durationMs: number
  readonly results: readonly CheckResult[]
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  /** No check failed. */
  readonly ok: boolean
}

const DEFAULTS = { pollIntervalMs: 2000, dlrTimeoutMs: 60_000, requestTimeoutMs: 10_000 } as const
const BODY_LIMIT = 2000

function realWait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`
}

interface BuiltRequest {
  readonly method: HttpMethod
  readonly url: string
  readonly init: RequestInit
  readonly shown: { url: string; body?: string }
}

/** The HTTP request for `params`: path parameters in the path, the rest in the query (GET) or a form body (POST). */
export function buildRequest(baseUrl: string, endpoint: EndpointSpec, params: Params, method: HttpMethod = endpoint.methods[0] ?? 'GET'): BuiltRequest {
  const pathNames = new Set(endpoint.params.filter((param) => param.in === 'path').map((param) => param.name))
  const path = endpoint.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
  const rest = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && !pathNames.has(entry[0]))
  const query = new URLSearchParams(rest).toString()
  const json = method === 'POST' && !endpoint.encodings.includes('form') && endpoint.encodings.includes('json')
  // In a JSON body a message list travels as a JSON list, not as text holding one.
  const lists = new Set(endpoint.params.filter((param) => param.format === 'json-messages').map((param) => param.name))
  const jsonValue = (name: string, value: string): unknown => {
    if (!lists.has(name)) return value
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  }
  if (method === 'GET') {
    const target = path + (rest.length > 0 ? `?${query}` : '')
    return { method, url: joinUrl(baseUrl, target), init: { method }, shown: { url: joinUrl(baseUrl, maskTarget(target, allContracts)) } }
  }
  const body = json ? JSON.stringify(Object.fromEntries(rest.map(([name, value]) => [name, jsonValue(name, value)]))) : query
  const contentType = json ? 'application/json' : 'application/x-www-form-urlencoded'
  return {
    method,
    url: joinUrl(baseUrl, path),
    init: { method, body, headers: { 'content-type': contentType } },
    shown: { url: joinUrl(baseUrl, maskTarget(path, allContracts)), body: maskBody(body, contentType) },
  }
}

function cut(text: string): string {
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}...` : text
}

function describeError(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`
  return err.cause?.code ? `${err.message} (${err.cause.code})` : err.message
}

const CREDENTIAL_HINT: Readonly<Record<CredentialName, string>> = {
  key: 'the API key',
  secret: 'the secret (DiniSoft secretkey, MiM password)',
  account: 'the account name (DiniSoft client, MiM username)',
  sender: 'an approved sender ID',
}

/** Why a check cannot run with these options, or `undefined` when it can. */
export function skipReason(check: ProviderCheck, options: Pick<VerifyProviderOptions, 'credentials' | 'allowSend' | 'to'>): string | undefined {
  if (check.sends && !options.allowSend) return 'sends an SMS: run with allowSend (--allow-send --to N) to include it'
  if (check.consumes && !options.allowSend) return 'takes delivery reports your own system would otherwise read: run with allowSend (--allow-send) to include it'
  const missing = check.needs.filter((name) => options.credentials?.[name] === undefined)
  if (missing.length > 0) return `needs ${missing.map((name) => CREDENTIAL_HINT[name]).join(' and ')}`
  return undefined
}

/** A session against one base URL; each check's exchanges are collected for its result. */
export function createSession(contract: ProviderContract, options: VerifyProviderOptions, record: (exchange: Exchange) => void): CheckSession {
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs
  const wait = options.wait ?? realWait
  const states = new Map<string, Promise<unknown>>()
  return {
    contract,
    credentials: options.credentials ?? {},
    to: options.to ?? contract.endpoints.flatMap((endpoint) => endpoint.params).find((param) => param.role === 'recipients')?.example ?? '',
    text: options.text ?? 'Contract check from sms-provider-emulator',
    pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    dlrTimeoutMs: options.dlrTimeoutMs ?? DEFAULTS.dlrTimeoutMs,
    async call(endpoint, params, method): Promise<Answer> {
      const request = buildRequest(options.baseUrl, endpoint, params, method)
      const started = performance.now()
      const elapsed = () => Math.round(performance.now() - started)
      try {
        const res = await doFetch(request.url, { ...request.init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' })
        const body = await res.text()
        const shownBody = maskRequest({ provider: contract.provider, endpoint: endpoint.id, path: '', response: body }, allContracts).response ?? ''
        record({ method: request.method, url: request.shown.url, ...(request.shown.body ? { requestBody: request.shown.body } : {}), status: res.status, body: cut(shownBody), durationMs: elapsed() })
        return { status: res.status, body, reading: readAnswer(endpoint, body) }
      } catch (error) {
        const message = describeError(error, timeoutMs)
        record({ method: request.method, url: request.shown.url, ...(request.shown.body ? { requestBody: request.shown.body } : {}), error: message, durationMs: elapsed() })
        throw new CheckFailure(`${request.method} ${request.shown.url} failed: ${message}`)
      }
    },
    given<T>(state: string, setUp: () => Promise<T>): Promise<T> {
      let promise = states.get(state) as Promise<T> | undefined
      if (!promise) {
        promise = setUp().catch((error: Error) => {
          throw new CheckFailure(`could not set up "${state}": ${error.message}`)
        })
        states.set(state, promise)
      }
      return promise
    },
    async wait(ms) {
      await wait(ms)
    },
  }
}

/** Runs one check in a session, catching its verdict. */
export async function runCheck(check: ProviderCheck, session: CheckSession): Promise<Pick<CheckResult, 'status' | 'message'>> {
  try {
    await check.run(session)
    return { status: 'passed' }
  } catch (error) {
    if (error instanceof CheckFailure) return { status: 'failed', message: maskText(error.message, allContracts) }
    return { status: 'failed', message: maskText(`the check itself failed: ${(error as Error).stack ?? error}`, allContracts) }
  }
}

/**
 * Runs every documented check of a provider against `baseUrl` and reports each result.
 *
 * @example
 * const report = await verifyProvider({
 *   provider: 'dinisoft',
 *   baseUrl: 'http://127.0.0.1:7788',
 *   credentials: { key: 'demo-apikey', secret: 'demo-secretkey', account: 'demo' },
 * })
 * if (!report.ok) process.exitCode = 1
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<ProviderVerification> {
  const contract = typeof options.provider === 'string' ? contractFor(options.provider) : options.provider
  if (options.allowSend && !options.to) throw new Error('Failed to verify the provider: allowSend needs a recipient. Pass `to` (--to), a number you own.')
  const startedAt = new Date()
  let current: Exchange[] = []
  const session = createSession(contract, options, (exchange) => current.push(exchange))
  const results: CheckResult[] = []
  for (const check of checksFor(contract).filter(options.filter ?? (() => true))) {
    const base = { id: check.id, endpoint: check.endpoint, kind: check.kind, title: check.title }
    const skip = skipReason(check, options)
    if (skip) {
      results.push({ ...base, status: 'skipped', message: skip, durationMs: 0, exchanges: [] })
      continue
    }
    current = []
    const started = performance.now()
    const verdict = await runCheck(check, session)
    results.push({ ...base, ...verdict, durationMs: Math.round(performance.now() - started), exchanges: current })
  }
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length
  return {
    provider: contract.provider,
    title: contract.title,
    baseUrl: options.baseUrl,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    results,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    ok: count('failed') === 0,
  }
}

/** A readable table of the results, one line per check, failures explained below it. */
export function formatProviderVerification(report: ProviderVerification): string {
  const mark: Readonly<Record<CheckStatus, string>> = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' }
  const width = Math.max(...report.results.map((result) => result.endpoint.length), 8)
  const lines = [`${report.title} at ${report.baseUrl}`, '']
  for (const result of report.results) {
    lines.push(`  ${mark[result.status]}  ${result.endpoint.padEnd(width)}  ${result.title}`)
    if (result.status === 'failed' && result.message) lines.push(`        ${''.padEnd(width)}  -> ${result.message}`)
  }
  const skippedWhy = [...new Set(report.results.filter((result) => result.status === 'skipped').map((result) => result.message))]
  lines.push('', `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped in ${report.durationMs} ms`)
  for (const why of skippedWhy) lines.push(`Skipped: ${why}.`)
  return lines.join('\n')
}
