// Every request a provider port received and what it answered, newest last, capped in entries and bytes.
// Recording keeps the raw facts only (no parsing, no copying of headers); entries are shaped, and secrets
// masked, when the journal is read.
import { isSecretHeader } from '../../contracts/secrets.js'

export interface JournalEntry {
  readonly seq: number
  /** On the emulator's clock. */
  readonly at: number
  readonly provider: string
  /** The contract endpoint id (`sendtext`, `getDLR`), when the path matched one. */
  readonly endpoint?: string
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** Request headers without credentials (Authorization, Cookie). */
  readonly headers: Readonly<Record<string, string>>
  readonly contentType?: string
  /** The raw request body as text (cut at 64 KiB). */
  readonly body: string
  readonly clientIp: string
  readonly status: number
  readonly response: string
  readonly latencyMs: number
  /** The scenario rule that decided the answer. */
  readonly rule?: string
  /** A fault that replaced the answer (`drop`, `hang`, `http-503`, ...). */
  readonly fault?: string
}

/** What the frame hands over per request: raw facts, shaped only when read. */
export interface JournalRecord {
  readonly at: number
  readonly provider: string
  readonly endpoint?: string | undefined
  readonly method: string
  /** The request target as received (path and query string). */
  readonly url: string
  /** Node's `rawHeaders`: name, value, name, value... as received. */
  readonly rawHeaders: readonly string[]
  readonly body?: Uint8Array | undefined
  readonly clientIp: string
  readonly status: number
  readonly response: string
  readonly latencyMs: number
  readonly rule?: string | undefined
  readonly fault?: string | undefined
}

const NO_HEADERS: readonly string[] = Object.freeze([])

/**
 * One place in the ring, reused when the ring comes round: recording writes the raw facts into it and
 * allocates nothing, so entries are not copied from the young generation to the old one as they age.
 */
class Stored implements JournalRecord {
  seq = 0
  bytes = 0
  at = 0
  provider = ''
  endpoint: string | undefined = undefined
  method = ''
  url = ''
  rawHeaders: readonly string[] = NO_HEADERS
  body: Uint8Array | undefined = undefined
  clientIp = ''
  status = 0
  response = ''
  latencyMs = 0
  rule: string | undefined = undefined
  fault: string | undefined = undefined

  /** Lets go of the texts (an entry dropped to stay under the byte cap). */
  release(): void {
    this.url = ''
    this.rawHeaders = NO_HEADERS
    this.body = undefined
    this.response = ''
  }
}

/** Whether two requests sent the same header lines (clients repeat theirs on every request). */
function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export interface JournalFilter {
  provider?: string
  endpoint?: string
  method?: string
  path?: string
  status?: number
  since?: number
  /** Only entries with a sequence number above this one (for tailing). */
  after?: number
}

export interface Journal {
  record(record: JournalRecord): void
  /** Matching entries, oldest first. */
  list(filter?: JournalFilter): JournalEntry[]
  /** Matching entries, oldest first, shaped one at a time (for streaming a large journal). */
  entries(filter?: JournalFilter): IterableIterator<JournalEntry>
  /** How many entries match, without shaping them. */
  count(filter?: JournalFilter): number
  readonly size: number
  /** How many entries are kept before the oldest are dropped. */
  readonly capacity: number
  /** Bytes of request and answer text kept (an estimate of the memory held). */
  readonly bytes: number
  /** The byte cap: the oldest entries are dropped to stay under it. */
  readonly maxBytes: number
  clear(): void
}

export const DEFAULT_JOURNAL_CAPACITY = 10_000
export const DEFAULT_JOURNAL_MAX_BYTES = 64 * 1_048_576
/** Longest body and answer text kept per entry. */
export const JOURNAL_TEXT_LIMIT = 65_536
/** What an entry costs besides its texts (object, numbers, strings shared with the frame). */
const ENTRY_OVERHEAD = 160

function textBytes(record: JournalRecord): number {
  let bytes = ENTRY_OVERHEAD + record.url.length + record.response.length + (record.body?.byteLength ?? 0)
  for (const part of record.rawHeaders) bytes += part.length
  return bytes
}

/** The decoded path of a request target (as the router saw it). */
export function pathOf(url: string): string {
  let end = url.indexOf('?')
  const hash = url.indexOf('#')
  if (hash !== -1 && (end === -1 || hash < end)) end = hash
  const path = end === -1 ? url : url.slice(0, end)
  if (!path.includes('%')) return path
  try {
    return decodeURI(path)
  } catch {
    return path
  }
}

function queryOf(url: string): Record<string, string> {
  const start = url.indexOf('?')
  return start === -1 ? {} : Object.fromEntries(new URLSearchParams(url.slice(start + 1)))
}

const decoder = new TextDecoder()

