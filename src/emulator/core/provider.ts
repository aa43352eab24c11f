// What the core needs to know of a provider, without knowing which providers exist.
import type { Hono } from 'hono'
import type { ProviderEnv } from './http.js'
import type { z } from 'zod'
import type { DeliveryReason } from '../../contracts/reasons.js'
import type { ProviderContract } from '../../contracts/types.js'
import type { AccountSeed } from './accounts.js'
import type { EmulatorState } from './state.js'

export interface ProviderDefinition {
  /** Machine name used in scenarios, journal entries and URLs (`dinisoft`). */
  readonly name: string
  readonly title: string
  readonly defaultPort: number
  readonly defaultAccounts: readonly AccountSeed[]
  /** The provider's contract: served as OpenAPI at `/openapi.json` on its port. */
  readonly contract?: ProviderContract
  /** Validates the provider's section of a scenario's `providers` switches. */
  readonly optionsSchema: z.ZodType
  /** Which neutral outcome one of the provider's delivery codes stands for. */
  deliveryCode(code: string): DeliveryReason | undefined
  /** Lines for the start-up banner: how to call the provider with `account` (the demo account as the scenario left it). */
  describe(baseUrl: string, account: AccountSeed): readonly string[]
  /** The provider's HTTP app, bound to one emulator's state. */
  createApp(state: EmulatorState): Hono<ProviderEnv>
}
