// Control API: every request the provider ports received and what they answered, streamed as it is read.
import type { Context } from 'hono'
import { z } from 'zod'
import type { JournalEntry, JournalFilter } from '../core/journal.js'
import type { EmulatorState } from '../core/state.js'
import { moment } from './messages.js'
import { parseQuery } from './problem.js'
import { journalJson } from './views.js'

function journalQuery(state: EmulatorState) {
  return z
    .object({
      provider: z.enum([...state.providers.keys()] as [string, ...string[]]).optional(),
      endpoint: z.string().optional(),
      method: z.string().optional(),
      path: z.string().optional(),
      status: z.coerce.number().int().min(100).max(599).optional(),
      since: moment.optional(),
      after: z.coerce.number().int().min(0).optional().describe('Only entries with a higher seq: for tailing'),
      limit: z.coerce.number().int().min(1).optional().describe('The newest n matching entries'),
      format: z.enum(['json', 'ndjson']).default('json'),
    })
    .strict()
}

/** Entries shaped and written a batch at a time, so a large journal never becomes one giant string. */
const BATCH = 64

function streamOf(head: string, entries: Iterator<JournalEntry>, line: (entry: JournalEntry, first: boolean) => string, tail: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let first = true
  let started = false
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = started ? '' : head
      started = true
      for (let i = 0; i < BATCH; i++) {
        const next = entries.next()
        if (next.done) {
          controller.enqueue(encoder.encode(chunk + tail))
          controller.close()
          return
        }
        chunk += line(next.value, first)
        first = false
      }
      controller.enqueue(encoder.encode(chunk))
    },
  })
}

/** Oldest first (the newest `limit` when given); `ndjson` gives one entry a line, to record traffic. */
export function listJournal(c: Context, state: EmulatorState): Response {
  const { limit, format, ...rest } = parseQuery(c, journalQuery(state))
  const filter = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as JournalFilter
  const total = state.journal.count(filter)
  const entries = state.journal.entries(filter)
  for (let skip = limit === undefined ? 0 : total - limit; skip > 0; skip--) entries.next()
  if (format === 'ndjson') {
    const body = streamOf('', entries, (entry) => `${JSON.stringify(journalJson(state, entry))}\n`, '')
    return new Response(body, { headers: { 'content-type': 'application/x-ndjson' } })
  }
  const head = `{"capacity":${state.journal.capacity},"size":${state.journal.size},"total":${total},"entries":[`
  const body = streamOf(head, entries, (entry, first) => `${first ? '' : ','}${JSON.stringify(journalJson(state, entry))}`, ']}')
  return new Response(body, { headers: { 'content-type': 'application/json' } })
}

export function clearJournal(c: Context, state: EmulatorState): Response {
  state.journal.clear()
  return c.body(null, 204)
}
