import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Emulator, startEmulator } from '../../src/index.js'
import { describeProviderContract } from '../../src/contracts/kit/vitest.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ ports: 0, clock: 'manual', log: false })
})
afterAll(() => emu.close())

// The code under test: sends a one-time code through MiM SMS.
async function sendOtp(baseUrl: string, to: string, code: string): Promise<string> {
  const params = new URLSearchParams({ api_key: 'demo-api-key', type: 'text', contacts: to, senderid: 'DEMO', msg: `Your code is ${code}` })
  return (await fetch(`${baseUrl}/smsapi?${params}`)).text()
}

test('our OTP sender uses the MiM API as its contract says', async () => {
  expect(await sendOtp(emu.urls.mimsms, '8801712345678', '1234')).toMatch(/^SMS SUBMITTED: ID - /)
  expect(emu.contractViolations()).toEqual([])
})

// The provider's documented checks as tests: point baseUrl at the real gateway to check it instead.
describeProviderContract({
  provider: 'mimsms',
  baseUrl: () => emu.urls.mimsms,
  credentials: { key: 'demo-api-key', secret: 'demo-password', account: 'demo', sender: 'DEMO' },
  allowSend: true,
  to: '8801712345678',
  wait: (ms) => emu.clock.advance(ms),
})
