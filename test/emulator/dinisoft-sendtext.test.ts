import request from 'supertest'
import { expect, test } from 'vitest'
import { aSubmission, balancePage, sendtext } from '../helpers/dinisoft.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

const ACCEPTED = /^\{"Status":"0","Text":"ACCEPTD","Message_ID":"\d+"\}$/

test('sendtext accepts a message and answers the manual sample body with a numeric id', async () => {
  const emu = await testEmulator()
  const res = await sendtext(emu.urls.dinisoft, aSubmission({ messageContent: 'Hello from the test' }))
  expect(res.status).toBe(200)
  expect(res.text).toMatch(ACCEPTED)
  const [message] = emu.messages()
  expect(JSON.parse(res.text).Message_ID).toBe(message?.submissionId)
  expect(message).toMatchObject({ provider: 'dinisoft', to: BD_NUMBER, from: 'DEMO', text: 'Hello from the test', encoding: 'GSM-7', segments: 1 })
})

test('sendtext answers with no Content-Type header, as deployed servers do', async () => {
  const emu = await testEmulator()
  const res = await sendtext(emu.urls.dinisoft, aSubmission())
  expect(res.headers['content-type']).toBeUndefined()
})

test('sendtext sends the Content-Type a scenario asks for', async () => {
  const emu = await testEmulator({ scenario: { providers: { dinisoft: { contentType: 'application/json' } } } })
  const res = await sendtext(emu.urls.dinisoft, aSubmission())
  expect(res.headers['content-type']).toBe('application/json')
})

test('sendtext accepts a POST with a form body, as real clients send it', async () => {
  const emu = await testEmulator()
  const res = await request(emu.urls.dinisoft).post('/sendtext').type('form').send(aSubmission({ messageContent: 'Tom & Jerry: 50% off @ $5 + more' }))
  expect(res.text).toMatch(ACCEPTED)
  expect(emu.messages()[0]?.text).toBe('Tom & Jerry: 50% off @ $5 + more')
})

test('sendtext gives several comma-separated numbers one Message_ID, one message per recipient', async () => {
  const emu = await testEmulator()
  const res = await sendtext(emu.urls.dinisoft, aSubmission({ toUser: '8801712345678, +8801812345678,01912345678' }))
  const id = JSON.parse(res.text).Message_ID
  const messages = emu.messages()
  expect(messages.map((m) => [m.submissionId, m.to, m.operator])).toEqual([
    [id, '8801712345678', 'Grameenphone'],
    [id, '8801812345678', 'Robi'],
    [id, '8801912345678', 'Banglalink'],
  ])
})

test('sendtext answers 109 REJECTD for a missing or unknown apikey', async () => {
  const emu = await testEmulator()
  const { apikey: _, ...withoutKey } = aSubmission()
  expect((await sendtext(emu.urls.dinisoft, withoutKey)).text).toBe('{"Status":"109","Text":"REJECTD"}')
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ apikey: 'nobody' }))).text).toBe('{"Status":"109","Text":"REJECTD"}')
  expect(emu.messages()).toHaveLength(0)
})

test('sendtext answers 108 REJECTD for a wrong or missing secretkey', async () => {
  const emu = await testEmulator()
  const { secretkey: _, ...withoutSecret } = aSubmission()
  expect((await sendtext(emu.urls.dinisoft, withoutSecret)).text).toBe('{"Status":"108","Text":"REJECTD"}')
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ secretkey: 'wrong' }))).text).toBe('{"Status":"108","Text":"REJECTD"}')
})

test('parameter names are case-sensitive: apiKey is not apikey', async () => {
  const emu = await testEmulator()
  const { apikey, ...rest } = aSubmission()
  expect((await sendtext(emu.urls.dinisoft, { ...rest, apiKey: apikey })).text).toBe('{"Status":"109","Text":"REJECTD"}')
})

test('sendtext answers 114 REJECTD when the content is missing or empty', async () => {
  const emu = await testEmulator()
  const { messageContent: _, ...withoutContent } = aSubmission()
  expect((await sendtext(emu.urls.dinisoft, withoutContent)).text).toBe('{"Status":"114","Text":"REJECTD"}')
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ messageContent: '' }))).text).toBe('{"Status":"114","Text":"REJECTD"}')
})

test('sendtext answers 1 REJECTD for an invalid, foreign or missing number and stores nothing', async () => {
  const emu = await testEmulator()
  for (const toUser of ['12345', '8801212345678', '447700900123', '', '8801712345678,abc']) {
    expect((await sendtext(emu.urls.dinisoft, aSubmission({ toUser }))).text, toUser).toBe('{"Status":"1","Text":"REJECTD"}')
  }
  expect(emu.messages()).toHaveLength(0)
})

