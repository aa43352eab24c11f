// MiM SMS as the emulator sees it: defaults, options and its HTTP app.
import { dlrCodes } from '../../../contracts/mimsms/codes.js'
import { mimsmsContract } from '../../../contracts/mimsms/endpoints.js'
import { type DeliveryReason, deliveryReasons } from '../../../contracts/reasons.js'
import type { ProviderDefinition } from '../../core/provider.js'
import { DEFAULT_SENDERS, MIMSMS_DEFAULT_ACCOUNT, PROVIDER } from './defaults.js'
import { lazyOptionsSchema } from '../../core/provider-facts.js'
import { mimsmsDefaultOptions } from './option-defaults.js'
import { mimsmsRoutes } from './routes.js'

export { MIMSMS_DEFAULT_ACCOUNT } from './defaults.js'

/** A scenario may name a neutral outcome or one of the manual's DLR codes ('1028', '16'). */
function deliveryCode(code: string): DeliveryReason | undefined {
  if (Object.hasOwn(deliveryReasons, code)) return code as DeliveryReason
  const entry = dlrCodes.find((candidate) => candidate.code === code)
  // '0' names no reason (reports say '1' for delivered), but a scenario naming it still means delivered.
  return entry?.reason ?? (entry?.meaning === 'Delivered' ? 'delivered' : undefined)
}

/** Zod is loaded only to validate a scenario's switches, not to start. */
const optionsSchema = lazyOptionsSchema('mimsms', async () => (await import('./options.js')).mimsmsOptionsSchema)

export const mimsms: ProviderDefinition = {
  name: PROVIDER,
  title: 'MiM SMS',
  defaultPort: 7799,
  defaultAccounts: [MIMSMS_DEFAULT_ACCOUNT],
  contract: mimsmsContract,
  defaultOptions: mimsmsDefaultOptions,
  get optionsSchema() {
    return optionsSchema.get()
  },
  loadOptionsSchema: () => optionsSchema.load(),
  deliveryCode,
  describe: (baseUrl, account) => [
    `api_key=${account.key} username=${account.name} password=${account.secret} senderid ${[...new Set([...DEFAULT_SENDERS, ...(account.senders ?? [])])].join(' or ')} (balance ${account.balance})`,
    `curl '${baseUrl}/smsapi?${new URLSearchParams({ api_key: account.key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'Hello' })}'`,
  ],
  createApp: mimsmsRoutes,
}
