// Every request a provider port received and what it answered, newest last, capped in size.

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
  /** The raw request body as text (cut at 1 MiB). */
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

export type NewJournalEntry = Omit<JournalEntry, 'seq'>

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
  record(entry: NewJournalEntry): JournalEntry
  list(filter?: JournalFilter): JournalEntry[]
  readonly size: number
  /** How many entries are kept before the oldest are dropped. */
  readonly capacity: number
  clear(): void
}

export const DEFAULT_JOURNAL_CAPACITY = 10_000

export function createJournal(capacity = DEFAULT_JOURNAL_CAPACITY): Journal {
  // A ring buffer: recording is O(1) however long the run.
  const ring: (JournalEntry | undefined)[] = new Array(capacity)
  let next = 0
  let count = 0
  let seq = 0

  function* oldestFirst(): Generator<JournalEntry> {
    const start = (next - count + capacity) % capacity
    for (let i = 0; i < count; i++) {
      const entry = ring[(start + i) % capacity]
      if (entry) yield entry
    }
  }

  return {
    record(input) {
      const entry: JournalEntry = { seq: ++seq, ...input }
      ring[next] = entry
      next = (next + 1) % capacity
      count = Math.min(count + 1, capacity)
      return entry
    },
    list(filter = {}) {
      const found: JournalEntry[] = []
      for (const entry of oldestFirst()) {
        if (filter.provider !== undefined && entry.provider !== filter.provider) continue
        if (filter.endpoint !== undefined && entry.endpoint !== filter.endpoint) continue
        if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) continue
        if (filter.path !== undefined && entry.path !== filter.path) continue
        if (filter.status !== undefined && entry.status !== filter.status) continue
        if (filter.since !== undefined && entry.at < filter.since) continue
        if (filter.after !== undefined && entry.seq <= filter.after) continue
        found.push(entry)
      }
      return found
    },
    get size() {
      return count
    },
    capacity,
    clear() {
      ring.fill(undefined)
      next = 0
      count = 0
    },
  }
}
