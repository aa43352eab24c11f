import { expect, test } from 'vitest'
import { balancePage, sendOne } from '../helpers/dinisoft.js'
import { testEmulator } from '../helpers/emulator.js'

test('two emulators in one process share no messages, balances, journal or clock', async () => {
  const a = await testEmulator()
  const b = await testEmulator()
  await sendOne(a.urls.dinisoft)
  a.clock.advance('1h')
  expect(a.messages()).toHaveLength(1)
  expect(b.messages()).toHaveLength(0)
  expect((await balancePage(a.urls.dinisoft)).text).toBe('999.000000')
  expect((await balancePage(b.urls.dinisoft)).text).toBe('1000.000000')
  expect(a.journal().length).toBeGreaterThan(b.journal().length)
  expect(a.clock.now() - b.clock.now()).toBeGreaterThanOrEqual(3_600_000)
})

test('reset returns to the start: no messages, no journal, full balance, same ids again', async () => {
  const emu = await testEmulator()
  const first = await sendOne(emu.urls.dinisoft)
  emu.reset()
  expect(emu.messages()).toHaveLength(0)
  expect(emu.journal()).toHaveLength(0)
  expect((await balancePage(emu.urls.dinisoft)).text).toBe('1000.000000')
  expect(await sendOne(emu.urls.dinisoft)).toBe(first)
})

test('the same seed gives the same ids; another seed gives others', async () => {
  const a = await testEmulator({ seed: 7 })
  const b = await testEmulator({ seed: 7 })
  const c = await testEmulator({ seed: 8 })
  const ids = await Promise.all([a, b, c].map((emu) => sendOne(emu.urls.dinisoft)))
  expect(ids[0]).toBe(ids[1])
  expect(ids[2]).not.toBe(ids[0])
})
