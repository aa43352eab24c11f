// The provider checks as vitest tests: one suite, run against the emulator, a sandbox or the real provider.
import { describe, test } from 'vitest'
import type { ProviderContract } from '../types.js'
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
