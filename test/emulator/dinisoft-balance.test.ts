import { expect, test } from 'vitest'
import { balancePage, sendOne } from '../helpers/dinisoft.js'
import { testEmulator } from '../helpers/emulator.js'

test('the balance page answers the plain balance with six decimals and no Content-Type', async () => {
  const emu = await testEmulator()
  const res = await balancePage(emu.urls.dinisoft)
  expect(res.status).toBe(200)
  expect(res.text).toBe('1000.000000')
  expect(res.headers['content-type']).toBeUndefined()
})

test('the balance page is also served under the /sms and /portal/sms prefixes of real deployments', async () => {
  const emu = await testEmulator()
  for (const prefix of ['/login/sms', '/sms', '/portal/sms']) expect((await balancePage(emu.urls.dinisoft, 'demo', prefix)).text, prefix).toBe('1000.000000')
})

test('each message costs one credit per segment per recipient', async () => {
  const emu = await testEmulator()
  await sendOne(emu.urls.dinisoft, { messageContent: 'a'.repeat(160) }) // 1 GSM-7 segment
  expect((await balancePage(emu.urls.dinisoft)).text).toBe('999.000000')
  await sendOne(emu.urls.dinisoft, { messageContent: 'a'.repeat(161), toUser: '8801712345678,8801812345678' }) // 2 segments x 2
  expect((await balancePage(emu.urls.dinisoft)).text).toBe('995.000000')
  await sendOne(emu.urls.dinisoft, { messageContent: 'আ'.repeat(71) }) // 2 UCS-2 segments
  expect((await balancePage(emu.urls.dinisoft)).text).toBe('993.000000')
  expect(emu.messages().map((m) => [m.encoding, m.segments])).toEqual([
    ['GSM-7', 1],
    ['GSM-7', 2],
    ['GSM-7', 2],
    ['UCS-2', 2],
  ])
})

test('an unknown or missing client gets an empty page', async () => {
  const emu = await testEmulator()
  expect((await balancePage(emu.urls.dinisoft, 'nobody')).text).toBe('')
  expect((await balancePage(emu.urls.dinisoft, '')).text).toBe('')
})
