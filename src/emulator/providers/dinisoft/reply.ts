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
// Every acceptance starts with the same bytes: only the id differs.
const ACCEPTED_HEAD = render(
  [
    ['Status', ACCEPTED.code],
    ['Text', ACCEPTED.text ?? ''],
  ],
  false,
).slice(0, -1)
const MESSAGE_ID = JSON.stringify('Message_ID')

export function submitAccepted(messageId: string): string {
  return `${ACCEPTED_HEAD},${MESSAGE_ID}:${JSON.stringify(messageId)}}`
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


function statusFields(status: ReportedStatus): [string, string][] {
  const entry = entryForStatus(statusCodes, status) as CodeEntry
  return [
    ['Status', entry.code],
    ['Text', entry.text ?? ''],
  ]
}

// Answers without an id are the same bytes every time.
const STATUS_ANSWERS: Readonly<Record<Exclude<ReportedStatus, 'delivered'>, string>> = {
  pending: render(statusFields('pending'), true),
  sent: render(statusFields('sent'), true),
  failed: render(statusFields('failed'), true),
}

/** A status answer; only the delivered one carries the id and `Delivery Time` (epoch milliseconds). */
export function statusReport(status: ReportedStatus, messageId: string, deliveredAt?: number): string {
  if (status !== 'delivered') return STATUS_ANSWERS[status]
  return render([...statusFields(status), ['Message_ID', messageId], ['Delivery Time', String(deliveredAt ?? '')]], true)
}

export function balanceText(balance: number): string {
  return balance.toFixed(6)
}
