// What the core needs to know of a provider, without knowing which providers exist.
import type { Hono } from 'hono'
import type { ProviderEnv } from './http.js'
import type { z } from 'zod'
import type { DeliveryReason } from '../../contracts/reasons.js'
import type { AccountSeed } from './accounts.js'
import type { EmulatorState } from './state.js'

/** The names a scenario may use for a provider: checked when a scenario loads, offered by editors through the JSON Schema. */
export interface ScenarioVocabulary {
  /** Contract endpoint ids (`sendtext`, `getstatus`), for `when.endpoint`. */
  readonly endpoints: readonly string[]
  /** The refusal codes a rule's `then.code` may answer with. */
  readonly codes: readonly string[]
  /** The delivery codes a rule's `dlr` may name (besides the neutral delivery reasons). */
  readonly deliveryCodes: readonly string[]
}

export interface ProviderDefinition {
  /** Machine name used in scenarios, journal entries and URLs (`dinisoft`). */
  readonly name: string
  readonly title: string
  readonly defaultPort: number
  readonly defaultAccounts: readonly AccountSeed[]
  /** Validates the provider's section of a scenario's `providers` switches. */
  readonly optionsSchema: z.ZodType
  /** What scenarios may name; without it, codes aimed at this provider are not checked on load. */
  readonly vocabulary?: ScenarioVocabulary
  /** Which neutral outcome one of the provider's delivery codes stands for. */
  deliveryCode(code: string): DeliveryReason | undefined
  /** Lines for the start-up banner: how to call the provider with the default account. */
  describe(baseUrl: string): readonly string[]
  /** The provider's HTTP app, bound to one emulator's state. */
  createApp(state: EmulatorState): Hono<ProviderEnv>
}
