// Runs a consumer through the matrix: one fresh emulator per cell (in process, free ports), cells in parallel.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { rootCertificates } from 'node:tls'
import { normaliseMsisdn } from '../../msisdn.js'
import type { ProviderContract } from '../../types.js'
import { contractFor } from '../registry.js'
import { type Exchange, masker, type Observation } from './evidence.js'
import { type Cell, CELL_TIMING, cellsFor, selectCells } from './matrix.js'
import { gradeCell, type RuleVerdict } from './rules.js'

/** The credentials a cell's account has, and the recipient the consumer must send to. */
export interface CellCredentials {
  readonly key: string
  readonly secret: string
  readonly account: string
  readonly sender: string
  readonly to: string
}

/** What a consumer run reports back. */
export interface ConsumerRun {
  /** `null` when it was stopped. */
  readonly exitCode: number | null
  readonly timedOut: boolean
  readonly output: string
}

/** What certify needs of an emulator: the emulator's own `Emulator` fits. */
export interface CellEmulator {
  readonly urls: Readonly<Record<string, string>>
  journal(filter?: { provider?: string }): readonly Exchange[]
  /** The messages of the cell's provider (or of the provider whose accounts it shares). */
  messages(filter?: { to?: string }): readonly { readonly submissionId: string }[]
  /** The emulator's local CA (PEM): what a consumer reaching it as a proxy, by the real host names, must trust. */
  caCertificate(): Promise<string>
  close(): Promise<void>
}

/** What a cell's emulator starts with: one account of the provider, the cell's rules, fast deliveries. */
export interface CellSetup {
  readonly provider: string
  readonly name: string
  readonly account: { readonly key: string; readonly secret: string; readonly name: string; readonly balance: number }
  readonly rules: readonly object[]
  readonly dlr: { readonly sentAfter: string; readonly deliveredAfter: string }
  readonly journalCapacity: number
  /** Where the emulator keeps its local CA: one folder, so one CA, for every cell of a run. */
  readonly dataDir: string
}

/**
 * Starts a fresh emulator for a cell: free ports, a real-time clock, no log. The kit reads the
 * contracts only, so the caller supplies it (the CLI and `sms-provider-emulator/vitest` do); `messages`
 * answers the provider's messages (an API sharing another's accounts reads that one's).
 */
export type StartCellEmulator = (setup: CellSetup) => Promise<CellEmulator>

/**
 * What a consumer with hard-coded hosts needs: the proxy (the cell's provider port, which answers the
 * real gateways' names) and the files that make it trust the emulator's CA.
 */
export interface CellProxy {
  /** `http://127.0.0.1:PORT`: HTTP_PROXY and HTTPS_PROXY. */
  readonly url: string
  /** The emulator's CA certificate alone (NODE_EXTRA_CA_CERTS, SMS_EMULATOR_CA). */
  readonly caFile: string
  /** The CA followed by Node's bundled roots (SSL_CERT_FILE, CURL_CA_BUNDLE, REQUESTS_CA_BUNDLE, which replace the system's). */
  readonly bundleFile: string
}

/** Loopback stays off the proxy: SMS_EMULATOR_URL and the control API are reached directly. */
export const NO_PROXY = '127.0.0.1,localhost,::1'

/** Runs the consumer once, with `env` pointing it at the cell's emulator, within `timeoutMs`. */
export type Consumer = (env: Readonly<Record<string, string>>, context: { readonly cell: Cell; readonly timeoutMs: number }) => Promise<ConsumerRun>

export interface CertifyOptions {
  readonly provider: string
  readonly consumer: Consumer
  readonly startEmulator: StartCellEmulator
  /** Cell ids (`refused-108`), prefixes (`send-*`) or kinds (`kind:fault`); all cells when empty. */
  readonly cells?: readonly string[]
  /** Time allowed to each cell's consumer (default 20 s). */
  readonly timeoutMs?: number
  /** Cells run at once (default: four per core, at most 16). */
  readonly parallel?: number
  /** Shortest time allowed between two status reads of one message (default 500 ms: cell deliveries take 700 ms). */
  readonly minPollIntervalMs?: number
  /** Attempts allowed for a request that keeps failing, the first included (default 5). */
  readonly maxAttempts?: number
  /** The recipient (default 8801712345678). */
  readonly to?: string
  /** Extra environment variables, as templates: `{url}`, `{control}`, `{key}`, `{secret}`, `{account}`, `{sender}`, `{to}`, `{provider}`, `{host}`, `{port}`, `{cell}`. */
  readonly env?: Readonly<Record<string, string>>
  /** Output that means the consumer reported a failure, whatever its exit code. */
  readonly failPattern?: RegExp
  /** Called as each cell ends (for progress). */
  readonly onCell?: (result: CellResult) => void
}

