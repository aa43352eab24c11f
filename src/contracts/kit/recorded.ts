// A recorded request (the emulator's journal entry, or a line of an exported file) and how to read it.
import type { BodyEncoding, EndpointSpec, ParamSpec, ProviderContract } from '../types.js'

/**
 * One request a consumer made, as the emulator's journal records it (its `JournalEntry` is assignable
 * to this type) or as a JSON/JSONL file holds it. Only `method` and `path` are required.
 */
export interface RecordedRequest {
  readonly seq?: number
  /** When it arrived: epoch milliseconds (the emulator's clock) or an ISO 8601 date (the control API's form). */
  readonly at?: number | string
  /** `dinisoft` or `mimsms`; inferred from the path when absent. */
  readonly provider?: string
  readonly endpoint?: string
  readonly method: string
  /** The path, optionally with its query string (`/sendtext?apikey=...`). */
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
  readonly contentType?: string
  /** The raw request body as text. */
  readonly body?: string
  /** The HTTP status answered. */
  readonly status?: number
  /** The body answered. */
  readonly response?: string
  /** A fault that replaced the answer (the emulator's scenario). */
  readonly fault?: string
}

/** How a request's parameters arrived, as the kit reads them. */
export type WireEncoding = BodyEncoding | 'unreadable'

export interface WireParam {
  readonly name: string
  readonly value: string
  readonly from: 'query' | 'body' | 'path'
}

export interface WireRequest {
  readonly method: string
  readonly path: string
  readonly encoding: WireEncoding
  /** Why the body could not be read, when `encoding` is `unreadable`. */
  readonly unreadable?: string
  /** Every name/value pair in arrival order: path, then query, then body. */
  readonly params: readonly WireParam[]
  /** The parsed JSON body, when there was one. */
  readonly json?: unknown
}

export interface EndpointMatch {
  readonly endpoint: EndpointSpec
  /** The documented path (or alias) that matched. */
  readonly path: string
  readonly pathParams: Readonly<Record<string, string>>
}

interface PathMatcher {
  readonly endpoint: EndpointSpec
  readonly path: string
  readonly regex: RegExp
  readonly names: readonly string[]
}

const matchersCache = { exact: new WeakMap<ProviderContract, readonly PathMatcher[]>(), loose: new WeakMap<ProviderContract, readonly PathMatcher[]>() }

function compilePath(path: string, ignoreCase: boolean): { regex: RegExp; names: string[] } {
  const names: string[] = []
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1))
        return '([^/]+)'
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  // Loosely: any case and a trailing slash, to suggest the path a caller meant.
  return { regex: ignoreCase ? new RegExp(`^${source}/?$`, 'i') : new RegExp(`^${source}$`), names }
}

function matchersOf(contract: ProviderContract, ignoreCase: boolean): readonly PathMatcher[] {
  const cache = ignoreCase ? matchersCache.loose : matchersCache.exact
  let matchers = cache.get(contract)
  if (!matchers) {
    matchers = contract.endpoints.flatMap((endpoint) =>
      [endpoint.path, ...(endpoint.aliases ?? [])].map((path) => ({ endpoint, path, ...compilePath(path, ignoreCase) })),
    )
    cache.set(contract, matchers)
  }
  return matchers
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * The endpoint a path belongs to (first match in contract order, as the providers route). With
 * `ignoreCase`, also a path that differs in case or ends in a slash: what a caller probably meant.
 */
export function matchEndpoint(contract: ProviderContract, path: string, ignoreCase = false): EndpointMatch | undefined {
  for (const matcher of matchersOf(contract, ignoreCase)) {
    const match = matcher.regex.exec(path)
    if (!match) continue
    const pathParams: Record<string, string> = {}
    matcher.names.forEach((name, i) => {
      pathParams[name] = decodeSegment(match[i + 1] ?? '')
    })
    return { endpoint: matcher.endpoint, path: matcher.path, pathParams }
  }
  return undefined
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? ''
}

function headerOf(record: RecordedRequest, name: string): string | undefined {
  if (!record.headers) return undefined
  for (const [key, value] of Object.entries(record.headers)) if (key.toLowerCase() === name) return value
  return undefined
}

function jsonValueToString(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Reads `multipart/form-data` text (the journal keeps bodies as text), field by field. */
function multipartFields(body: string, contentType: string): [string, string][] | string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const marker = boundary?.[1] ?? boundary?.[2]?.trim()
  if (!marker) return 'the multipart Content-Type names no boundary'
  const fields: [string, string][] = []
  const parts = body.split(`--${marker}`)
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break
    const headerEnd = part.search(/\r?\n\r?\n/)
    if (headerEnd === -1) continue
    const headers = part.slice(0, headerEnd)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (name === undefined) continue
    const valueStart = part.slice(headerEnd).match(/^\r?\n\r?\n/)?.[0].length ?? 0
    fields.push([name, part.slice(headerEnd + valueStart).replace(/\r?\n$/, '')])
  }
  if (fields.length === 0 && body.trim() !== '') return 'the multipart body holds no readable field'
  return fields
}

function splitPath(path: string): { pathname: string; search: string } {
  const start = path.indexOf('?')
  return start === -1 ? { pathname: path, search: '' } : { pathname: path.slice(0, start), search: path.slice(start + 1) }
}

