// One emulator's whole state: clock, random source, accounts, messages, journal, scenario, events.
import type { DeliveryReason } from '../../contracts/reasons.js'
import { type AccountStore, createAccountStore } from './accounts.js'
import { type Clock, type ClockMode, createClock } from './clock.js'
import { type Durability, inMemory } from './durability.js'
import { createEventBus, type EventBus } from './events.js'
import { createJournal, DEFAULT_JOURNAL_CAPACITY, type Journal } from './journal.js'
import { magicNumberRules } from './magic-numbers.js'
import { type ProviderFacts, realmDefaultOptions } from './provider-facts.js'
import { createRandom, DEFAULT_SEED, type Random } from './random.js'
import { createScenarioRuntime, defaultScenario, type ScenarioRuntime } from './scenario-runtime.js'
import type { Scenario } from './scenario-schema.js'
import { createInboundStore, type InboundStore } from './inbound.js'
import { createStatusEvents } from './status-events.js'
import { createMessageStore, DEFAULT_MAX_MESSAGES, type Message, type MessageStore, type NewMessage } from './store.js'

export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string, error?: unknown): void
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, error) => console.error(message, error instanceof Error ? error.message : (error ?? '')),
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

export interface StateOptions {
  readonly providers: readonly ProviderFacts[]
  /** A validated scenario; the default scenario (demo accounts, default timing) when omitted. */
  readonly scenario?: Scenario
  /** Overrides the scenario's seed. */
  readonly seed?: number
  readonly clock?: ClockMode
  readonly clockStart?: number | string | Date
  readonly journalCapacity?: number
  readonly journalMaxBytes?: number
  /** Most messages kept, the oldest evicted first (default 100,000; 0 = no limit). */
  readonly maxMessages?: number
  readonly log?: Logger
  /** Take the client IP from X-Forwarded-For (behind a proxy). */
  readonly trustProxy?: boolean
}

/** Settings fixed for the emulator's life. */
export interface EmulatorSettings {
  readonly trustProxy: boolean
}

export interface EmulatorState {
  readonly clock: Clock
  readonly random: Random
  readonly accounts: AccountStore
  readonly store: MessageStore
  readonly journal: Journal
  /** SMS sent by subscribers to the accounts (two-way SMS), until an API hands them out. */
  readonly inbound: InboundStore
  readonly events: EventBus
  readonly scenario: ScenarioRuntime
  /** The scenario the emulator started with (what "reset the scenario" returns to). */
  readonly initialScenario: Scenario
  readonly providers: ReadonlyMap<string, ProviderFacts>
  readonly log: Logger
  readonly settings: EmulatorSettings
  /** Where changes go to survive a restart (`--db`); in memory only by default. */
  durability: Durability
  /** A per-emulator counter, started at `start()` the first time it is used after a reset. */
  nextInSequence(name: string, start: () => number): number
  /** The counters' current values (what `nextInSequence` returned last), for saving and restoring. */
  readonly sequences: Map<string, number>
  /** Stores a message and announces it, and each later change of its status, on `events`. */
  track(message: NewMessage): Message
  /** Puts back a message saved before a restart: stored, and only its status changes still to come announced. */
  restore(message: NewMessage, marks: Iterable<string>, seq?: number): Message
  /** Announces a message whose plan was rewritten (forced outcome). */
  retrack(message: Message): void
  /** Back to the scenario's start: accounts, messages, journal, counters, random sequence. */
  reset(): void
  /** Runs a different scenario from now on (and resets as `reset` does). */
  replaceScenario(scenario: Scenario): void
  close(): void
}