test('sendtext answers 1 REJECTD for a missing callerID, or one the account does not allow', async () => {
  const emu = await testEmulator({
    scenario: { accounts: { dinisoft: [{ key: 'shop', secret: 's3cret', name: 'shop', senders: ['SHOP'] }] } },
  })
  const { callerID: _, ...withoutCaller } = aSubmission()
  expect((await sendtext(emu.urls.dinisoft, withoutCaller)).text).toBe('{"Status":"1","Text":"REJECTD"}')
  const shop = { apikey: 'shop', secretkey: 's3cret' }
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ ...shop, callerID: 'OTHER' }))).text).toBe('{"Status":"1","Text":"REJECTD"}')
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ ...shop, callerID: 'SHOP' }))).text).toMatch(ACCEPTED)
})

test('sendtext answers 1 REJECTD when the balance is short, charging nothing and never going below zero', async () => {
  const emu = await testEmulator({ scenario: { accounts: { dinisoft: [{ key: 'demo-apikey', secret: 'demo-secretkey', name: 'demo', balance: 2 }] } } })
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ toUser: '8801712345678,8801812345678,8801912345678' }))).text).toBe(
    '{"Status":"1","Text":"REJECTD"}',
  )
  expect((await balancePage(emu.urls.dinisoft)).text).toBe('2.000000')
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ toUser: '8801712345678,8801812345678' }))).text).toMatch(ACCEPTED)
  expect((await balancePage(emu.urls.dinisoft)).text).toBe('0.000000')
  expect((await sendtext(emu.urls.dinisoft, aSubmission())).text).toBe('{"Status":"1","Text":"REJECTD"}')
  expect((await balancePage(emu.urls.dinisoft)).text).toBe('0.000000')
})

test('sendtext answers 5400 with an empty Message_ID when the source IP is not allowed', async () => {
  const emu = await testEmulator({
    scenario: { accounts: { dinisoft: [{ key: 'locked', secret: 'locked-secret', name: 'locked', allowedIps: ['203.0.113.7'] }] } },
  })
  const locked = { apikey: 'locked', secretkey: 'locked-secret' }
  expect((await sendtext(emu.urls.dinisoft, aSubmission(locked))).text).toBe('{"Status":"5400","Text":"REJECTD","Message_ID":""}')
  expect(emu.messages()).toHaveLength(0)
})

test('an allowed IP behind a trusted proxy gets through, taken from X-Forwarded-For', async () => {
  const emu = await testEmulator({
    trustProxy: true,
    scenario: { accounts: { dinisoft: [{ key: 'locked', secret: 'locked-secret', name: 'locked', allowedIps: ['203.0.113.7'] }] } },
  })
  const res = await sendtext(emu.urls.dinisoft, aSubmission({ apikey: 'locked', secretkey: 'locked-secret' })).set('X-Forwarded-For', '203.0.113.7, 10.0.0.1')
  expect(res.text).toMatch(ACCEPTED)
})

test('sendtext answers 101 REJECTD when a scenario makes the gateway fail internally', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { endpoint: 'sendtext' }, then: { reject: 'internal-error' }, once: true }] } })
  expect((await sendtext(emu.urls.dinisoft, aSubmission())).text).toBe('{"Status":"101","Text":"REJECTD"}')
  expect((await sendtext(emu.urls.dinisoft, aSubmission())).text).toMatch(ACCEPTED)
})

test('every rejection carries "Message_ID":"" when the scenario asks for the deployed servers\' shape', async () => {
  const emu = await testEmulator({ scenario: { providers: { dinisoft: { messageIdOnRejection: true } } } })
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ secretkey: 'wrong' }))).text).toBe('{"Status":"108","Text":"REJECTD","Message_ID":""}')
})

test('credentials are checked before content, and content before numbers', async () => {
  const emu = await testEmulator()
  expect((await sendtext(emu.urls.dinisoft, { apikey: 'nobody', toUser: 'bad' })).text).toBe('{"Status":"109","Text":"REJECTD"}')
  expect((await sendtext(emu.urls.dinisoft, { apikey: 'demo-apikey', toUser: 'bad' })).text).toBe('{"Status":"108","Text":"REJECTD"}')
  expect((await sendtext(emu.urls.dinisoft, aSubmission({ messageContent: '', toUser: 'bad' }))).text).toBe('{"Status":"114","Text":"REJECTD"}')
})