/** The one place a raw record becomes what readers see: secrets are masked here. */
function shape(stored: Stored): JournalEntry {
  const headers: Record<string, string> = {}
  let contentType: string | undefined
  const raw = stored.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase()
    const value = raw[i + 1] as string
    if (name === 'content-type' && contentType === undefined) contentType = value
    if (isSecretHeader(name)) continue
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
  }
  return {
    seq: stored.seq,
    at: stored.at,
    provider: stored.provider,
    ...(stored.endpoint === undefined ? {} : { endpoint: stored.endpoint }),
    method: stored.method,
    path: pathOf(stored.url),
    query: queryOf(stored.url),
    headers,
    ...(contentType === undefined ? {} : { contentType }),
    body: stored.body ? decoder.decode(stored.body) : '',
    clientIp: stored.clientIp,
    status: stored.status,
    response: stored.response,
    latencyMs: stored.latencyMs,
    ...(stored.rule === undefined ? {} : { rule: stored.rule }),
    ...(stored.fault === undefined ? {} : { fault: stored.fault }),
  }
}

function matches(entry: Stored, filter: JournalFilter): boolean {
  if (filter.after !== undefined && entry.seq <= filter.after) return false
  if (filter.provider !== undefined && entry.provider !== filter.provider) return false
  if (filter.endpoint !== undefined && entry.endpoint !== filter.endpoint) return false
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false
  if (filter.status !== undefined && entry.status !== filter.status) return false
  if (filter.since !== undefined && entry.at < filter.since) return false
  if (filter.path !== undefined && pathOf(entry.url) !== filter.path) return false
  return true
}

export interface JournalLimits {
  /** Most entries kept. */
  readonly capacity?: number
  /** Most bytes of text kept. */
  readonly maxBytes?: number
}

export function createJournal(limits: JournalLimits | number = {}): Journal {
  const { capacity = DEFAULT_JOURNAL_CAPACITY, maxBytes = DEFAULT_JOURNAL_MAX_BYTES } = typeof limits === 'number' ? { capacity: limits } : limits
  // A ring buffer of reused slots: recording is O(1) however long the run, and allocates nothing.
  const ring: Stored[] = []
  let next = 0
  let count = 0
  let seq = 0
  let bytes = 0
  // The header lines recorded last: a request that repeats them shares them (one copy kept, not one per entry).
  let lastHeaders: readonly string[] = NO_HEADERS

  const slot = (i: number) => (next - count + i + capacity) % capacity

  function dropOldest(): void {
    const oldest = ring[slot(0)] as Stored
    bytes -= oldest.bytes
    oldest.release()
    count--
  }

  function* matching(filter: JournalFilter): Generator<Stored> {
    // Sequence numbers are consecutive: `after` skips straight to its place.
    const first = count === 0 ? 0 : (ring[slot(0)] as Stored).seq
    const skip = filter.after === undefined ? 0 : Math.min(count, Math.max(0, filter.after - first + 1))
    for (let i = skip; i < count; i++) {
      const entry = ring[slot(i)] as Stored
      if (matches(entry, filter)) yield entry
    }
  }

  return {
    record(record) {
      const size = textBytes(record)
      // A full ring's oldest entry is the slot about to be reused: no need to let go of its texts first.
      if (count === capacity) {
        bytes -= (ring[next] as Stored).bytes
        count--
      }
      while (count > 0 && bytes + size > maxBytes) dropOldest()
      const entry = (ring[next] ??= new Stored())
      let headers = record.rawHeaders
      if (headers !== lastHeaders && sameHeaders(headers, lastHeaders)) headers = lastHeaders
      else lastHeaders = headers
      entry.seq = ++seq
      entry.bytes = size
      entry.at = record.at
      entry.provider = record.provider
      entry.endpoint = record.endpoint
      entry.method = record.method
      entry.url = record.url
      entry.rawHeaders = headers
      entry.body = record.body
      entry.clientIp = record.clientIp
      entry.status = record.status
      entry.response = record.response
      entry.latencyMs = record.latencyMs
      entry.rule = record.rule
      entry.fault = record.fault
      next = (next + 1) % capacity
      count++
      bytes += size
    },
    list(filter = {}) {
      const found: JournalEntry[] = []
      for (const entry of matching(filter)) found.push(shape(entry))
      return found
    },
    *entries(filter = {}) {
      for (const entry of matching(filter)) yield shape(entry)
    },
    count(filter = {}) {
      let n = 0
      for (const _ of matching(filter)) n++
      return n
    },
    get size() {
      return count
    },
    capacity,
    get bytes() {
      return bytes
    },
    maxBytes,
    clear() {
      ring.length = 0
      lastHeaders = NO_HEADERS
      next = 0
      count = 0
      bytes = 0
    },
  }
}
