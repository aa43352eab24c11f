// DiniSoft BD as the emulator sees it: defaults, options and its HTTP app.
import { statusCodes } from '../../../contracts/dinisoft/codes.js'
import { dinisoftContract } from '../../../contracts/dinisoft/endpoints.js'
import { entryForCode } from '../../../contracts/lookup.js'
import { type DeliveryReason, deliveryReasons } from '../../../contracts/reasons.js'
import type { ProviderDefinition } from '../../core/provider.js'
import { lazyOptionsSchema } from '../../core/provider-facts.js'
import { dinisoftDefaultOptions } from './option-defaults.js'
import { dinisoftRoutes, PROVIDER } from './routes.js'

export const DINISOFT_DEFAULT_ACCOUNT = {
  key: 'demo-apikey',
  secret: 'demo-secretkey',
  name: 'demo',
  balance: 1000,
} as const

/** DiniSoft reports no failure detail: its `1` stands for any failure, so scenarios mostly name reasons. */
function deliveryCode(code: string): DeliveryReason | undefined {
  if (Object.hasOwn(deliveryReasons, code)) return code as DeliveryReason
  const status = entryForCode(statusCodes, code)?.status
  return status === 'delivered' ? 'delivered' : status === 'failed' ? 'rejected' : undefined
}

/** Zod is loaded only to validate a scenario's switches, not to start. */
const optionsSchema = lazyOptionsSchema('dinisoft', async () => (await import('./options.js')).dinisoftOptionsSchema)

export const dinisoft: ProviderDefinition = {
  name: PROVIDER,
  title: 'DiniSoft BD',
  defaultPort: 7788,
  defaultAccounts: [DINISOFT_DEFAULT_ACCOUNT],
  contract: dinisoftContract,
  defaultOptions: dinisoftDefaultOptions,
  get optionsSchema() {
    return optionsSchema.get()
  },
  loadOptionsSchema: () => optionsSchema.load(),
  deliveryCode,
  describe: (baseUrl, account) => [
    `apikey=${account.key} secretkey=${account.secret} client=${account.name} (balance ${account.balance})`,
    `curl '${baseUrl}/sendtext?${new URLSearchParams({ apikey: account.key, secretkey: account.secret, callerID: 'DEMO', toUser: '8801712345678', messageContent: 'Hello' })}'`,
  ],
  createApp: dinisoftRoutes,
}
