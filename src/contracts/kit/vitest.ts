// The kit as vitest tests: the provider checks (one suite, against the emulator, a sandbox or the real
// provider), and certify's matrix for your own code (one test per cell).
import { beforeAll, describe, test } from 'vitest'
import type { ProviderContract } from '../types.js'
import { cellsFor, checkSelection, selectCells } from './certify/matrix.js'
import { functionConsumer, type InProcessContext } from './certify/consumers.js'
import { type CellResult, type CertifyOptions, DEFAULT_CELL_TIMEOUT_MS, runCertification } from './certify/run.js'
import { type CheckSession, checksFor } from './checks.js'
import { contractFor } from './registry.js'
import { createSession, runCheck, skipReason, type VerifyProviderOptions } from './verify-provider.js'

export interface ProviderContractSuiteOptions extends Omit<VerifyProviderOptions, 'baseUrl'> {
  /** The base URL, or a function answering it once the tests run (an emulator started in `beforeAll`). */
  readonly baseUrl: string | (() => string)
  /** The `describe` title; the contract's title by default. */
  readonly title?: string
  /** Per check (default: the requests' timeout plus the DLR timeout for the status checks). */
  readonly timeoutMs?: number
}

/**
 * Registers every documented check of a provider as a vitest test, in a `describe` block. Checks that
 * need what the options do not give (credentials, `allowSend`) are reported as skipped, with the reason.
 *
 * @example
 * let emu: Emulator
 * beforeAll(async () => { emu = await startEmulator({ ports: 0, clock: 'manual' }) })
 * afterAll(() => emu.close())
 * describeProviderContract({
 *   provider: 'dinisoft',
 *   baseUrl: () => emu.urls.dinisoft,
 *   credentials: { key: 'demo-apikey', secret: 'demo-secretkey', account: 'demo' },
 *   allowSend: true,
 *   to: '8801712345678',
 *   wait: (ms) => emu.clock.advance(ms),
 * })
 */
export function describeProviderContract(options: ProviderContractSuiteOptions): void {
  const contract: ProviderContract = typeof options.provider === 'string' ? contractFor(options.provider) : options.provider
  if (options.allowSend && !options.to) throw new Error('Failed to describe the provider contract: allowSend needs a recipient. Pass `to`, a number you own.')
  const timeout = options.timeoutMs ?? (options.requestTimeoutMs ?? 10_000) * 2 + (options.dlrTimeoutMs ?? 60_000)
  describe(options.title ?? `${contract.title} contract`, () => {
    let session: CheckSession | undefined
    const sessionOf = () => {
      session ??= createSession(contract, { ...options, baseUrl: typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl }, () => {})
      return session
    }
    for (const check of checksFor(contract).filter(options.filter ?? (() => true))) {
      const skip = skipReason(check, options)
      test(
        check.title,
        async (context) => {
          if (skip) context.skip(skip)
          const verdict = await runCheck(check, sessionOf())
          if (verdict.status === 'failed') throw new Error(verdict.message)
        },
        timeout,
      )
    }
  })
}

export interface CertifyConsumerOptions extends Omit<CertifyOptions, 'provider' | 'consumer'> {
  readonly provider: string
  /**
   * Your code: send one SMS to `env.SMS_TO` through `env.SMS_EMULATOR_URL` with `env.SMS_API_KEY` (and
   * the rest of `env`), and follow it up as your application does. Resolve for a success, throw (or
   * resolve to a non-zero number) for a failure; stop when `signal` aborts.
   */
  readonly run: (context: InProcessContext) => unknown
  /** The `describe` title; `certify <provider>` by default. */
  readonly title?: string
  /** Failures to accept for now (`cell` and `rule`, from a report's `failures`): only others fail a test. */
  readonly baseline?: readonly { readonly cell: string; readonly rule: string }[]
}

/**
 * Runs your code through every cell of a provider's certification matrix, one vitest test per cell:
 * a test fails with each broken rule's evidence and fix. The cells run at once, each against its own
 * emulator; the suite takes as long as the slowest cell, and suites side by side run at once too.
 *
 * @example
 * certifyConsumer({
 *   provider: 'dinisoft',
 *   run: ({ env, signal }) => sendOtp({ baseUrl: env.SMS_EMULATOR_URL, apikey: env.SMS_API_KEY, secretkey: env.SMS_API_SECRET, to: env.SMS_TO, signal }),
 * })
 */
export function certifyConsumer(options: CertifyConsumerOptions): void {
  const contract = contractFor(options.provider)
  const cells = selectCells(cellsFor(contract), options.cells ?? [])
  checkSelection([cellsFor(contract)], options.cells ?? [])
  const timeoutMs = options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS
  const accepted = new Set((options.baseline ?? []).map((failure) => `${failure.cell}\u0000${failure.rule}`))
  // Concurrent, and the run started before the tests: certifyConsumer suites side by side (one per
  // provider) run their cells at the same time instead of one suite after the other.
  describe.concurrent(options.title ?? `certify ${contract.provider}`, () => {
    let results: Promise<CellResult[]> | undefined
    // One run for every test, awaited by each.
    const runAll = () => {
      results ??= runCertification({ ...options, provider: contract.provider, consumer: functionConsumer(options.run), parallel: options.parallel ?? cells.length })
      return results
    }
    beforeAll(() => {
      // Not awaited (the tests await it); a failure is reported by each test, not as an unhandled rejection.
      runAll().catch(() => {})
    })
    for (const cell of cells) {
      test(
        `${cell.id}: ${cell.title}`,
        async () => {
          const result = (await runAll()).find((candidate) => candidate.id === cell.id)
          if (!result) throw new Error(`certify: no result for cell ${cell.id}`)
          const broken = result.verdicts.filter((verdict) => verdict.status === 'failed' && !accepted.has(`${cell.id}\u0000${verdict.rule}`))
          if (broken.length === 0) return
          const text = broken.map((verdict) => [`${verdict.rule}: ${verdict.message ?? ''}`, ...(verdict.evidence ?? []).map((line) => `    ${line}`), `  fix: ${verdict.fix ?? ''}`].join('\n'))
          throw new Error(`${broken.length} rule${broken.length === 1 ? '' : 's'} broken in cell ${cell.id}:\n${text.join('\n\n')}${result.output ? `\n\noutput:\n${result.output}` : ''}`)
        },
        // The first test waits for every cell.
        timeoutMs * 2 + 10_000,
      )
    }
  })
}
