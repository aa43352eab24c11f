// Provider-neutral outcomes: the core and scenarios speak these, each provider's code table maps them.

/** Why a request is refused. Each provider's code table says which code answers which reason. */
export const reasons = {
  'unknown-account': 'The API key or user is missing or unknown',
  'bad-credentials': 'The secret or password is wrong or missing',
  'ip-not-allowed': 'The source IP is not allowed for the account',
  'missing-content': 'The message text is missing or empty',
  'missing-type': 'The message type is missing or not one the provider knows',
  'invalid-number': 'A recipient number is not valid',
  'no-valid-number': 'No recipient number is valid',
  'sender-not-approved': 'The sender ID is not approved for the account',
  'insufficient-balance': 'The account has too little credit for the message',
  spam: 'The message text was flagged as spam',
  'invalid-request': 'A parameter is malformed (date, message list)',
  'message-too-long': 'The text has more segments than the provider allows',
  'invalid-campaign': 'The campaign id is missing or not approved (promotional messages)',
  'unknown-message': 'The message id is missing or unknown',
  'already-queried': 'The final status of the message was already read once',
  'not-owner': 'The message belongs to another account',
  'request-failed': 'The request failed for a reason the provider does not detail',
  'internal-error': 'The provider failed internally',
} as const

export type Reason = keyof typeof reasons

export const reasonNames = Object.keys(reasons) as Reason[]

/** How a message's delivery ended (or has not yet). */
export const deliveryReasons = {
  delivered: 'Delivered to the handset',
  'absent-subscriber': 'The handset is off or out of coverage',
  'subscriber-busy': 'The subscriber is busy',
  'unidentified-subscriber': 'The number is not known to the network',
  'illegal-subscriber': 'The subscriber is not allowed on the network',
  'absent-subscriber-sm': 'The handset cannot receive SMS now',
  'delivery-failure': 'The SMS could not be delivered',
  'system-failure': 'The network failed',
  'barred-subscriber': 'The subscriber is barred',
  'smsc-timeout': 'The SMSC gave up waiting',
  rejected: 'The SMSC rejected the message',
} as const

export type DeliveryReason = keyof typeof deliveryReasons

export const deliveryReasonNames = Object.keys(deliveryReasons) as DeliveryReason[]

export type FailureReason = Exclude<DeliveryReason, 'delivered'>
