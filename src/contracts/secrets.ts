// Which request fields hold credentials and how they are shown: every exit that shows a request masks here.
import type { ProviderContract } from './types.js'

/** The contracts whose paths and answers are masked (path credentials are known from their templates). */
export type Contracts = readonly ProviderContract[]

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key'])

/** Whether a request header (lower-case name) carries a credential: the journal drops those. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name)
}

/** What replaces the hidden middle of a secret. */
export const MASK = '****'

/**
 * Credential names, lower case with separators removed. A name is secret when it contains one of the
 * stems, or is one or two letters off one of the names (`apikye`, `secrtkey`): a misspelled credential
 * is still a credential.
 */
const SECRET_STEMS = ['key', 'secret', 'pass', 'pwd', 'token', 'auth', 'signature', 'cookie', 'credential', 'session'] as const
const SECRET_NAMES = ['apikey', 'secretkey', 'password', 'passwd', 'apisecret', 'apitoken', 'accesstoken'] as const

const ROLES_SECRET = new Set(['key', 'secret'])

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function withinTwo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return (previous[b.length] ?? 0) <= 2
}

const verdicts = new Map<string, boolean>()

/**
 * Whether a parameter, field or header name holds a credential, whatever its case, separators or a
 * letter or two of misspelling: `apikey`, `api_key`, `API-KEY`, `secretKey`, `password`, `apikye`.
 */
export function isSecretName(name: string): boolean {
  const known = verdicts.get(name)
  if (known !== undefined) return known
  // Bracket notation (`auth[key]`) counts by its innermost name as well as its base.
  const plain = normalise(name)
  const verdict =
    plain !== '' &&
    (SECRET_STEMS.some((stem) => plain.includes(stem)) || (plain.length >= 5 && SECRET_NAMES.some((secret) => withinTwo(plain, secret))))
  if (verdicts.size < 4096) verdicts.set(name, verdict)
  return verdict
}

/**
 * A secret shown so a person recognises it but nobody can use it: at most a third of it survives,
 * never the whole.
 *
 * @example
 * maskSecret('demo-api-key') // 'demo****key'
 */
export function maskSecret(value: string): string {
  const chars = [...value]
  if (chars.length >= 12) return `${chars.slice(0, 4).join('')}${MASK}${chars.slice(-3).join('')}`
  if (chars.length >= 8) return `${chars.slice(0, 2).join('')}${MASK}${chars.slice(-1).join('')}`
  return MASK
}

const segmentTables = new WeakMap<ProviderContract, ReadonlyMap<string, ReadonlySet<number>>>()

/** Path positions that carry a credential, by the path's first segment: `miscapi` -> [1], `getkey` -> [2]. */
function secretSegments(contract: ProviderContract): ReadonlyMap<string, ReadonlySet<number>> {
  const cached = segmentTables.get(contract)
  if (cached) return cached
  const table = new Map<string, Set<number>>()
  for (const endpoint of contract.endpoints) {
    for (const path of [endpoint.path, ...(endpoint.aliases ?? [])]) {
      const segments = path.split('/').slice(1)
      const head = segments[0]?.toLowerCase()
      if (head === undefined || head.startsWith(':')) continue
      segments.forEach((segment, index) => {
        const param = endpoint.params.find((each) => each.in === 'path' && `:${each.name}` === segment)
        if (param?.role === undefined || !ROLES_SECRET.has(param.role)) return
        const positions = table.get(head) ?? new Set<number>()
        positions.add(index)
        table.set(head, positions)
      })
    }
  }
  segmentTables.set(contract, table)
  return table
}

function secretPositions(head: string, contracts: Contracts): ReadonlySet<number> | undefined {
  for (const contract of contracts) {
    const positions = secretSegments(contract).get(head)
    if (positions) return positions
  }
  return undefined
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text
  }
}

/**
 * A path with its credential segments masked, whatever the case of the prefix:
 * `/miscapi/demo-api-key/getBalance` -> `/miscapi/demo****key/getBalance`, `/getkey/USER/PASSWORD` -> `/getkey/USER/PA****D`.
 */
export function maskPath(path: string, contracts: Contracts): string {
  const segments = path.split('/')
  const positions = secretPositions((segments[1] ?? '').toLowerCase(), contracts)
  if (!positions) return path
  return segments.map((segment, index) => (index > 0 && positions.has(index - 1) && segment !== '' ? encodeURIComponent(maskSecret(decoded(segment))) : segment)).join('/')
}

/** A query string or form body (`a=1&apikey=...`) with credential values masked; names and order kept. */
export function maskUrlEncoded(text: string): string {
  if (!text.includes('=')) return text
  return text
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=')
      if (at === -1) return pair
      const name = decoded(pair.slice(0, at))
      return isSecretName(name) ? `${pair.slice(0, at)}=${encodeURIComponent(maskSecret(decoded(pair.slice(at + 1))))}` : pair
    })
    .join('&')
}

