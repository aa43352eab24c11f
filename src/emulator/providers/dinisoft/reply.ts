// DiniSoft answers: JSON objects whose values are all strings, rendered from the contract's code tables.
import type { Reason } from '../../../contracts/reasons.js'
import { entryForCode, entryForReason, entryForStatus } from '../../../contracts/lookup.js'
import { statusCodes, submitCodes } from '../../../contracts/dinisoft/codes.js'
import type { CodeEntry } from '../../../contracts/types.js'

type Fields = readonly (readonly [string, string])[]

/**
 * Writes the fields in order. The manual's submit sample is compact, its status sample puts a space
 * after each colon; each endpoint keeps its sample's spacing so byte-for-byte comparisons hold.
 */
function render(fields: Fields, spaced: boolean): string {
  const colon = spaced ? ': ' : ':'
  return `{${fields.map(([name, value]) => `${JSON.stringify(name)}${colon}${JSON.stringify(value)}`).join(',')}}`
}

function entryOf(table: readonly CodeEntry[], reasonOrCode: { reason?: Reason; code?: string }): Pick<CodeEntry, 'code' | 'text'> {
  if (reasonOrCode.code !== undefined) return entryForCode(table, reasonOrCode.code) ?? { code: reasonOrCode.code, text: 'REJECTD' }
  return (reasonOrCode.reason && entryForReason(table, reasonOrCode.reason)) ?? entryForReason(table, 'internal-error') ?? { code: '101', text: 'REJECTD' }
}

export interface RejectionStyle {
  /** Add `"Message_ID":""` (always on 5400, as the manual shows). */
  readonly messageIdOnRejection: boolean
}

const ACCEPTED = entryForStatus(submitCodes, 'accepted') as CodeEntry

export function submitAccepted(messageId: string): string {
  return render(
    [
      ['Status', ACCEPTED.code],
      ['Text', ACCEPTED.text ?? ''],
      ['Message_ID', messageId],
    ],
    false,
  )
}

export function submitRejected(cause: { reason?: Reason; code?: string }, style: RejectionStyle): string {
  const entry = entryOf(submitCodes, cause)
  const fields: [string, string][] = [
    ['Status', entry.code],
    ['Text', entry.text ?? 'REJECTD'],
  ]
  if (style.messageIdOnRejection || entry.code === '5400') fields.push(['Message_ID', ''])
  return render(fields, false)
}

export function statusRejected(cause: { reason?: Reason; code?: string }, style: RejectionStyle): string {
  const entry = entryOf(statusCodes, cause)
  const fields: [string, string][] = [
    ['Status', entry.code],
    ['Text', entry.text ?? 'REJECTD'],
  ]
  if (style.messageIdOnRejection) fields.push(['Message_ID', ''])
  return render(fields, true)
}

export type ReportedStatus = 'pending' | 'sent' | 'delivered' | 'failed'


/** A status answer; only the delivered one carries the id and `Delivery Time` (epoch milliseconds). */
export function statusReport(status: ReportedStatus, messageId: string, deliveredAt?: number): string {
  const entry = entryForStatus(statusCodes, status) as CodeEntry
  const fields: [string, string][] = [
    ['Status', entry.code],
    ['Text', entry.text ?? ''],
  ]
  if (status === 'delivered') {
    fields.push(['Message_ID', messageId], ['Delivery Time', String(deliveredAt ?? '')])
  }
  return render(fields, true)
}

export function balanceText(balance: number): string {
  return balance.toFixed(6)
}
