// Reading code tables: reason -> entry for renderers, code -> entry for clients and the kit.
import type { DeliveryReason, Reason } from './reasons.js'
import type { CodeEntry, DeliveryCodeEntry } from './types.js'

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

/**
 * The delivery-report entry for a final outcome: the code a scenario named, when the table has it,
 * else the first entry for the reason.
 */
export function deliveryEntryFor<T extends DeliveryCodeEntry>(table: readonly T[], outcome: { code?: string; reason?: DeliveryReason }): T | undefined {
  return (
    (outcome.code === undefined ? undefined : table.find((entry) => entry.code === outcome.code)) ??
    (outcome.reason === undefined ? undefined : table.find((entry) => entry.reason === outcome.reason))
  )
}