/** A request target (path and query string) with its credentials masked. */
export function maskTarget(target: string, contracts: Contracts): string {
  const at = target.indexOf('?')
  return at === -1 ? maskPath(target, contracts) : `${maskPath(target.slice(0, at), contracts)}?${maskUrlEncoded(target.slice(at + 1))}`
}

/** A name/value record (a parsed query, headers) with credential values masked. */
export function maskRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const masked: Record<string, string> = {}
  for (const [name, value] of Object.entries(record)) masked[name] = isSecretName(name) ? maskSecret(value) : value
  return masked
}

/** A parsed JSON value with every credential field masked, at any depth. */
export function maskJson(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => maskJson(item, depth + 1))
  const masked: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(value)) {
    masked[name] = isSecretName(name) && (typeof field === 'string' || typeof field === 'number') ? maskSecret(String(field)) : maskJson(field, depth + 1)
  }
  return masked
}

const MULTIPART_FIELD = /(name="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([^\r\n]*)/g

/** A request body with its credentials masked: JSON fields, form fields or multipart parts. */
export function maskBody(body: string, contentType = ''): string {
  if (body === '') return body
  const type = contentType.toLowerCase()
  const trimmed = body.trimStart()
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(maskJson(JSON.parse(body)))
    } catch {
      return maskText(body, [])
    }
  }
  if (type.includes('multipart/')) return body.replace(MULTIPART_FIELD, (whole, head: string, name: string, value: string) => (isSecretName(name) ? `${head}${maskSecret(value)}` : whole))
  return maskUrlEncoded(body)
}

// A name starts where no name character precedes it, so a long run of text is scanned once.
const TEXT_PAIR = /(?<![A-Za-z0-9_.[\]-])([A-Za-z0-9_.[\]-]+)(=|"\s*:\s*"|'\s*:\s*'|:\s*)([^&\s"',;]*)/g
// Where a credential path starts in free text: `/miscapi/`, `/getkey/` (any case), up to a space or quote.
const TEXT_PATH = /\/[A-Za-z0-9_-]+(?:\/[^/\s?#"']*)+/g

/**
 * Free text (a log line, an error message) with credentials masked: `name=value` pairs, JSON
 * fields and credential path segments.
 */
export function maskText(text: string, contracts: Contracts): string {
  return text
    .replace(TEXT_PATH, (path) => maskPath(path, contracts))
    .replace(TEXT_PAIR, (whole, name: string, separator: string, value: string) => (value !== '' && isSecretName(name) ? `${name}${separator}${maskSecret(value)}` : whole))
}

/**
 * Text with each known secret value masked wherever it stands, as is or URL-encoded: for text that
 * names a credential without a `name=value` pair (a program's output: `using key demo-api-key`).
 *
 * @example
 * maskValues('using key demo-api-key', ['demo-api-key']) // 'using key demo****key'
 */
export function maskValues(text: string, secrets: readonly string[]): string {
  const values = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length)
  let masked = text
  for (const value of values) {
    for (const form of new Set([value, encodeURIComponent(value)])) masked = masked.split(form).join(maskSecret(value))
  }
  return masked
}

/** The fields of a recorded request that can carry credentials (a journal entry has them all). */
export interface ShownRequest {
  readonly provider?: string
  readonly endpoint?: string
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
  readonly contentType?: string
  readonly body?: string
  readonly response?: string
}

function answersCredential(entry: ShownRequest, response: string, contracts: Contracts): boolean {
  if (entry.endpoint === undefined) return false
  const spec = contracts.find((contract) => contract.provider === entry.provider)?.endpoints.find((each) => each.id === entry.endpoint)
  if (!spec || spec.responses.some((answer) => answer.credential !== true && answer.pattern?.test(response))) return false
  return spec.responses.some((answer) => answer.credential === true && (answer.pattern?.test(response) ?? true))
}

/**
 * A recorded request as it may leave the process: credentials in the path, query, headers and body
 * masked, and an answer that is itself a credential (MiM's /getkey) masked too.
 */
export function maskRequest<T extends ShownRequest>(entry: T, contracts: Contracts): T {
  return {
    ...entry,
    path: maskTarget(entry.path, contracts),
    ...(entry.query === undefined ? {} : { query: maskRecord(entry.query) }),
    ...(entry.headers === undefined ? {} : { headers: maskRecord(entry.headers) }),
    ...(entry.body === undefined ? {} : { body: maskBody(entry.body, entry.contentType) }),
    ...(entry.response === undefined ? {} : { response: answersCredential(entry, entry.response, contracts) ? maskSecret(entry.response) : entry.response }),
  }
}
