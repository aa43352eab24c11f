// MiM's JSON API as the emulator sees it: an API of the `mimsms` provider, on its port, accounts and switches.
import { dlrCodes } from '../../../contracts/mimsms-json/codes.js'
import { mimsmsJsonContract } from '../../../contracts/mimsms-json/endpoints.js'
import { type DeliveryReason, deliveryReasons } from '../../../contracts/reasons.js'
import type { ProviderDefinition } from '../../core/provider.js'
import { lazyOptionsSchema } from '../../core/provider-facts.js'
import { mimsmsJsonDefaultOptions } from './option-defaults.js'
import { API, mimsmsJsonRoutes, REALM } from './routes.js'

/** Every path of the API starts so (matched without regard to case, as ASP.NET routes). */
const API_PATH = /^\/api\//i

/** A scenario may name a neutral outcome or one of the DLR table's codes ('6', '8'); 8 reads as rejected. */
function deliveryCode(code: string): DeliveryReason | undefined {
  if (Object.hasOwn(deliveryReasons, code)) return code as DeliveryReason
  const entry = dlrCodes.find((candidate) => candidate.code === code)
  return entry ? (entry.reason ?? 'rejected') : undefined
}

/** Zod is loaded only to validate a scenario's switches, not to start. */
const optionsSchema = lazyOptionsSchema('mimsms-json', async () => (await import('./options.js')).mimsmsJsonOptionsSchema)

export const mimsmsJson: ProviderDefinition = {
  name: API,
  // Short enough for the start-up banner's column.
  title: 'MiM JSON API',
  defaultPort: 7799,
  realm: REALM,
  owns: (pathname) => API_PATH.test(pathname),
  inbound: true,
  defaultAccounts: [],
  contract: mimsmsJsonContract,
  defaultOptions: mimsmsJsonDefaultOptions,
  get optionsSchema() {
    return optionsSchema.get()
  },
  loadOptionsSchema: () => optionsSchema.load(),
  deliveryCode,
  describe: (baseUrl) => [
    'same port and accounts as MiM SMS: UserName=demo ApiKey=demo-api-key',
    `curl ${baseUrl}/api/SmsSending/SMS -H 'content-type: application/json' -d '{"UserName":"demo","ApiKey":"demo-api-key","MobileNumber":"8801712345678","SenderName":"DEMO","TransactionType":"T","Message":"Hello"}'`,
  ],
  createApp: mimsmsJsonRoutes,
}