/** When the request arrived, in epoch milliseconds; `undefined` when not recorded or unreadable. */
export function arrivedAt(record: RecordedRequest): number | undefined {
  if (typeof record.at === 'number') return Number.isFinite(record.at) ? record.at : undefined
  if (typeof record.at === 'string') {
    const at = Date.parse(record.at)
    return Number.isFinite(at) ? at : undefined
  }
  return undefined
}

/** The request's path without its query string. */
export function pathnameOf(record: RecordedRequest): string {
  return splitPath(record.path).pathname
}

/** Reads a recorded request's parameters from its path, query string and body, as a provider would. */
export function readWire(record: RecordedRequest, pathParams: Readonly<Record<string, string>> = {}): WireRequest {
  const method = record.method.toUpperCase()
  const { pathname, search } = splitPath(record.path)
  const params: WireParam[] = Object.entries(pathParams).map(([name, value]) => ({ name, value, from: 'path' }))
  // Files from other tools may hold numbers or objects where the journal holds strings.
  const queryPairs = record.query && typeof record.query === 'object' ? Object.entries(record.query) : [...new URLSearchParams(search)]
  for (const [name, value] of queryPairs) params.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value ?? ''), from: 'query' })

  const raw: unknown = record.body
  const body = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw)
  if (method === 'GET' || method === 'HEAD' || body === '') return { method, path: pathname, encoding: 'query', params }

  const contentType = record.contentType ?? headerOf(record, 'content-type')
  const mediaType = mediaTypeOf(contentType)
  const fromBody = (pairs: Iterable<[string, string]>) => {
    for (const [name, value] of pairs) params.push({ name, value, from: 'body' })
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    fromBody(new URLSearchParams(body))
    return { method, path: pathname, encoding: 'form', params }
  }
  if (mediaType === 'multipart/form-data') {
    const fields = multipartFields(body, contentType ?? '')
    if (typeof fields === 'string') return { method, path: pathname, encoding: 'unreadable', unreadable: fields, params }
    fromBody(fields)
    return { method, path: pathname, encoding: 'multipart', params }
  }
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch (error) {
      return { method, path: pathname, encoding: 'unreadable', unreadable: `the JSON body is not valid JSON (${(error as Error).message})`, params }
    }
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      fromBody(Object.entries(json).map(([name, value]): [string, string] => [name, jsonValueToString(value)]))
      return { method, path: pathname, encoding: 'json', params, json }
    }
    return { method, path: pathname, encoding: 'unreadable', unreadable: 'the JSON body is not an object of parameters', params, json }
  }
  const why = mediaType === '' ? 'the body has no Content-Type, so the provider cannot tell how to read it' : `the provider does not read ${mediaType} bodies`
  return { method, path: pathname, encoding: 'unreadable', unreadable: why, params }
}

/** The name a parameter is documented under: `messages[0][to]` belongs to `messages`. */
export function baseName(name: string): string {
  const bracket = name.indexOf('[')
  return bracket > 0 ? name.slice(0, bracket) : name
}

/** The last value sent for a documented parameter (a body value overrides a query value). */
export function valueOf(wire: WireRequest, param: ParamSpec): string | undefined {
  let value: string | undefined
  for (const sent of wire.params) if (sent.name === param.name) value = sent.value
  return value
}

/** The parameter that plays `role`, if the endpoint has one. */
export function paramWithRole(endpoint: EndpointSpec, role: NonNullable<ParamSpec['role']>): ParamSpec | undefined {
  return endpoint.params.find((param) => param.role === role)
}

/** Where a JSON document may hold its list of requests (the control API answers `{ entries: [...] }`). */
const LIST_FIELDS = ['entries', 'items', 'journal', 'requests']

/**
 * Reads recorded requests from text: a JSON array, a JSON object holding one (`entries`, `items`,
 * `journal`), or JSON Lines (one request per line).
 */
export function parseRecordedRequests(text: string, source = 'the input'): RecordedRequest[] {
  const trimmed = text.trim()
  if (trimmed === '') return []
  const check = (value: unknown, where: string): RecordedRequest => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`Failed to read ${source}: ${where} is not a request object.`)
    const request = value as Record<string, unknown>
    if (typeof request.method !== 'string' || typeof request.path !== 'string') {
      throw new Error(`Failed to read ${source}: ${where} needs a "method" and a "path" (a journal entry of the emulator, or {"method":"GET","path":"/sendtext?..."}).`)
    }
    return value as RecordedRequest
  }
  let whole: unknown
  let isOneDocument = false
  try {
    whole = JSON.parse(trimmed)
    isOneDocument = true
  } catch (error) {
    if (trimmed.startsWith('[')) throw new Error(`Failed to read ${source}: it is not valid JSON (${(error as Error).message}).`, { cause: error })
  }
  if (isOneDocument) {
    const list = Array.isArray(whole) ? whole : LIST_FIELDS.map((name) => (whole as Record<string, unknown> | null)?.[name]).find(Array.isArray)
    if (Array.isArray(list)) return list.map((item, index) => check(item, `item ${index + 1}`))
    return [check(whole, 'the document')]
  }
  return trimmed.split(/\r?\n/).flatMap((line, index) => {
    if (line.trim() === '') return []
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new Error(`Failed to read ${source}: line ${index + 1} is not valid JSON (${(error as Error).message}).`, { cause: error })
    }
    return [check(value, `line ${index + 1}`)]
  })
}
