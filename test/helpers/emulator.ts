// Test helpers: an emulator on free ports with a frozen clock and no log noise, closed after each test.
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/index.js'
import { closeAfterTest } from './cleanup.js'

/** Starts an emulator for one test: free ports, manual clock, silent; closed automatically afterwards. */
export async function testEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ ports: 0, clock: 'manual', clockStart: '2026-01-15T10:00:00+06:00', log: false, ...options })
  // Whatever a test left in flight is owed nothing: no grace period.
  closeAfterTest(() => emu.close({ graceMs: 0 }))
  return emu
}

export const DINISOFT_DEMO = { apikey: 'demo-apikey', secretkey: 'demo-secretkey', client: 'demo' } as const
export const BD_NUMBER = '8801712345678'
