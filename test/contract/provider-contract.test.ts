// The provider checks registered as vitest tests, as users run them against the emulator (or a real provider).
import { afterAll, beforeAll } from 'vitest'
import { describeProviderContract } from '../../src/contracts/kit/vitest.js'
import { type Emulator, startEmulator } from '../../src/index.js'
import { BD_NUMBER } from '../helpers/emulator.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ ports: 0, clock: 'manual', log: false })
})
afterAll(() => emu.close())

describeProviderContract({
  provider: 'dinisoft',
  baseUrl: () => emu.urls.dinisoft,
  credentials: { key: 'demo-apikey', secret: 'demo-secretkey', account: 'demo' },
  allowSend: true,
  to: BD_NUMBER,
  wait: (ms) => emu.clock.advance(ms),
})

describeProviderContract({
  provider: 'mimsms',
  baseUrl: () => emu.urls.mimsms,
  credentials: { key: 'demo-api-key', secret: 'demo-password', account: 'demo', sender: 'DEMO' },
  allowSend: true,
  to: BD_NUMBER,
  wait: (ms) => emu.clock.advance(ms),
})

// Without allowSend the sending checks show as skipped, with the reason.
describeProviderContract({ provider: 'dinisoft', title: 'DiniSoft BD contract, read-only', baseUrl: () => emu.urls.dinisoft, credentials: { key: 'demo-apikey', secret: 'demo-secretkey' } })
