// DiniSoft BD's code tables (manual v1.03, "SUBMIT API Response Code" and "DELIVERY API Response Code").
import type { CodeEntry } from '../types.js'

/** Answers of `/sendtext`. */
export const submitCodes: readonly CodeEntry[] = [
  {
    code: '0',
    text: 'ACCEPTD',
    reasons: [],
    status: 'accepted',
    meaning: 'Request successful',
    retryable: false,
    note: 'The manual\'s table spells it "Acceptd", its sample body "ACCEPTD"; clients compare the capitals, so the sample wins.',
  },
  { code: '109', text: 'REJECTD', reasons: ['unknown-account'], meaning: 'User not provided / deleted', retryable: false },
  { code: '108', text: 'REJECTD', reasons: ['bad-credentials'], meaning: 'Wrong password / not provided', retryable: false },
  { code: '114', text: 'REJECTD', reasons: ['missing-content'], meaning: 'Content not provided', retryable: false },
  { code: '101', text: 'REJECTD', reasons: ['internal-error'], meaning: 'Internal server error', retryable: true },
  {
    code: '1',
    text: 'REJECTD',
    reasons: ['request-failed', 'invalid-number', 'no-valid-number', 'insufficient-balance', 'sender-not-approved', 'spam', 'invalid-request', 'missing-type'],
    meaning: 'Request failed',
    retryable: false,
    note: 'The manual gives no cause; the emulator answers it for an invalid or missing number, a missing or refused callerID and a short balance.',
  },
  {
    code: '5400',
    text: 'REJECTD',
    reasons: ['ip-not-allowed'],
    meaning: 'Source IP has not been allowed',
    retryable: false,
    note: 'The only answer whose manual body carries "Message_ID":"".',
  },
]

/** Answers of `/getstatus`. */
export const statusCodes: readonly CodeEntry[] = [
  { code: '109', text: 'REJECTD', reasons: ['unknown-account'], meaning: "API key isn't provided", retryable: false },
  { code: '108', text: 'REJECTD', reasons: ['bad-credentials'], meaning: 'Wrong password / not provided', retryable: false },
  {
    code: '114',
    text: 'REJECTD',
    reasons: ['unknown-message', 'already-queried'],
    meaning: "Message id isn't provided, isn't valid, or the query has been done already for the same id",
    retryable: false,
    note: 'One-shot: once a final status (0 or 1) has been answered for an id, every later query for it is 114.',
  },
  { code: '101', text: 'REJECTD', reasons: ['internal-error'], meaning: 'Internal server error', retryable: true },
  { code: '-42', text: 'REJECTD', reasons: ['not-owner', 'ip-not-allowed'], meaning: 'Authorization failed', retryable: false },
  {
    code: '1',
    text: 'REJECTD',
    reasons: ['request-failed'],
    status: 'failed',
    meaning: 'Request failed',
    retryable: false,
    note: 'Read as the message having failed: the delivery table\'s other rows are message states.',
  },
  { code: '2', text: 'PENDING', reasons: [], status: 'pending', meaning: 'Request pending', retryable: true },
  { code: '4', text: 'SENT', reasons: [], status: 'sent', meaning: 'Request sent', retryable: true },
  { code: '0', text: 'DELIVRD', reasons: [], status: 'delivered', meaning: 'SMS request successful (delivered)', retryable: false },
]
