// What a new user gets without a scenario: the demo account and the sender IDs every account may use.

export const PROVIDER = 'mimsms'

/** A masking name and a non-masking number: real accounts send from both, some clients always as 88 + digits. */
export const DEFAULT_SENDERS = ['DEMO', '8809601000000'] as const

export const MIMSMS_DEFAULT_ACCOUNT = {
  key: 'demo-api-key',
  secret: 'demo-password',
  name: 'demo',
  balance: 1000,
  senders: DEFAULT_SENDERS,
} as const
