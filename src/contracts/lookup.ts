// Reading code tables: reason -> entry for renderers, code -> entry for clients and the kit.
import type { DeliveryReason, Reason } from './reasons.js'
import type { CodeEntry, DeliveryCodeEntry, ProviderContract } from './types.js'

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

/**
 * The codes an API's status reads can answer for a final state: its DLR table's final codes where it
 * has one, else its status table's delivered and failed codes.
 */
export function finalDeliveryCodes(contract: ProviderContract): readonly string[] {
  const reads = contract.endpoints.filter((endpoint) => endpoint.statusRead !== undefined)
  const table = reads.find((endpoint) => endpoint.dlrCodes !== undefined)?.dlrCodes
  const codes = table
    ? table.filter((entry) => entry.final).map((entry) => entry.code)
    : reads.flatMap((endpoint) => endpoint.codes ?? []).filter((entry) => entry.status === 'delivered' || entry.status === 'failed').map((entry) => entry.code)
  return [...new Set(codes)]
}
