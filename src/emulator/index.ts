// startEmulator: the in-process API that tests and the CLI use to run an emulator.
import type { RequestListener } from 'node:http'
import type { VerifyConsumerOptions, Violation } from '../contracts/kit/verify-consumer.js'
import type { ProviderName } from '../contracts/types.js'
import type { Clock, ClockMode } from './core/clock.js'
import type { JournalEntry, JournalFilter } from './core/journal.js'
import type { RuleInput } from './core/scenario-schema.js'
import { loadOptionsSchemas } from './core/provider-facts.js'
import type { Scenario } from './core/scenario-schema.js'
import type * as Validation from './core/scenario.js'
import { consoleLogger, createState, type EmulatorState, type Logger, silentLogger } from './core/state.js'
import { maskedLogger } from './core/masked-logger.js'
import type { MessageFilter, MessageView } from './core/store.js'
import { generateToken, isLoopback, NO_TOKEN } from './control/access.js'
import { type HostAlias, HostTable, Interceptor, lazyAuthority } from './net/index.js'
import { composeApis, DEFAULT_CONTROL_PORT, DEFAULT_HOST, type Listener, listen, portGroups, providers, SHUTDOWN_GRACE_MS, tlsPorts } from './server.js'

export type ServiceName = ProviderName | 'control' | (typeof tlsPorts)[number]['service']

export interface EmulatorOptions {
  /** Interface to listen on (default 127.0.0.1; 0.0.0.0 in Docker). */
  host?: string
  /** 0 gives every service a free port; or set ports per service (`{ dinisoft: 7788 }`), 0 meaning free. */
  ports?: 0 | Partial<Record<ServiceName, number>>
  /** A scenario file path, or a scenario object (validated). */
  scenario?: string | object
  /** Overrides the scenario's seed. */
  seed?: number
  /** `manual` freezes time: it moves only through `clock.advance` and the control API. */
  clock?: ClockMode
  /** Where the virtual timeline starts (ISO date or epoch ms). */
  clockStart?: string | number
  /** Most requests the journal keeps (default 10,000). */
  journalCapacity?: number
  /** Most bytes of request and answer text the journal keeps (default 64 MiB). */
  journalMaxBytes?: number
  /** Most messages kept, the oldest evicted first (default 100,000; 0 = no limit). */
  maxMessages?: number
  /** Trust X-Forwarded-For for source-IP rules. */
  trustProxy?: boolean
  /**
   * The control API's token (`Authorization: Bearer`), or `none` for no authentication. Without one,
   * a control API listening beyond loopback gets a random token (see `Emulator.controlToken`).
   */
  controlToken?: string
  /** Where log lines go; `false` for silence. */
  log?: Logger | false
  /**
   * A SQLite file that keeps messages, balances, marks, counters and the clock across restarts (created
   * when missing). Without it everything stays in memory.
   */
  db?: string
  /**
   * Where the emulator keeps what outlives it (the local CA). Without it, the CA is made in memory
   * for this emulator only; the CLI defaults to ~/.sms-provider-emulator.
   */
  dataDir?: string
  /** More host names to answer as a gateway's (white-label panels), besides the scenario's `hostAliases`. */
  hostAliases?: readonly HostAlias[]
}

export interface CloseOptions {
  /**
   * How long requests in flight may take to finish before they are cut (default 5000 ms). A test that
   * leaves requests held (a `hang` fault, a latency its client gave up on) closes at once with 0.
   */
  graceMs?: number
}

