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

/** A code an API's status reads can answer for a final state, and whether it means delivered. */
export interface FinalDeliveryCode {
  readonly code: string
  readonly delivered: boolean
  readonly meaning: string
}

/**
 * The codes an API's status reads can answer for a final state: its DLR table's final codes where it
 * has one, else its status table's delivered and failed codes; each code once.
 */
export function finalDeliveryOutcomes(contract: ProviderContract): FinalDeliveryCode[] {
  const reads = contract.endpoints.filter((endpoint) => endpoint.statusRead !== undefined)
  const table = reads.find((endpoint) => endpoint.dlrCodes !== undefined)?.dlrCodes
  const outcomes = table
    ? table.filter((entry) => entry.final).map((entry) => ({ code: entry.code, delivered: entry.reason === 'delivered', meaning: entry.meaning }))
    : reads
        .flatMap((endpoint) => endpoint.codes ?? [])
        .filter((entry) => entry.status === 'delivered' || entry.status === 'failed')
        .map((entry) => ({ code: entry.code, delivered: entry.status === 'delivered', meaning: entry.meaning }))
  const seen = new Set<string>()
  return outcomes.filter((outcome) => !seen.has(outcome.code) && seen.add(outcome.code))
}

/** The codes of `finalDeliveryOutcomes`. */
export function finalDeliveryCodes(contract: ProviderContract): readonly string[] {
  return finalDeliveryOutcomes(contract).map((outcome) => outcome.code)
}