export function createState(options: StateOptions): EmulatorState {
  const providers = new Map(options.providers.map((provider) => [provider.name, provider]))
  const log = options.log ?? consoleLogger
  const scenarioValue = options.scenario ?? defaultScenario()
  const seedOf = (scenario: Scenario) => options.seed ?? scenario.seed ?? DEFAULT_SEED
  // The scenario's clock settings apply at start only; explicit options win.
  const clockStart = options.clockStart ?? scenarioValue.clock?.start
  const clock = createClock({ mode: options.clock ?? scenarioValue.clock?.mode ?? 'real', ...(clockStart === undefined ? {} : { start: clockStart }) })
  const random = createRandom(seedOf(scenarioValue))
  const accounts = createAccountStore()
  const store = createMessageStore(clock.now, options.maxMessages ?? DEFAULT_MAX_MESSAGES)
  // Marks and evictions go through to a database (--db); acceptances are written by the submission.
  store.observe({
    marked: (message) => state.durability.marked(message),
    evicted: (message) => state.durability.evicted(message),
    removed: (message) => state.durability.removed(message),
  })
  const journal = createJournal({
    capacity: options.journalCapacity ?? DEFAULT_JOURNAL_CAPACITY,
    ...(options.journalMaxBytes === undefined ? {} : { maxBytes: options.journalMaxBytes }),
  })
  const events = createEventBus((error) => log.error('An event listener failed:', error))
  const statusEvents = createStatusEvents(store, clock, events)
  // APIs of one provider share its switches: `options('mimsms')` holds the legacy and the JSON API's.
  const defaultOptions = realmDefaultOptions(options.providers)
  const inbound = createInboundStore(clock.now)
  // Replies, and the clock's moves (the control API's and `emu.clock`'s alike), go through to a database too.
  inbound.observe({ added: (message) => state.durability.inboundAdded(message), taken: (message) => state.durability.inboundTaken(message) })
  clock.observe(() => state.durability.clockMoved())
  const scenario = createScenarioRuntime(
    scenarioValue,
    {
      random,
      deliveryCode: (provider: string, code: string): DeliveryReason | undefined => providers.get(provider)?.deliveryCode(code),
    },
    (provider) => defaultOptions.get(provider),
  )
  scenario.setFallbackRules(magicNumberRules())
  const sequences = new Map<string, number>()
  function loadAccounts(current: Scenario): void {
    accounts.clear()
    for (const provider of options.providers) {
      // An API of another provider uses that provider's accounts.
      if (provider.realm !== undefined && provider.realm !== provider.name) continue
      if (current.defaultAccounts) for (const seed of provider.defaultAccounts) accounts.upsert(provider.name, seed)
      for (const seed of current.accounts[provider.name] ?? []) accounts.upsert(provider.name, seed)
    }
  }

  function clearAll(): void {
    store.clear()
    statusEvents.clear()
    inbound.clear()
    journal.clear()
    sequences.clear()
    random.reseed(seedOf(scenario.current))
    scenario.resetRules()
    loadAccounts(scenario.current)
    state.durability.cleared()
    events.emit('reset', {})
  }

  loadAccounts(scenarioValue)

  const state: EmulatorState = {
    durability: inMemory,
    clock,
    random,
    accounts,
    store,
    journal,
    inbound,
    events,
    scenario,
    initialScenario: scenarioValue,
    providers,
    log,
    settings: { trustProxy: options.trustProxy ?? false },
    nextInSequence(name, start) {
      const next = (sequences.get(name) ?? start() - 1) + 1
      sequences.set(name, next)
      return next
    },
    sequences,
    track(input) {
      const message = store.add(input)
      // The first event (accepted, or scheduled) is 'message.accepted' itself; the rest are status changes.
      events.emit('message.accepted', { message })
      statusEvents.accepted(message)
      return message
    },
    restore(input, marks, seq) {
      const message = store.add(input, marks, seq)
      statusEvents.restored(message)
      return message
    },
    retrack(message) {
      store.replanned(message)
      state.durability.replanned(message)
      statusEvents.replanned(message)
    },
    reset: clearAll,
    replaceScenario(next) {
      scenario.replace(next)
      clearAll()
    },
    close() {
      statusEvents.close()
      clock.close()
      state.durability.close()
    },
  }
  return state
}