export interface CellResult {
  readonly id: string
  readonly provider: string
  readonly kind: Cell['kind']
  readonly title: string
  readonly verdicts: readonly RuleVerdict[]
  readonly exitCode: number | null
  readonly timedOut: boolean
  readonly durationMs: number
  /** Requests the consumer made. */
  readonly requests: number
  /** The end of the consumer's output, credentials masked. */
  readonly output: string
  /** No applicable rule failed. */
  readonly ok: boolean
}

export const DEFAULT_CELL_TIMEOUT_MS = 20_000
export const DEFAULT_CERTIFY_MIN_POLL_MS = 500
export const DEFAULT_MAX_ATTEMPTS = 5
export const DEFAULT_RECIPIENT = '8801712345678'
const OUTPUT_KEPT = 4000
const SETTLE_STEP_MS = 20
const SETTLE_MAX_MS = 1000
export const TEMPLATE_NAMES = ['url', 'control', 'key', 'secret', 'account', 'sender', 'to', 'provider', 'host', 'port', 'cell', 'proxy', 'ca'] as const

/** Checks `--env` templates up front, so a typo fails before any cell runs. */
export function checkTemplates(templates: Readonly<Record<string, string>>): void {
  for (const [name, template] of Object.entries(templates)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`--env: "${name}" is not an environment variable name`)
    for (const [, placeholder] of template.matchAll(/\{([^{}]*)\}/g)) {
      if (!(TEMPLATE_NAMES as readonly string[]).includes(placeholder ?? '')) {
        throw new Error(`--env ${name}: unknown placeholder {${placeholder}}; use ${TEMPLATE_NAMES.map((known) => `{${known}}`).join(', ')}`)
      }
    }
  }
}

function envName(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
}

/**
 * The environment a consumer gets: generic names (`SMS_EMULATOR_URL`, `SMS_API_KEY`, `SMS_TO`...), the
 * provider's own parameter names (`DINISOFT_APIKEY`, `MIMSMS_API_KEY`), the proxy variables and CA
 * files for code with the real hosts written in, and the `--env` templates.
 */
export function consumerEnv(
  contract: ProviderContract,
  urls: { provider: string; control: string },
  credentials: CellCredentials,
  cellId: string,
  templates: Readonly<Record<string, string>> = {},
  proxy?: CellProxy,
): Record<string, string> {
  const prefix = envName(contract.provider)
  const byRole: Readonly<Record<string, string>> = { key: credentials.key, secret: credentials.secret, account: credentials.account, sender: credentials.sender }
  const env: Record<string, string> = {
    SMS_PROVIDER: contract.provider,
    SMS_EMULATOR_URL: urls.provider,
    SMS_EMULATOR_CONTROL_URL: urls.control,
    [`${prefix}_BASE_URL`]: urls.provider,
    SMS_API_KEY: credentials.key,
    SMS_API_SECRET: credentials.secret,
    SMS_ACCOUNT: credentials.account,
    SMS_SENDER: credentials.sender,
    SMS_TO: credentials.to,
    SMS_CERTIFY_CELL: cellId,
  }
  if (proxy) {
    // Both spellings: curl reads only the lower-case http_proxy, Go and Python either.
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY']) env[name] = env[name.toLowerCase()] = proxy.url
    env.NO_PROXY = env.no_proxy = NO_PROXY
    env.SMS_EMULATOR_CA = env.NODE_EXTRA_CA_CERTS = proxy.caFile
    env.SSL_CERT_FILE = env.CURL_CA_BUNDLE = env.REQUESTS_CA_BUNDLE = proxy.bundleFile
  }
  for (const endpoint of contract.endpoints) {
    for (const param of endpoint.params) {
      const value = param.role === undefined ? undefined : byRole[param.role]
      if (value !== undefined) env[`${prefix}_${envName(param.name)}`] = value
    }
  }
  const url = new URL(urls.provider)
  const values: Readonly<Record<string, string>> = {
    url: urls.provider,
    control: urls.control,
    ...byRole,
    to: credentials.to,
    provider: contract.provider,
    host: url.hostname,
    port: url.port,
    cell: cellId,
    proxy: proxy?.url ?? '',
    ca: proxy?.caFile ?? '',
  }
  for (const [name, template] of Object.entries(templates)) env[name] = template.replace(/\{([^{}]*)\}/g, (whole, placeholder: string) => values[placeholder] ?? whole)
  return env
}

