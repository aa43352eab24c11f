// Control API: every request the provider ports received and what they answered.
import type { Context } from 'hono'
import { z } from 'zod'
import type { JournalFilter } from '../core/journal.js'
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

/** Oldest first (the newest `limit` when given); `ndjson` gives one entry a line, to record traffic. */
export function listJournal(c: Context, state: EmulatorState): Response {
  const { limit, format, ...rest } = parseQuery(c, journalQuery(state))
  const filter = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as JournalFilter
  const found = state.journal.list(filter)
  const entries = (limit === undefined ? found : found.slice(-limit)).map((entry) => journalJson(state, entry))
  if (format === 'ndjson') {
    return c.body(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''), 200, { 'content-type': 'application/x-ndjson' })
  }
  return c.json({ capacity: state.journal.capacity, size: state.journal.size, total: found.length, entries })
}

export function clearJournal(c: Context, state: EmulatorState): Response {
  state.journal.clear()
  return c.body(null, 204)
}
