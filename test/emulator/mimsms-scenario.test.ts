import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO } from '../helpers/mimsms.js'

const valid = { api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'Hello' }

test('a scenario fault replaces the MiM answer, and nothing is sent or charged', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { provider: 'mimsms', endpoint: 'smsapi' }, then: { fault: 'http-502' }, once: true }] } })
  const res = await call(emu.urls.mimsms, '/smsapi', valid)
  expect(res.status).toBe(502)
  expect(emu.messages()).toHaveLength(0)
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).text).toBe('Your Balance is:BDT 1000.00')
  expect((await call(emu.urls.mimsms, '/smsapi', valid)).text).toMatch(/^SMS SUBMITTED/)
})

test('a malformed fault cuts a MiM answer short after the message was accepted', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { provider: 'mimsms', endpoint: 'smsapi' }, then: { fault: 'malformed' } }] } })
  const res = await call(emu.urls.mimsms, '/smsapi', valid)
  const [message] = emu.messages()
  const whole = `SMS SUBMITTED: ID - ${message?.submissionId}`
  expect(res.text.length).toBeGreaterThan(0)
  expect(res.text.length).toBeLessThan(whole.length)
  expect(whole.startsWith(res.text)).toBe(true)
})

test('scenario rules see MiM requests with normalised recipients, sender, text and account', async () => {
  const emu = await testEmulator({
    scenario: { rules: [{ when: { provider: 'mimsms', to: '8801812345678', from: 'DEMO', text: { prefix: 'OTP' }, account: 'demo-api-key' }, then: { code: '1005' } }] },
  })
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, contacts: '01812345678', msg: 'OTP 1234' })).text).toBe('1005')
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, msg: 'OTP 1234' })).text).toMatch(/^SMS SUBMITTED/)
  expect(emu.journal({ provider: 'mimsms' }).map((entry) => entry.rule)).toEqual(['rule 1', undefined])
})

test('a scenario rule can refuse the report endpoints too, with a bare MiM code', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { provider: 'mimsms', endpoint: 'getDLRAll' }, then: { reject: 'internal-error' } }] } })
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text).toBe('1005')
})

test('browsers may call the API from a web page (CORS), as the manual\'s jQuery sample does', async () => {
  const emu = await testEmulator()
  const preflight = await fetch(`${emu.urls.mimsms}/smsapimany`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  })
  expect(preflight.status).toBeLessThan(300)
  expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
  const res = await fetch(`${emu.urls.mimsms}/miscapi/demo-api-key/getBalance`, { headers: { origin: 'http://localhost:3000' } })
  expect(res.headers.get('access-control-allow-origin')).toBe('*')
})

test('the cors switch turns the CORS headers off', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { cors: false } } } })
  const res = await fetch(`${emu.urls.mimsms}/miscapi/demo-api-key/getBalance`, { headers: { origin: 'http://localhost:3000' } })
  expect(res.headers.get('access-control-allow-origin')).toBeNull()
})

test('an unknown path answers 404, not a MiM code', async () => {
  const emu = await testEmulator()
  expect((await get(emu.urls.mimsms, '/sendsms')).status).toBe(404)
})

test('magic numbers speak MiM: a refused number answers its MiM code, a failing one reports its DLR code', async () => {
  const emu = await testEmulator()
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, contacts: '01700000030' })).text).toBe('1012')
  const sent = await call(emu.urls.mimsms, '/smsapi', { ...valid, contacts: '8801700000001,8801700000000' })
  const id = sent.text.replace('SMS SUBMITTED: ID - ', '')
  emu.clock.advance('1m')
  const xml = (await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text
  expect(xml).toContain('<MSISDN>8801700000001</MSISDN>\n<SMS>"Hello"</SMS>')
  expect(xml).toMatch(/<MSISDN>8801700000001<\/MSISDN>[\s\S]*?<DLRStatus>1028<\/DLRStatus>\n<DLRStatusDetails>Absent subscriber<\/DLRStatusDetails>/)
  expect(xml).toMatch(/<MSISDN>8801700000000<\/MSISDN>[\s\S]*?<DLRStatus>1<\/DLRStatus>/)
})
