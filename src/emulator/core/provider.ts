// What the core needs to know of a provider, without knowing which providers exist: its facts
// (provider-facts.ts) and its HTTP app, bound to one emulator's state.
import type { ProviderApp } from './http.js'
import type { ProviderFacts } from './provider-facts.js'
import type { EmulatorState } from './state.js'

export { type ProviderFacts, realmOf } from './provider-facts.js'

export interface ProviderDefinition extends ProviderFacts {
  /** The provider's HTTP API (routes and a Node request listener), bound to one emulator's state. */
  createApp(state: EmulatorState): ProviderApp
}
