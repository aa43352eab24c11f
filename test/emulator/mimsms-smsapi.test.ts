import { expect, test } from 'vitest'
import { SUBMITTED_PATTERN, REPLY_PATTERN } from '../../src/contracts/mimsms/endpoints.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, shapes, shootIdOf } from '../helpers/mimsms.js'

const valid = { api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'Hello from the test' }

test.each(shapes)('smsapi accepts a message sent as %s and answers "SMS SUBMITTED: ID - <id>"', async (shape) => {
  const emu = await testEmulator()
  const res = await call(emu.urls.mimsms, '/smsapi', valid, shape)
  expect(res.status).toBe(200)
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  const [message] = emu.messages()
  expect(message).toMatchObject({
    provider: 'mimsms',
    submissionId: shootIdOf(res.text),
    to: '8801712345678',
    from: 'DEMO',
    text: 'Hello from the test',
    encoding: 'GSM-7',
    segments: 1,
    meta: { type: 'text' },
  })
})

test('smsapi answers "1000, <id>" when the request asks reply=Y, with the same id the messages carry', async () => {
  const emu = await testEmulator()
  const res = await call(emu.urls.mimsms, '/smsapi', { ...valid, reply: 'Y' })
  expect(res.text).toMatch(REPLY_PATTERN)
  expect(emu.messages()[0]?.submissionId).toBe(shootIdOf(res.text))
})

test('smsapi answers as text/html with no trailing newline, as the PHP panel does', async () => {
  const emu = await testEmulator()
  const ok = await call(emu.urls.mimsms, '/smsapi', valid)
  const refused = await call(emu.urls.mimsms, '/smsapi', { ...valid, api_key: 'nobody' })
  expect(ok.contentType).toBe('text/html; charset=UTF-8')
  expect(refused.contentType).toBe('text/html; charset=UTF-8')
  expect(refused.text).toBe('1003')
})

test('smsapi ids are unique and contain only letters and digits', async () => {
  const emu = await testEmulator()
  const ids = new Set<string>()
  for (let i = 0; i < 30; i++) ids.add(shootIdOf((await call(emu.urls.mimsms, '/smsapi', valid)).text))
  expect(ids.size).toBe(30)
  for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]+$/)
})

test('smsapi splits contacts on commas, plus signs and spaces (a raw + in a URL arrives as a space)', async () => {
  const emu = await testEmulator()
  const base = `${emu.urls.mimsms}/smsapi?api_key=demo-api-key&type=text&senderid=DEMO&msg=Hi`
  const res = await fetch(`${base}&contacts=8801712345678,8801812345678+8801912345678%2B01512345678`)
  expect(await res.text()).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages().map((m) => m.to)).toEqual(['8801712345678', '8801812345678', '8801912345678', '8801512345678'])
})

test('smsapi skips invalid numbers among valid ones, charges only the valid ones and records the skipped', async () => {
  const emu = await testEmulator()
  const res = await call(emu.urls.mimsms, '/smsapi', { ...valid, contacts: '8801712345678,12345,88012,8801812345678' })
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  const messages = emu.messages()
  expect(messages.map((m) => m.to)).toEqual(['8801712345678', '8801812345678'])
  expect(messages[0]?.meta.skipped).toBe('12345,88012')
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).text).toBe('Your Balance is:BDT 998.00')
})

test('smsapi charges one credit per segment per valid recipient', async () => {
  const emu = await testEmulator()
  // 161 GSM-7 characters: two segments, to three recipients.
  await call(emu.urls.mimsms, '/smsapi', { ...valid, msg: 'x'.repeat(161), contacts: '8801712345678,8801812345678,8801912345678' })
  expect(emu.messages().map((m) => m.segments)).toEqual([2, 2, 2])
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).text).toBe('Your Balance is:BDT 994.00')
})

test('type=unicode counts UCS-2 segments, even for plain English', async () => {
  const emu = await testEmulator()
  await call(emu.urls.mimsms, '/smsapi', { ...valid, type: 'unicode', msg: 'a'.repeat(71) })
  expect(emu.messages()[0]).toMatchObject({ encoding: 'UCS-2', segments: 2, credits: 2 })
})

test('a Bangla text sent with type=unicode is stored and shown as sent', async () => {
  const emu = await testEmulator()
  const bangla = 'আপনার ওটিপি কোড ১২৩৪৫৬'
  const res = await call(emu.urls.mimsms, '/smsapi', { ...valid, type: 'unicode', msg: bangla }, 'form')
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages()[0]).toMatchObject({ text: bangla, shownText: bangla, encoding: 'UCS-2', segments: 1 })
})

test('a Bangla text sent with type=text is accepted, and the handset shows "?" for each Bangla character', async () => {
  const emu = await testEmulator()
  const res = await call(emu.urls.mimsms, '/smsapi', { ...valid, msg: 'OTP কোড 1234' })
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages()[0]).toMatchObject({ text: 'OTP কোড 1234', shownText: 'OTP ??? 1234', encoding: 'GSM-7', segments: 1 })
})

test('smsapi reads parameters from the query string and the body together, the body winning', async () => {
  const emu = await testEmulator()
  const res = await fetch(`${emu.urls.mimsms}/smsapi?api_key=demo-api-key&type=text&msg=from%20the%20query`, {
    method: 'POST',
    body: new URLSearchParams({ contacts: '8801712345678', senderid: 'DEMO', msg: 'from the body' }),
  })
  expect(await res.text()).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages()[0]?.text).toBe('from the body')
})

test('smsapi trims the api key and sender id, as the manual\'s jQuery sample sends " your_api_key "', async () => {
  const emu = await testEmulator()
  const res = await call(emu.urls.mimsms, '/smsapi', { ...valid, api_key: ' demo-api-key ', senderid: ' DEMO ' }, 'form')
  expect(res.text).toMatch(SUBMITTED_PATTERN)
})

test('smsapi accepts the non-masking sender number and records the label real clients send', async () => {
  const emu = await testEmulator()
  const res = await call(emu.urls.mimsms, '/smsapi', { ...valid, senderid: '8809601000000', label: 'transactional' })
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages()[0]).toMatchObject({ from: '8809601000000', meta: { type: 'text', label: 'transactional' } })
})

test('smsapi accepts a sender the scenario approves for the account, besides the defaults', async () => {
  const emu = await testEmulator({
    scenario: { accounts: { mimsms: [{ key: 'acme-key', secret: 'acme-pass', name: 'acme', senders: ['ACME'] }] } },
  })
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, api_key: 'acme-key', senderid: 'ACME' })).text).toMatch(SUBMITTED_PATTERN)
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, api_key: 'acme-key', senderid: 'DEMO' })).text).toMatch(SUBMITTED_PATTERN)
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, senderid: 'ACME' })).text).toBe('1002')
})

test('smsapi journals the request under the smsapi endpoint', async () => {
  const emu = await testEmulator()
  await call(emu.urls.mimsms, '/smsapi', valid, 'json')
  expect(emu.journal({ provider: 'mimsms' })).toMatchObject([{ endpoint: 'smsapi', method: 'POST', path: '/smsapi', status: 200 }])
})
