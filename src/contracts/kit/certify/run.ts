// Runs a consumer through the matrix: one fresh emulator per cell (in process, free ports), cells in parallel.
import { randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { normaliseMsisdn } from '../../msisdn.js'
import type { ProviderContract } from '../../types.js'
import { contractFor } from '../registry.js'
import { type Consumer, tail } from './consumers.js'
import { type CellCredentials, consumerEnv, type RunFolder, runFolder } from './environment.js'
import { type Exchange, masker, type Observation, valueMasker } from './evidence.js'
import { type Cell, CELL_TIMING, cellsFor, selectCells } from './matrix.js'
import { gradeCell, type RuleVerdict } from './rules.js'

/** What certify needs of an emulator: the emulator's own `Emulator` fits. */
export interface CellEmulator {
  readonly urls: Readonly<Record<string, string>>
  journal(filter?: { provider?: string }): readonly Exchange[]
  /** The messages of the cell's provider (or of the provider whose accounts it shares). */
  messages(filter?: { to?: string }): readonly { readonly submissionId: string }[]
  /** The emulator's local CA (PEM): what a consumer reaching it as a proxy, by the real host names, must trust. */
  caCertificate(): Promise<string>
  /** Called once the consumer has ended: cuts what it left in flight at once (no graceful wait). */
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
const SETTLE_STEP_MS = 20
const SETTLE_MAX_MS = 1000
function newCredentials(to: string): CellCredentials {
  const token = () => randomBytes(6).toString('hex')
  return { key: `certify-key-${token()}`, secret: `certify-secret-${token()}`, account: `certify${token()}`, sender: 'DEMO', to }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Starting an emulator takes the event loop for a few milliseconds; dozens starting at once would
// stall the consumers already running (their timeouts are real), so consumers wait for the burst to end.
// The burst ends a loop turn after the last start, so that runs begun together (several suites' hooks)
// count as one burst even when one run's starts all end before another's begin.
let startsUnderWay = 0
let waitingForStarts: (() => void)[] = []

function releaseIfSettled(): void {
  if (startsUnderWay !== 0) return
  const waiting = waitingForStarts
  waitingForStarts = []
  for (const resume of waiting) resume()
}

async function startCellEmulator(start: StartCellEmulator, setup: CellSetup): Promise<CellEmulator> {
  startsUnderWay++
  try {
    return await start(setup)
  } finally {
    if (--startsUnderWay === 0) setImmediate(releaseIfSettled)
  }
}

function startsSettled(): Promise<void> {
  return startsUnderWay === 0 ? Promise.resolve() : new Promise((resolve) => waitingForStarts.push(resolve))
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
  const maskOwn = valueMasker([credentials.key, credentials.secret])
  const timeoutMs = options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS
  let closed = false
  try {
    const providerUrl = emu.urls[contract.provider]
    const controlUrl = emu.urls.control ?? ''
    if (!providerUrl) throw new Error(`Failed to certify: the emulator does not serve ${contract.provider}`)
    const trust = await folder.trust(emu)
    const env = consumerEnv(contract, { provider: providerUrl, control: controlUrl }, credentials, cell.id, options.env, { url: new URL(providerUrl).origin, ...trust })
    const started = performance.now()
    const startedAt = Date.now()
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
      mask: maskOwn,
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