export interface Emulator {
  /** Base URL of each provider and the control API. */
  readonly urls: Readonly<Record<ServiceName, string>>
  readonly state: EmulatorState
  /** The token the control API requires, or `undefined` when it requires none. */
  readonly controlToken: string | undefined
  /**
   * How the control API is guarded: `token` (set by the user), `generated` (none was set and it listens
   * beyond loopback), `none` (`--control-token none`), `loopback` (no token, reachable from this machine only).
   */
  readonly controlAccess: 'token' | 'generated' | 'none' | 'loopback'
  readonly clock: Clock
  /** Accepted messages (one per recipient), oldest first, with their current status and history. */
  messages(filter?: MessageFilter): MessageView[]
  /** Every request the provider ports received, oldest first. */
  journal(filter?: JournalFilter): JournalEntry[]
  /**
   * What the journal's requests did against the providers' contracts (misspelled or missing
   * parameters, text cut at "&", status read again after a final one...): `[]` when nothing.
   *
   * @example
   * expect(emu.contractViolations()).toEqual([])
   */
  contractViolations(options?: VerifyConsumerOptions & { filter?: JournalFilter }): Violation[]
  /** Adds rules in front of the scenario's (first match wins), until reset; validated like a scenario's. */
  use(...rules: RuleInput[]): void
  /** The local CA's certificate (PEM), made on first use: what HTTPS clients of the emulator must trust. */
  caCertificate(): Promise<string>
  /** Back to the scenario's start: accounts, balances, messages, journal and counters. */
  reset(): void
  /**
   * Stops accepting connections, lets the requests in flight finish (for up to 5 s, then hang faults
   * and long latencies are cut), and releases the state. Calling it again returns the same promise.
   */
  close(options?: CloseOptions): Promise<void>
}

/** Loaded only with a database, so that an in-memory emulator never loads the native SQLite module. */
async function attachDatabase(state: EmulatorState, path: string): Promise<void> {
  const persist = await import('./persist/index.js').catch((error: Error) => {
    const why = error.message.split('\n', 1)[0]
    throw new Error(`Failed to load better-sqlite3, which --db needs: ${why}. Reinstall it with "npm rebuild better-sqlite3".`, { cause: error })
  })
  persist.attachDatabase(state, path)
}

/** The scenario validation (zod and the schemas built with it), loaded only when something is to be validated. */
async function loadValidation(): Promise<typeof Validation> {
  const [validation] = await Promise.all([import('./core/scenario.js'), loadOptionsSchemas(providers)])
  return validation
}

async function resolveScenario(scenario: EmulatorOptions['scenario']): Promise<Scenario | undefined> {
  if (scenario === undefined) return undefined
  const { loadScenarioFile, parseScenario } = await loadValidation()
  if (typeof scenario === 'string') return loadScenarioFile(scenario, providers)
  return parseScenario(scenario, providers)
}

/**
 * The control API (Hono, the inbox's pages) is loaded on its first request: the provider ports answer
 * without waiting for it. A request body waits, unread, in its stream meanwhile.
 */
function lazyControlApi(state: EmulatorState, token: string | undefined): RequestListener {
  let loading: Promise<RequestListener> | undefined
  const load = async (): Promise<RequestListener> => {
    const [{ getRequestListener }, { controlApi }] = await Promise.all([import('@hono/node-server'), import('./control/api.js'), loadOptionsSchemas(state.providers.values())])
    return getRequestListener(controlApi(state, token === undefined ? {} : { token }).fetch)
  }
  return (req, res) => {
    loading ??= load()
    loading.then(
      (listener) => listener(req, res),
      (error: unknown) => {
        state.log.error('control API: failed to load:', error)
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('The control API failed to load.\n')
      },
    )
  }
}

function portOf(ports: EmulatorOptions['ports'], service: ServiceName, fallback: number): number {
  if (ports === 0) return 0
  return ports?.[service] ?? fallback
}

/**
 * Starts both providers and the control API.
 *
 * @example
 * const emu = await startEmulator({ ports: 0, clock: 'manual' })
 * await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=Hi`)
 * emu.clock.advance('5s')
 * await emu.close()
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await launchEmulator(options)
  // Loaded once the ports answer: the contract kit for contractViolations(), the validation for use().
  const [{ verifyConsumer }, { parseRules }] = await Promise.all([import('../contracts/kit/verify-consumer.js'), loadValidation()])
  return {
    ...emulator,
    contractViolations: ({ filter, ...options } = {}) => [...verifyConsumer(emulator.state.journal.list(filter), options).violations],
    use: (...rules) => emulator.state.scenario.use(parseRules(rules, providers)),
  }
}

/** An emulator without the in-process checks (`use`, `contractViolations`): what the CLI runs. */
export type RunningEmulator = Omit<Emulator, 'use' | 'contractViolations'>

