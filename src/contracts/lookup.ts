// Reading code tables: reason -> entry for renderers, code -> entry for clients and the kit.
import type { Reason } from './reasons.js'
import type { CodeEntry } from './types.js'

/** The first entry answering `reason`, or the table's fallback (internal error) when none does. */
export function entryForReason<T extends CodeEntry>(table: readonly T[], reason: Reason): T | undefined {
  return table.find((entry) => entry.reasons.includes(reason))
}

export function entryForCode<T extends CodeEntry>(table: readonly T[], code: string): T | undefined {
  return table.find((entry) => entry.code === code)
}

export function entryForStatus<T extends CodeEntry>(table: readonly T[], status: NonNullable<CodeEntry['status']>): T | undefined {
  return table.find((entry) => entry.status === status)
}
