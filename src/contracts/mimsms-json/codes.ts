// MiM's JSON API code tables (mimsms.com/api-documentation "Error Code" and "DLR Status", the Postman captures).
import type { DeliveryReason } from '../reasons.js'
import type { CodeEntry, DeliveryCodeEntry } from '../types.js'

/**
 * `statusCode` of every answer. The table's status column is upper case; the one documented error body
 * says `"status":"Failed"`. Application errors, 401 included, travel under HTTP 200.
 */
export const responseCodes: readonly CodeEntry[] = [
  { code: '200', reasons: [], status: 'accepted', meaning: 'Success', retryable: false, note: 'responseResult varies by endpoint: "SMS Send Successfuly" (sic), the counts of SendOneToMany, the balance.' },
  {
    code: '401',
    text: 'IP Black List.',
    reasons: ['ip-not-allowed'],
    meaning: 'IP Black List',
    retryable: false,
    note: 'With a full stop, as answered live; the documentation table has none.',
  },
  { code: '401', text: 'Invalid UserName & Password', reasons: ['unknown-account', 'bad-credentials'], meaning: 'Invalid UserName & Password', retryable: false },
  { code: '205', text: 'Invalid Message Content', reasons: ['missing-content', 'spam'], meaning: 'Invalid Message Content', retryable: false },
  { code: '206', text: 'Invalid Mobile Number', reasons: ['no-valid-number', 'invalid-number'], meaning: 'Invalid Mobile Number', retryable: false },
  { code: '207', text: 'Invalid Transaction Type', reasons: ['missing-type'], meaning: 'Invalid Transaction Type', retryable: false },
  { code: '208', text: 'Invalid Sender ID', reasons: ['sender-not-approved'], meaning: 'Invalid Sender ID', retryable: false },
  { code: '209', text: 'SMS Length cross the Max level', reasons: ['message-too-long'], meaning: 'SMS Length cross the Max level', retryable: false },
  { code: '210', text: 'Invalid CampaignId', reasons: ['invalid-campaign'], meaning: 'Invalid CampaignId', retryable: false },
  { code: '213', text: 'Parameter Mismatch', reasons: ['invalid-request'], meaning: 'Parameter Mismatch', retryable: false },
  { code: '216', text: 'Insufficient Balance', reasons: ['insufficient-balance'], meaning: 'Insufficient Balance', retryable: false },
  { code: '221', text: 'SMS Sending Failed', reasons: ['request-failed'], meaning: 'SMS Sending Failed', retryable: true },
  { code: '500', text: 'Internal Server Error', reasons: ['internal-error'], meaning: 'Internal Server Error', retryable: true },
]

/** The codes a refusal may carry (every code but 200). */
export const refusalCodes: readonly string[] = [...new Set(responseCodes.filter((entry) => entry.reasons.length > 0).map((entry) => entry.code))]

/**
 * `dlrCode` / `operatorStatus` of DlrApi. Only `0` / `DELIVERED` is captured; the other numbers are the
 * GSM MAP causes the table's names stand for.
 */
export const dlrCodes: readonly DeliveryCodeEntry[] = [
  { code: '0', text: 'Delivered', reason: 'delivered', meaning: 'Delivered to the handset', final: true },
  { code: '6', text: 'Absent subscriber for SM', reason: 'absent-subscriber-sm', meaning: 'Handset off or out of coverage (retried 3 times)', final: true },
  { code: '32', text: 'Undelivered', reason: 'delivery-failure', meaning: 'Memory full', final: true },
  { code: '31', text: 'Subscriber Busy', reason: 'subscriber-busy', meaning: 'MSC busy (retried 3 times)', final: true },
  { code: '5', text: 'Unidentified subscriber', reason: 'unidentified-subscriber', meaning: 'Unknown in the MSC', final: true },
  { code: '13', text: 'Barred subscriber', reason: 'barred-subscriber', meaning: 'Barred', final: true },
  { code: '9', text: 'Illegal subscriber', reason: 'illegal-subscriber', meaning: 'Sender blocked', final: true },
  { code: '36', text: 'SMS Failed', reason: 'rejected', meaning: 'Sender blocked', final: true },
  { code: '34', text: 'System failure', reason: 'system-failure', meaning: 'SS7 or network failure (retried 3 times)', final: true },
  { code: '8', text: 'SMS Failed', meaning: 'SMSC link failure (retried 3 times); reachable by naming code 8', final: true },
  { code: '400', text: 'SMSC Timeout-abort', reason: 'smsc-timeout', meaning: 'SMSC timeout (retried 3 times)', final: true },
]

/** The DLR code answering each neutral outcome (two outcomes share code 6). */
export const dlrCodeOfReason: Readonly<Record<DeliveryReason, string>> = {
  delivered: '0',
  'absent-subscriber': '6',
  'absent-subscriber-sm': '6',
  'delivery-failure': '32',
  'subscriber-busy': '31',
  'unidentified-subscriber': '5',
  'barred-subscriber': '13',
  'illegal-subscriber': '9',
  rejected: '36',
  'system-failure': '34',
  'smsc-timeout': '400',
}

/** `operatorStatus` of a report still under way (`jsonDlrPending: "pending"`). */
export const PENDING_OPERATOR_STATUS = 'PENDING'