/**
 * Starts the emulator as startEmulator does, without loading what only in-process callers use (zod, the
 * contract kit), so that `sms-emulator start` answers sooner. The control API loads them on its first request.
 */
export async function launchEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? DEFAULT_HOST
  const controlAccess = options.controlToken === NO_TOKEN ? 'none' : options.controlToken !== undefined ? 'token' : isLoopback(host) ? 'loopback' : 'generated'
  const controlToken = controlAccess === 'generated' ? generateToken() : controlAccess === 'token' ? options.controlToken : undefined
  const scenario = await resolveScenario(options.scenario)
  const state = createState({
    providers,
    ...(scenario === undefined ? {} : { scenario }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.clockStart === undefined ? {} : { clockStart: options.clockStart }),
    ...(options.journalCapacity === undefined ? {} : { journalCapacity: options.journalCapacity }),
    ...(options.journalMaxBytes === undefined ? {} : { journalMaxBytes: options.journalMaxBytes }),
    ...(options.maxMessages === undefined ? {} : { maxMessages: options.maxMessages }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    log: options.log === false ? silentLogger : maskedLogger(options.log ?? consoleLogger, providers.flatMap((provider) => (provider.contract ? [provider.contract] : []))),
  })
  const groups = portGroups(providers)
  const portListeners = new Map(groups.map((group) => [group.realm, composeApis(group, state)]))
  // A host goes to the port that serves its API (MiM's port tells legacy and JSON paths apart).
  const apis = new Map(groups.flatMap((group) => group.apis.map((api) => [api.name, portListeners.get(group.realm) as RequestListener] as const)))
  const authority = lazyAuthority(options.dataDir)
  const interceptor = new Interceptor({
    hosts: new HostTable(options.hostAliases, () => state.scenario.current.hostAliases),
    apis,
    authority,
    defaultNames: tlsPorts[0].names,
  })
  const listeners: Listener[] = []
  const urls: Partial<Record<ServiceName, string>> = {}
  const closeAll = async (deadline: number) => {
    // Tunnels and TLS-port connections end at once; the ports' own connections drain until the deadline.
    interceptor.close()
    await Promise.all(listeners.map((listener) => listener.close(deadline)))
  }
  try {
    if (options.db !== undefined) await attachDatabase(state, options.db)
    for (const group of groups) {
      const listener = await listen(portListeners.get(group.realm) as RequestListener, host, portOf(options.ports, group.realm as ProviderName, group.defaultPort), { interceptor })
      listeners.push(listener)
      for (const api of group.apis) urls[api.name as ProviderName] = listener.url
    }
    for (const port of tlsPorts) {
      const listener = await listen(apis.get(port.api) as RequestListener, host, portOf(options.ports, port.service, port.defaultPort), { interceptor, tls: true })
      listeners.push(listener)
      urls[port.service] = listener.url
    }
    const control = await listen(lazyControlApi(state, controlToken), host, portOf(options.ports, 'control', DEFAULT_CONTROL_PORT))
    listeners.push(control)
    urls.control = control.url
  } catch (error) {
    await closeAll(Date.now())
    state.close()
    throw error
  }

  let closed: Promise<void> | undefined
  const close = async (graceMs: number) => {
    await closeAll(Date.now() + graceMs)
    state.close()
  }

  return {
    urls: urls as Record<ServiceName, string>,
    state,
    controlToken,
    controlAccess,
    clock: state.clock,
    messages: (filter) => state.store.find(filter).map(state.store.view),
    journal: (filter) => state.journal.list(filter),
    caCertificate: async () => (await authority()).certificate,
    reset: () => state.reset(),
    close: ({ graceMs = SHUTDOWN_GRACE_MS } = {}) => (closed ??= close(graceMs)),
  }
}
