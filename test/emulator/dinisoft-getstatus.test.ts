import { expect, test } from 'vitest'
import { getstatus, sendOne } from '../helpers/dinisoft.js'
import { testEmulator } from '../helpers/emulator.js'

test('getstatus follows the delivery lifecycle on the virtual clock: 2 PENDING, 4 SENT, 0 DELIVRD', async () => {
  const emu = await testEmulator({ scenario: { providers: { dinisoft: { oneShotStatus: 'final' } } } })
  const id = await sendOne(emu.urls.dinisoft)
  const acceptedAt = emu.clock.now()
  expect((await getstatus(emu.urls.dinisoft, id)).text).toBe('{"Status": "2","Text": "PENDING"}')
  emu.clock.advance('1s')
  expect((await getstatus(emu.urls.dinisoft, id)).text).toBe('{"Status": "4","Text": "SENT"}')
  emu.clock.advance('2s')
  expect((await getstatus(emu.urls.dinisoft, id)).text).toBe(
    `{"Status": "0","Text": "DELIVRD","Message_ID": "${id}","Delivery Time": "${acceptedAt + 3000}"}`,
  )
})

test('getstatus answers 114 on the second query for a delivered id (the one-shot rule)', async () => {
  const emu = await testEmulator()
  const id = await sendOne(emu.urls.dinisoft)
  emu.clock.advance('10s')
  expect(JSON.parse((await getstatus(emu.urls.dinisoft, id)).text).Status).toBe('0')
  expect((await getstatus(emu.urls.dinisoft, id)).text).toBe('{"Status": "114","Text": "REJECTD"}')
})

test('pending and sent answers can be polled again; only a final answer is one-shot', async () => {
  const emu = await testEmulator()
  const id = await sendOne(emu.urls.dinisoft)
  for (let i = 0; i < 3; i++) expect(JSON.parse((await getstatus(emu.urls.dinisoft, id)).text).Status).toBe('2')
})

test('a scenario can make every repeated query 114, or switch the one-shot rule off', async () => {
  const strict = await testEmulator({ scenario: { providers: { dinisoft: { oneShotStatus: 'any' } } } })
  const strictId = await sendOne(strict.urls.dinisoft)
  expect(JSON.parse((await getstatus(strict.urls.dinisoft, strictId)).text).Status).toBe('2')
  expect(JSON.parse((await getstatus(strict.urls.dinisoft, strictId)).text).Status).toBe('114')

  const lenient = await testEmulator({ scenario: { providers: { dinisoft: { oneShotStatus: 'off' } } } })
  const lenientId = await sendOne(lenient.urls.dinisoft)
  lenient.clock.advance('10s')
  expect(JSON.parse((await getstatus(lenient.urls.dinisoft, lenientId)).text).Status).toBe('0')
  expect(JSON.parse((await getstatus(lenient.urls.dinisoft, lenientId)).text).Status).toBe('0')
})

test('getstatus answers 1 REJECTD, once, for a message whose delivery failed', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { to: '8801812345678' }, then: { dlr: 'absent-subscriber' } }] } })
  const id = await sendOne(emu.urls.dinisoft, { toUser: '8801812345678' })
  emu.clock.advance('10s')
  expect((await getstatus(emu.urls.dinisoft, id)).text).toBe('{"Status": "1","Text": "REJECTD"}')
  expect(JSON.parse((await getstatus(emu.urls.dinisoft, id)).text).Status).toBe('114')
})

test('a message a scenario keeps pending stays 2 PENDING however long the clock runs', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { to: { prefix: '88015' } }, then: { dlr: 'pending' } }] } })
  const id = await sendOne(emu.urls.dinisoft, { toUser: '01512345678' })
  emu.clock.advance('7d')
  expect(JSON.parse((await getstatus(emu.urls.dinisoft, id)).text).Status).toBe('2')
})

test('getstatus answers 114 for a missing or unknown message id', async () => {
  const emu = await testEmulator()
  expect((await getstatus(emu.urls.dinisoft, undefined)).text).toBe('{"Status": "114","Text": "REJECTD"}')
  expect((await getstatus(emu.urls.dinisoft, '999999999')).text).toBe('{"Status": "114","Text": "REJECTD"}')
})

test('getstatus answers 109 and 108 for unknown keys and wrong secrets', async () => {
  const emu = await testEmulator()
  const id = await sendOne(emu.urls.dinisoft)
  expect((await getstatus(emu.urls.dinisoft, id, { apikey: 'nobody', secretkey: 'x' })).text).toBe('{"Status": "109","Text": "REJECTD"}')
  expect((await getstatus(emu.urls.dinisoft, id, { apikey: 'demo-apikey', secretkey: 'x' })).text).toBe('{"Status": "108","Text": "REJECTD"}')
})

test("getstatus answers -42 for another account's message", async () => {
  const emu = await testEmulator({ scenario: { accounts: { dinisoft: [{ key: 'other', secret: 'other-secret', name: 'other' }] } } })
  const id = await sendOne(emu.urls.dinisoft)
  expect((await getstatus(emu.urls.dinisoft, id, { apikey: 'other', secretkey: 'other-secret' })).text).toBe('{"Status": "-42","Text": "REJECTD"}')
})

test('a submission to several numbers is pending while any recipient is, and delivered once all are', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { to: '8801812345678' }, then: { dlr: { outcome: 'delivered', finalAfter: '8s' } } }] } })
  const id = await sendOne(emu.urls.dinisoft, { toUser: '8801712345678,8801812345678' })
  const acceptedAt = emu.clock.now()
  emu.clock.advance('5s')
  expect(JSON.parse((await getstatus(emu.urls.dinisoft, id)).text).Status).toBe('4')
  emu.clock.advance('5s')
  const body = JSON.parse((await getstatus(emu.urls.dinisoft, id)).text)
  expect(body).toEqual({ Status: '0', Text: 'DELIVRD', Message_ID: id, 'Delivery Time': String(acceptedAt + 8000) })
})

test('getstatus answers 101 when a scenario makes it fail internally', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { endpoint: 'getstatus' }, then: { code: '101' } }] } })
  const id = await sendOne(emu.urls.dinisoft)
  expect((await getstatus(emu.urls.dinisoft, id)).text).toBe('{"Status": "101","Text": "REJECTD"}')
})