function newCredentials(to: string): CellCredentials {
  const token = () => randomBytes(6).toString('hex')
  return { key: `certify-key-${token()}`, secret: `certify-secret-${token()}`, account: `certify${token()}`, sender: 'DEMO', to }
}

/** The end of a program's output, from a line's start: a line cut in its middle could show part of a credential. */
function tail(text: string): string {
  if (text.length <= OUTPUT_KEPT) return text
  const end = text.slice(-OUTPUT_KEPT)
  return `...${end.slice(end.indexOf('\n') + 1)}`
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Starting an emulator takes the event loop for a few milliseconds; dozens starting at once would
// stall the consumers already running (their timeouts are real), so consumers wait for the burst to end.
let startsUnderWay = 0
let waitingForStarts: (() => void)[] = []

async function startCellEmulator(start: StartCellEmulator, setup: CellSetup): Promise<CellEmulator> {
  startsUnderWay++
  try {
    return await start(setup)
  } finally {
    if (--startsUnderWay === 0) {
      const waiting = waitingForStarts
      waitingForStarts = []
      for (const resume of waiting) resume()
    }
  }
}

function startsSettled(): Promise<void> {
  return startsUnderWay === 0 ? Promise.resolve() : new Promise((resolve) => waitingForStarts.push(resolve))
}

/** A run's folder: the emulators' CA (one for all cells) and the files a consumer trusts it by. */
export interface RunFolder {
  readonly dataDir: string
  /** Writes the trust files from the first cell's emulator; later cells reuse them. */
  trust(emu: CellEmulator): Promise<Pick<CellProxy, 'caFile' | 'bundleFile'>>
}

/** Makes a run's folder (removed by `remove`): the CA's private key stays in `dataDir`, never in the trust files. */
export async function runFolder(): Promise<RunFolder & { remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sms-emulator-certify-'))
  const dataDir = join(root, 'emulator')
  let files: Promise<Pick<CellProxy, 'caFile' | 'bundleFile'>> | undefined
  return {
    dataDir,
    trust: (emu) =>
      (files ??= (async () => {
        const ca = (await emu.caCertificate()).trim()
        const trust = join(root, 'trust')
        await mkdir(trust, { recursive: true })
        const caFile = join(trust, 'ca.pem')
        const bundleFile = join(trust, 'ca-bundle.pem')
        await writeFile(caFile, `${ca}\n`)
        await writeFile(bundleFile, `${[ca, ...rootCertificates].join('\n')}\n`)
        return { caFile, bundleFile }
      })()),
    remove: () => rm(root, { recursive: true, force: true }),
  }
}

/** Runs one cell: a fresh emulator with the cell's scenario, the consumer, then the grading. */
export async function runCell(contract: ProviderContract, cell: Cell, options: CertifyOptions, folder: RunFolder): Promise<CellResult> {
  const to = normaliseMsisdn(options.to ?? DEFAULT_RECIPIENT)
  if (!to) throw new Error(`Failed to certify: the recipient "${options.to}" is not a Bangladeshi mobile number`)
  const credentials = newCredentials(to)
  const emu = await startCellEmulator(options.startEmulator, {
    provider: contract.provider,
    name: `certify ${contract.provider} ${cell.id}`,
    account: { key: credentials.key, secret: credentials.secret, name: credentials.account, balance: cell.balance ?? 1000 },
    rules: cell.rules,
    dlr: CELL_TIMING,
    journalCapacity: 1000,
    dataDir: folder.dataDir,
  })
  await startsSettled()
  const mask = masker([credentials.key, credentials.secret])
  const timeoutMs = options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS
  const started = performance.now()
  const startedAt = Date.now()
  let closed = false
  try {
    const providerUrl = emu.urls[contract.provider]
    const controlUrl = emu.urls.control ?? ''
    if (!providerUrl) throw new Error(`Failed to certify: the emulator does not serve ${contract.provider}`)
    const trust = await folder.trust(emu)
    const env = consumerEnv(contract, { provider: providerUrl, control: controlUrl }, credentials, cell.id, options.env, { url: new URL(providerUrl).origin, ...trust })
    const run = await options.consumer(env, { cell, timeoutMs })
    const durationMs = Math.round(performance.now() - started)
    // Closing ends what the consumer left hanging; those requests (and a ghost accept's message) land
    // in the journal as their sockets close.
    await emu.close()
    closed = true
    let last = -1
    for (let waited = 0; waited < SETTLE_MAX_MS; waited += SETTLE_STEP_MS) {
      await pause(SETTLE_STEP_MS)
      const size = emu.journal().length + emu.messages().length
      if (size === last) break
      last = size
    }
    const exchanges = [...emu.journal({ provider: contract.provider })]
    const submissions = new Set(emu.messages({ to }).map((message) => message.submissionId))
    const output = mask(tail(run.output))
    const observation: Observation = {
      exchanges,
      accepted: submissions.size,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      output,
      failMatched: options.failPattern ? options.failPattern.test(run.output) : false,
      startedAt,
      durationMs,
    }
    const verdicts = gradeCell(contract, cell, observation, {
      minPollIntervalMs: options.minPollIntervalMs ?? DEFAULT_CERTIFY_MIN_POLL_MS,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      mask,
    })
    return {
      id: cell.id,
      provider: contract.provider,
      kind: cell.kind,
      title: cell.title,
      verdicts,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      durationMs,
      requests: exchanges.length,
      output,
      ok: verdicts.every((verdict) => verdict.status !== 'failed'),
    }
  } finally {
    if (!closed) await emu.close()
  }
}

/** Runs every selected cell of one provider, `parallel` at a time; results in matrix order. */
export async function runCertification(options: CertifyOptions): Promise<CellResult[]> {
  const [results] = await runProviders([options.provider], options)
  return results ?? []
}

/**
 * Runs the selected cells of several providers in one pool, `parallel` at a time (the slowest cells
 * of one provider overlap the others'); per provider, results in matrix order.
 */
export async function runProviders(providers: readonly string[], options: Omit<CertifyOptions, 'provider'>): Promise<CellResult[][]> {
  const tasks = providers.flatMap((provider, index) => {
    const contract = contractFor(provider)
    return selectCells(cellsFor(contract), options.cells ?? []).map((cell, slot) => ({ index, slot, contract, cell }))
  })
  const parallel = Math.max(1, options.parallel ?? Math.min(16, availableParallelism() * 4))
  const results: CellResult[][] = providers.map(() => [])
  const folder = await runFolder()
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++] as (typeof tasks)[number]
      const result = await runCell(task.contract, task.cell, { ...options, provider: task.contract.provider }, folder)
      const row = results[task.index]
      if (row) row[task.slot] = result
      options.onCell?.(result)
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, tasks.length) }, worker))
  } finally {
    await folder.remove()
  }
  return results
}

