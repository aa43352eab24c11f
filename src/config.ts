// One table of the emulator's start options: flag, SMS_EMULATOR_* variable, default, parser and help.
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { EmulatorOptions } from './emulator/index.js'
import { parseHostAlias } from './emulator/net/hosts.js'
import { DEFAULT_CONTROL_PORT, DEFAULT_HOST, providers, tlsPorts } from './emulator/server.js'

export interface OptionSpec {
  /** The long flag without dashes; the environment twin is SMS_EMULATOR_ + upper snake case. */
  readonly flag: string
  readonly type: 'string' | 'boolean'
  /** The flag may be given again and again; its environment twin holds the values separated by commas. */
  readonly multiple?: boolean
  readonly default?: string
  readonly help: string
  /** Puts the parsed value into the emulator's options. */
  apply(options: EmulatorOptions, value: string | boolean | string[]): void
}

/** The API names `--host-alias` accepts. */
const aliasTargets = providers.map((provider) => provider.name)

function parsePort(flag: string, value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--${flag} must be a port number from 0 to 65535 (0 picks a free port), not "${value}"`)
  return port
}

function portOption(service: string, defaultPort: number, title: string): OptionSpec {
  const flag = `${service}-port`
  return {
    flag,
    type: 'string',
    default: String(defaultPort),
    help: `Port of the ${title} (0 = any free port)`,
    apply(options, value) {
      options.ports = { ...(options.ports || {}), [service]: parsePort(flag, String(value)) }
    },
  }
}

export const startOptions: readonly OptionSpec[] = [
  {
    flag: 'host',
    type: 'string',
    default: DEFAULT_HOST,
    help: 'Interface to listen on (0.0.0.0 to accept other machines, as in Docker)',
    apply: (options, value) => {
      options.host = String(value)
    },
  },
  // An API of another provider listens on that provider's port.
  ...providers.filter((provider) => provider.realm === undefined).map((provider) => portOption(provider.name, provider.defaultPort, `${provider.title} API`)),
  ...tlsPorts.map((port) => portOption(port.service, port.defaultPort, `${port.title} API over TLS and plain HTTP alike (certificate from the local CA)`)),
  portOption('control', DEFAULT_CONTROL_PORT, 'control API and inbox page'),
  {
    flag: 'data-dir',
    type: 'string',
    // The CLI's default; Docker's image sets /data. In-process emulators without one keep the CA in memory.
    default: '~/.sms-provider-emulator',
    help: 'Where the emulator keeps its local CA (see docs/interception.md)',
    apply: (options, value) => {
      const dir = String(value)
      options.dataDir = dir === '~' || dir.startsWith('~/') ? join(homedir(), dir.slice(1)) : dir
    },
  },
  {
    flag: 'host-alias',
    type: 'string',
    multiple: true,
    help: `HOST=API: answer another host name as this API (${aliasTargets.join(', ')}); repeatable`,
    apply: (options, value) => {
      const values = Array.isArray(value) ? value : [String(value)]
      options.hostAliases = [...(options.hostAliases ?? []), ...values.map((alias) => parseHostAlias(alias, aliasTargets))]
    },
  },
  {
    flag: 'control-token',
    type: 'string',
    help: 'Token the control API and inbox require (Authorization: Bearer); "none" turns authentication off. Without it, a control API listening beyond loopback gets a random one, printed in the banner',
    apply: (options, value) => {
      const token = String(value)
      // An empty variable (docker run -e SMS_EMULATOR_CONTROL_TOKEN=) means "not set".
      if (token === '') return
      if ( /\s/.test(token)) throw new Error('--control-token must be a token without spaces, or "none"')
      options.controlToken = token
    },
  },
  {
    flag: 'scenario',
    type: 'string',
    help: 'A scenario file (JSON) with accounts, rules and timing; see docs/scenarios.md',
    apply: (options, value) => {
      options.scenario = String(value)
    },
  },
  {
    flag: 'seed',
    type: 'string',
    help: "Seed of the random source (overrides the scenario's): same seed and requests, same ids and outcomes",
    apply: (options, value) => {
      const seed = Number(value)
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not "${value}"`)
      options.seed = seed
    },
  },
  {
    flag: 'clock',
    type: 'string',
    // No default here: without the flag, the scenario's "clock" section decides, else real time.
    help: "real: time flows; manual: time is frozen and moves only through the control API (default real, or the scenario's clock.mode)",
    apply: (options, value) => {
      if (value !== 'real' && value !== 'manual') throw new Error(`--clock must be "real" or "manual", not "${value}"`)
      options.clock = value
    },
  },
  {
    flag: 'clock-start',
    type: 'string',
    help: 'Where the virtual timeline starts (ISO 8601 date), e.g. 2026-01-01T09:00:00+06:00',
    apply: (options, value) => {
      if (!Number.isFinite(Date.parse(String(value)))) throw new Error(`--clock-start must be an ISO 8601 date, not "${value}"`)
      options.clockStart = String(value)
    },
  },
  {
    flag: 'journal-capacity',
    type: 'string',
    default: '10000',
    help: 'How many requests the journal keeps before dropping the oldest',
    apply: (options, value) => {
      const capacity = Number(value)
      if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`--journal-capacity must be a positive integer, not "${value}"`)
      options.journalCapacity = capacity
    },
  },
  {
    flag: 'max-messages',
    type: 'string',
    default: '100000',
    help: 'How many messages are kept, the oldest evicted first (0 = no limit); an evicted id answers as an unknown one',
    apply: (options, value) => {
      const count = Number(value)
      if (!Number.isInteger(count) || count < 0) throw new Error(`--max-messages must be 0 or a positive integer, not "${value}"`)
      options.maxMessages = count
    },
  },
  {
    flag: 'journal-max-bytes',
    type: 'string',
    default: String(64 * 1_048_576),
    help: 'How many bytes of request and answer text the journal keeps before dropping the oldest',
    apply: (options, value) => {
      const bytes = Number(value)
      if (!Number.isInteger(bytes) || bytes < 1) throw new Error(`--journal-max-bytes must be a positive integer, not "${value}"`)
      options.journalMaxBytes = bytes
    },
  },
  {
    flag: 'db',
    type: 'string',
    help: 'Keep messages, balances and the clock in this SQLite file across restarts (created if missing); see docs/persistence.md',
    apply: (options, value) => {
      options.db = String(value)
    },
  },
  {
    flag: 'trust-proxy',
    type: 'boolean',
    help: 'Take the client IP from X-Forwarded-For (for IP rules behind a proxy)',
    apply: (options, value) => {
      options.trustProxy = value === true
    },
  },
]

