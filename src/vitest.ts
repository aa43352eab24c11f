// `sms-provider-emulator/vitest`: the kit's vitest suites, with certify's cells run against this package's emulator.
import { startCellEmulator } from './certify.js'
import { type CertifyConsumerOptions, certifyConsumer as certifyConsumerWith } from './contracts/kit/vitest.js'

export * from './contracts/kit/vitest.js'

/**
 * Runs your code through every cell of a provider's certification matrix, one vitest test per cell,
 * each cell against a fresh emulator of this package (see the kit's `certifyConsumer`).
 *
 * @example
 * certifyConsumer({ provider: 'mimsms', run: ({ env, signal }) => sendOtp(env, signal) })
 */
export function certifyConsumer(options: Omit<CertifyConsumerOptions, 'startEmulator'> & Partial<Pick<CertifyConsumerOptions, 'startEmulator'>>): void {
  certifyConsumerWith({ startEmulator: startCellEmulator, ...options })
}
