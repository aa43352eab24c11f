// MiM SMS's code tables (API manual, "Error Code & Meaning" and "DLR Code & Meaning").
import type { CodeEntry, DeliveryCodeEntry } from '../types.js'

/** Answers of /smsapi, /smsapimany and /getkey. An error body is the bare code. */
export const responseCodes: readonly CodeEntry[] = [
  {
    code: '1000',
    reasons: [],
    status: 'accepted',
    meaning: 'Success',
    retryable: false,
    note: 'Sent as "SMS SUBMITTED: ID - <id>", or "1000, <id>" when the request asked for reply=Y.',
  },
  { code: '1002', reasons: ['sender-not-approved'], meaning: 'Sender Id/Masking Not Found', retryable: false },
  {
    code: '1003',
    reasons: ['unknown-account', 'ip-not-allowed'],
    meaning: 'API Not Found',
    retryable: false,
    note: 'Also the answer to a key used from an address outside the account\'s allowed IPs: the manual has no IP code, and a key not valid from here is not found.',
  },
  { code: '1004', reasons: ['spam'], meaning: 'SPAM Detected', retryable: false },
  { code: '1005', reasons: ['internal-error'], meaning: 'Internal Error', retryable: true },
  {
    code: '1006',
    reasons: ['invalid-request'],
    meaning: 'Internal Error',
    retryable: false,
    note: 'The manual lists a second internal error; the emulator answers it for malformed input the manual has no code for (scheduledDateTime, messages).',
  },
  { code: '1007', reasons: ['insufficient-balance'], meaning: 'Balance Insufficient', retryable: false },
  { code: '1008', reasons: ['missing-content'], meaning: 'Message is empty', retryable: false },
  { code: '1009', reasons: ['missing-type'], meaning: 'Message Type Not Set (text/unicode)', retryable: false },
  { code: '1010', reasons: ['bad-credentials'], meaning: 'Invalid User & Password', retryable: false },
  { code: '1011', reasons: ['unknown-account'], meaning: 'Invalid User Id', retryable: false, note: 'Answered by /getkey for an unknown username.' },
  { code: '1012', reasons: ['no-valid-number', 'invalid-number'], meaning: 'No Valid Number Found', retryable: false },
]

/** The codes /getkey answers, in the order it checks. */
export const getkeyCodes: readonly CodeEntry[] = responseCodes.filter((entry) => entry.code === '1010' || entry.code === '1011')

/** DLR codes of the XML reports. */
export const dlrCodes: readonly DeliveryCodeEntry[] = [
  // The manual lists 0 before 1; 1 comes first here because a lookup by reason takes the first entry,
  // and 1 is what the manual's report samples show for a delivered message.
  { code: '1', text: 'Delivered', reason: 'delivered', meaning: 'Delivered (the code the manual\'s samples show)', final: true },
  { code: '0', text: 'Delivered', reason: 'delivered', meaning: 'Delivered', final: true },
  { code: '1028', text: 'Absent subscriber', reason: 'absent-subscriber', meaning: 'Absent subscriber', final: true },
  { code: '31', text: 'Subscriber Busy', reason: 'subscriber-busy', meaning: 'Subscriber Busy', final: true },
  { code: '5', text: 'Unidentified subscriber', reason: 'unidentified-subscriber', meaning: 'Unidentified subscriber', final: true },
  { code: '9', text: 'Illegal subscriber', reason: 'illegal-subscriber', meaning: 'Illegal subscriber', final: true },
  { code: '6', text: 'Absent subscriber for SM', reason: 'absent-subscriber-sm', meaning: 'Absent subscriber for SM', final: true },
  { code: '32', text: 'SM Delivery Failure', reason: 'delivery-failure', meaning: 'SM Delivery Failure', final: true },
  { code: '34', text: 'System failure', reason: 'system-failure', meaning: 'System failure', final: true },
  { code: '13', text: 'Barred subscriber', reason: 'barred-subscriber', meaning: 'Barred subscriber', final: true },
  { code: '400', text: 'SMSC Timeout-abort', reason: 'smsc-timeout', meaning: 'SMSC Timeout-abort', final: true },
  { code: '16', text: 'REJECTED', reason: 'rejected', meaning: 'REJECTED', final: true },
]
