import { expect, test } from 'vitest'
import { BALANCE_PATTERN } from '../../src/contracts/mimsms/endpoints.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO } from '../helpers/mimsms.js'

const valid = { api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'Hello' }

test('getBalance answers "Your Balance is:BDT 1000.00" for the demo account, with no space after the colon', async () => {
  const emu = await testEmulator()
  const res = await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')
  expect(res).toEqual({ status: 200, text: 'Your Balance is:BDT 1000.00', contentType: 'text/html; charset=UTF-8' })
  expect(res.text).toMatch(BALANCE_PATTERN)
})

test('getBalance decreases as messages are sent', async () => {
  const emu = await testEmulator()
  await call(emu.urls.mimsms, '/smsapi', { ...valid, contacts: '8801712345678,8801812345678' })
  await call(emu.urls.mimsms, '/smsapi', { ...valid, type: 'unicode', msg: 'বাংলা'.repeat(20) })
  // 2 recipients x 1 segment, then 100 UCS-2 units = 2 segments
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).text).toBe('Your Balance is:BDT 996.00')
})

test('getBalance shows a fractional balance set by the scenario with two decimals', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'k', secret: 'p', name: 'n', balance: 470.44 }] } } })
  expect((await get(emu.urls.mimsms, '/miscapi/k/getBalance')).text).toBe('Your Balance is:BDT 470.44')
})

test('getBalance answers 1003 for an unknown API key', async () => {
  const emu = await testEmulator()
  expect((await get(emu.urls.mimsms, '/miscapi/nobody/getBalance')).text).toBe('1003')
})

test('getkey answers the API key of a username and password, as bare text', async () => {
  const emu = await testEmulator()
  expect(await get(emu.urls.mimsms, '/getkey/demo/demo-password')).toEqual({ status: 200, text: 'demo-api-key', contentType: 'text/html; charset=UTF-8' })
})

test('getkey reads percent-encoded path segments, so passwords with "/" or spaces work', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'odd-key', secret: 'a/b c?', name: 'odd user', balance: 1 }] } } })
  expect((await get(emu.urls.mimsms, `/getkey/${encodeURIComponent('odd user')}/${encodeURIComponent('a/b c?')}`)).text).toBe('odd-key')
})

test('getBalance and getkey go through the scenario: a fault replaces the answer', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { provider: 'mimsms', endpoint: ['getBalance', 'getkey'] }, then: { fault: 'http-503' } }] } })
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).status).toBe(503)
  expect((await get(emu.urls.mimsms, '/getkey/demo/demo-password')).status).toBe(503)
})