export function envName(flag: string): string {
  return `SMS_EMULATOR_${flag.replaceAll('-', '_').toUpperCase()}`
}

function parseBooleanEnv(name: string, value: string): boolean {
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true
  if (['0', 'false', 'no', 'off', ''].includes(value.toLowerCase())) return false
  throw new Error(`${name} must be true or false, not "${value}"`)
}

type Flags = Record<string, string | boolean | string[] | undefined>

function envValue(spec: OptionSpec, value: string): string | boolean | string[] {
  if (spec.type === 'boolean') return parseBooleanEnv(envName(spec.flag), value)
  return spec.multiple === true ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : value
}

/** The value an option takes: its flag, else its environment variable, else its default. */
function rawValue(spec: OptionSpec, flags: Flags, env: NodeJS.ProcessEnv): string | boolean | string[] | undefined {
  const fromEnv = env[envName(spec.flag)]
  return flags[spec.flag] ?? (fromEnv === undefined ? undefined : envValue(spec, fromEnv)) ?? spec.default
}

/**
 * Emulator options from flags, then environment variables, then defaults (a flag beats its twin).
 * `flags` holds what `parseArgs` read.
 */
export function resolveStartOptions(flags: Flags, env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  const options: EmulatorOptions = {}
  for (const spec of startOptions) {
    const raw = rawValue(spec, flags, env)
    if (raw !== undefined) spec.apply(options, raw)
  }
  return options
}

/** The `--...-port` option that asked for `port`, to name it when that port is taken. */
export function portOptionFor(port: number, flags: Flags, env: NodeJS.ProcessEnv = process.env): OptionSpec | undefined {
  return startOptions.find((spec) => spec.flag.endsWith('-port') && Number(rawValue(spec, flags, env)) === port)
}

/** The options table as help text. */
export function optionsHelp(specs: readonly OptionSpec[] = startOptions): string {
  return specs
    .map((spec) => {
      const flag = `--${spec.flag}${spec.type === 'string' ? ' <value>' : ''}${spec.multiple === true ? '...' : ''}`
      const fallback = spec.default === undefined ? '' : ` (default ${spec.default})`
      return `  ${flag.padEnd(28)} ${spec.help}${fallback}\n  ${''.padEnd(28)} env ${envName(spec.flag)}`
    })
    .join('\n')
}
