// MiM's plain answers: the submission receipt, the bare error code, the balance line.
import { responseCodes } from '../../../contracts/mimsms/codes.js'
import { BALANCE_PREFIX, SUBMITTED_PREFIX } from '../../../contracts/mimsms/endpoints.js'
import { entryForReason, entryForStatus } from '../../../contracts/lookup.js'
import type { Reason } from '../../../contracts/reasons.js'
import type { CodeEntry } from '../../../contracts/types.js'

export interface Cause {
  readonly reason?: Reason
  /** A code named directly (a scenario's `code`), answered verbatim. */
  readonly code?: string
}

const SUCCESS = (entryForStatus(responseCodes, 'accepted') as CodeEntry).code
const INTERNAL_ERROR = (entryForReason(responseCodes, 'internal-error') as CodeEntry).code

/** "SMS SUBMITTED: ID - <id>", or with reply=Y "1000, <id>" (manual, "API Response Details"). */
export function submitted(id: string, reply: boolean): string {
  return reply ? `${SUCCESS}, ${id}` : `${SUBMITTED_PREFIX}${id}`
}

/**
 * An error answer is the code and nothing else: no text, no newline (clients compare the whole body).
 * `table` narrows the lookup where one reason has several codes (getkey answers unknown users with 1011).
 */
export function errorBody(cause: Cause, table: readonly CodeEntry[] = responseCodes): string {
  if (cause.code !== undefined) return cause.code
  const entry = cause.reason === undefined ? undefined : (entryForReason(table, cause.reason) ?? entryForReason(responseCodes, cause.reason))
  return entry?.code ?? INTERNAL_ERROR
}

/** "Your Balance is:BDT 470.44": no space after the colon, two decimals, as deployments answer. */
export function balanceLine(balance: number): string {
  return `${BALANCE_PREFIX}${balance.toFixed(2)}`
}
