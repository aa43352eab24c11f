// Test helpers for the reference client: clients pointed at a test emulator, with counted requests and no real back-off waits.
import { DiniSoftClient, type DiniSoftConfig, type Emulator, type Fetch, MimSmsClient, type MimSmsConfig } from '../../src/index.js'
import { DINISOFT_DEMO } from './emulator.js'

/** A fetch that counts the requests it makes (each retry is one more). */
export function countingFetch(): Fetch & { readonly calls: number } {
  let calls = 0
  const counted = ((input, init) => {
    calls++
    return globalThis.fetch(input, init)
  }) as Fetch & { readonly calls: number }
  Object.defineProperty(counted, 'calls', { get: () => calls })
  return counted
}

/** Records the back-off waits instead of waiting. */
export function recordedSleep(): ((ms: number) => Promise<void>) & { readonly waits: number[] } {
  const waits: number[] = []
  return Object.assign(async (ms: number) => void waits.push(ms), { waits })
}

export function dinisoftClient(emu: Emulator, overrides: Partial<DiniSoftConfig> = {}): DiniSoftClient {
  return new DiniSoftClient({ baseUrl: emu.urls.dinisoft, ...DINISOFT_DEMO, sender: 'DEMO', sleep: async () => {}, ...overrides })
}

export const MIMSMS_DEMO = { api_key: 'demo-api-key', username: 'demo', password: 'demo-password', sender: 'DEMO' } as const

export function mimClient(emu: Emulator, overrides: Partial<MimSmsConfig> = {}): MimSmsClient {
  return new MimSmsClient({ baseUrl: emu.urls.mimsms, api_key: MIMSMS_DEMO.api_key, sender: MIMSMS_DEMO.sender, sleep: async () => {}, ...overrides })
}
