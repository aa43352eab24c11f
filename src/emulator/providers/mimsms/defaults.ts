// What a new user gets without a scenario: the demo account and the sender IDs every account may use.

export const PROVIDER = 'mimsms'

import { DEFAULT_SENDERS } from '../../../contracts/mimsms/senders.js'

export { DEFAULT_SENDERS }

export const MIMSMS_DEFAULT_ACCOUNT = {
  key: 'demo-api-key',
  secret: 'demo-password',
  name: 'demo',
  balance: 1000,
  senders: DEFAULT_SENDERS,
} as const