/**
 * A consumer that is a command: run with the cell's environment added to `env` (this process's by default), stopped
 * (with its whole process group) when the cell's time runs out.
 */
export function commandConsumer(command: string, args: readonly string[], options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {}): Consumer {
  return (env, { timeoutMs }) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: options.cwd, env: { ...(options.env ?? process.env), ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' })
      let output = ''
      const collect = (chunk: Buffer) => {
        output = tail(output + chunk.toString('utf8'))
      }
      child.stdout.on('data', collect)
      child.stderr.on('data', collect)
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        try {
          if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL')
          else child.kill('SIGKILL')
        } catch {
          child.kill('SIGKILL')
        }
      }, timeoutMs)
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(new Error(`Failed to run ${command}: ${error.message}`, { cause: error }))
      })
      child.once('close', (code) => {
        clearTimeout(timer)
        resolve({ exitCode: timedOut ? null : code, timedOut, output })
      })
    })
}

/** What an in-process consumer gets: the cell's environment, and a signal aborted when its time runs out. */
export interface InProcessContext {
  readonly env: Readonly<Record<string, string>>
  readonly cell: Cell
  readonly signal: AbortSignal
  /** Adds a line to the consumer's output (graded by `failPattern`, shown in reports). */
  readonly log: (line: string) => void
}

/**
 * A consumer that is a function in this process: resolving is success (exit code 0, or the number it
 * resolves to), throwing is failure (exit code 1, its message as output). Past the cell's time its
 * signal aborts and the cell is graded as stopped.
 */
export function functionConsumer(run: (context: InProcessContext) => unknown): Consumer {
  return async (env, { cell, timeoutMs }) => {
    const controller = new AbortController()
    let output = ''
    const log = (line: string) => {
      output = tail(`${output}${line}\n`)
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<ConsumerRun>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`certify: the cell's ${timeoutMs} ms ran out`))
        resolve({ exitCode: null, timedOut: true, output })
      }, timeoutMs)
    })
    const ran = (async (): Promise<ConsumerRun> => {
      try {
        const value = await run({ env, cell, signal: controller.signal, log })
        return { exitCode: typeof value === 'number' ? value : 0, timedOut: false, output }
      } catch (error) {
        log(error instanceof Error ? error.message : String(error))
        return { exitCode: 1, timedOut: false, output }
      }
    })()
    try {
      return await Promise.race([ran, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
