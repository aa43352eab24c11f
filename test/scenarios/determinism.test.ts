import { expect, test } from 'vitest'
import type { Emulator } from '../../src/index.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, MIMSMS_DEMO } from '../helpers/mimsms.js'
import { sendDinisoft } from '../helpers/send.js'

const scenario = {
  seed: 4242,
  rules: [
    { when: { probability: 0.3, endpoint: 'sendtext' }, then: { dlr: 'absent-subscriber' } },
    { when: { probability: 0.2 }, then: { fault: 'http-503' as const } },
    { when: { provider: 'mimsms', probability: 0.5 }, then: { dlr: { code: '1028' } } },
  ],
}

/** The same requests, in the same order; answers the ids, answers and final outcomes an emulator gave. */
async function run(emu: Emulator): Promise<unknown[]> {
  const answers: unknown[] = []
  for (let i = 0; i < 12; i++) {
    const dinisoft = await sendDinisoft(emu, { toUser: `88017${String(10_000_000 + i)}`, messageContent: `message ${i}` })
    answers.push([dinisoft.status, dinisoft.body])
    const mim = await call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: `88018${String(10_000_000 + i)}`, msg: `message ${i}` })
    answers.push([mim.status, mim.text])
  }
  await emu.clock.advance('1m')
  answers.push(emu.messages().map((m) => [m.id, m.to, m.status.status, m.status.reason, m.status.code]))
  return answers
}

test('the same seed and the same requests give the same ids and outcomes, across emulators', async () => {
  const [first, second] = await Promise.all([testEmulator({ scenario }), testEmulator({ scenario })])
  const a = await run(first as Emulator)
  const b = await run(second as Emulator)
  expect(a).toEqual(b)
  const outcomes = (a.at(-1) as unknown[][]).map((m) => m[2])
  expect(outcomes).toContain('delivered')
  expect(outcomes).toContain('failed')
  expect(a.some((answer) => Array.isArray(answer) && answer[0] === 503)).toBe(true)
})

test('a reset replays the same ids and outcomes', async () => {
  const emu = await testEmulator({ scenario })
  const before = await run(emu)
  emu.reset()
  const after = await run(emu)
  expect(after).toEqual(before)
})

test('another seed gives other ids', async () => {
  const [first, second] = await Promise.all([testEmulator({ scenario }), testEmulator({ scenario, seed: 1 })])
  expect((await sendDinisoft(first as Emulator)).id).not.toBe((await sendDinisoft(second as Emulator)).id)
})
