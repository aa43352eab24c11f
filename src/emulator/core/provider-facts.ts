// What the core knows of a provider API as data: names, accounts, switches, codes. A leaf of the core:
// the state, scenarios and rules read providers through it, and provider.ts adds the HTTP app on top,
// so the core's imports run one way (provider -> http -> state -> scenario -> rules -> scenario-schema).
import type { z } from 'zod'
import type { DeliveryReason } from '../../contracts/reasons.js'
import type { ProviderContract } from '../../contracts/types.js'
import type { AccountSeed } from './accounts.js'

export interface ProviderFacts {
  /** Machine name used in scenarios, journal entries and URLs (`dinisoft`). */
  readonly name: string
  readonly title: string
  readonly defaultPort: number
  /**
   * The provider this API belongs to, when a provider has several APIs (MiM's JSON API belongs to
   * `mimsms`): it uses that provider's accounts, balance, messages, scenario switches and port.
   */
  readonly realm?: string
  /** On a port shared with the other APIs of its realm: whether a request path is this API's. */
  owns?(pathname: string): boolean
  /** Whether subscribers can send SMS to the realm's accounts through this API (two-way SMS). */
  readonly inbound?: boolean
  readonly defaultAccounts: readonly AccountSeed[]
  /** The provider's contract: served as OpenAPI at `/openapi.json` on its port. */
  readonly contract?: ProviderContract
  /** The provider's switches when a scenario sets none: plain data, so that start-up loads no zod (tested equal to `optionsSchema.parse({})`). */
  readonly defaultOptions: Readonly<Record<string, unknown>>
  /** Validates the provider's section of a scenario's `providers` switches; read it once `loadOptionsSchema()` resolved. */
  readonly optionsSchema: z.ZodType
  /** Loads `optionsSchema` (zod): validation is needed only when a scenario, rules or options are given. */
  loadOptionsSchema(): Promise<unknown>
  /** Which neutral outcome one of the provider's delivery codes stands for. */
  deliveryCode(code: string): DeliveryReason | undefined
  /** Lines for the start-up banner: how to call the provider with `account` (the demo account as the scenario left it). */
  describe(baseUrl: string, account: AccountSeed): readonly string[]
}

/** The provider whose accounts, messages and switches an API uses: its realm, or itself. */
export function realmOf(provider: Pick<ProviderFacts, 'name' | 'realm'>): string {
  return provider.realm ?? provider.name
}

/** Loads every provider's options schema: call before validating a scenario or rules against `providers`. */
export function loadOptionsSchemas(providers: Iterable<Pick<ProviderFacts, 'loadOptionsSchema'>>): Promise<unknown> {
  return Promise.all([...providers].map((provider) => provider.loadOptionsSchema()))
}

/**
 * A provider's options schema, loaded on demand: `load()` imports its module, `get()` returns it and
 * refuses, rather than validating nothing, when it was not loaded.
 */
export function lazyOptionsSchema(name: string, importSchema: () => Promise<z.ZodType>): { load(): Promise<unknown>; get(): z.ZodType } {
  let schema: z.ZodType | undefined
  let loading: Promise<unknown> | undefined
  return {
    load: () =>
      (loading ??= importSchema().then((loaded) => {
        schema = loaded
      })),
    get() {
      if (!schema) throw new Error(`The options schema of ${name} is not loaded: await loadOptionsSchemas(providers) before validating`)
      return schema
    },
  }
}

/** Each realm's default switches: the defaults of all its APIs, merged (as `realmOptionsSchemas` merges their schemas). */
export function realmDefaultOptions(providers: readonly Pick<ProviderFacts, 'name' | 'realm' | 'defaultOptions'>[]): Map<string, Readonly<Record<string, unknown>>> {
  const defaults = new Map<string, Readonly<Record<string, unknown>>>()
  for (const provider of providers) defaults.set(realmOf(provider), { ...defaults.get(realmOf(provider)), ...provider.defaultOptions })
  return defaults
}
