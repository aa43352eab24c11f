import request from 'supertest'
import { expect, test } from 'vitest'
import { BD_NUMBER, DINISOFT_DEMO, testEmulator } from '../helpers/emulator.js'

const send = (base: string, params: Record<string, string>) => request(base).get('/sendtext').query(params)
const valid = { ...DINISOFT_DEMO, callerID: 'DEMO', toUser: BD_NUMBER, messageContent: 'Hello from the test' }

test('sendtext accepts a message and answers the manual sample body with a numeric id', async () => {
  const emu = await testEmulator()
  const res = await send(emu.urls.dinisoft, valid)
  expect(res.status).toBe(200)
  expect(res.text).toMatch(/^\{"Status":"0","Text":"ACCEPTD","Message_ID":"\d+"\}$/)
  const [message] = emu.messages()
  expect(JSON.parse(res.text).Message_ID).toBe(message?.submissionId)
  expect(message).toMatchObject({ provider: 'dinisoft', to: BD_NUMBER, from: 'DEMO', text: 'Hello from the test', encoding: 'GSM-7', segments: 1 })
})

test('sendtext answers with no Content-Type header, as deployed servers do', async () => {
  const emu = await testEmulator()
  const res = await send(emu.urls.dinisoft, valid)
  expect(res.headers['content-type']).toBeUndefined()
})

test('sendtext answers 109 REJECTD for a missing or unknown apikey', async () => {
  const emu = await testEmulator()
  const { apikey: _, ...withoutKey } = valid
  expect((await send(emu.urls.dinisoft, withoutKey)).text).toBe('{"Status":"109","Text":"REJECTD"}')
  expect((await send(emu.urls.dinisoft, { ...valid, apikey: 'nobody' })).text).toBe('{"Status":"109","Text":"REJECTD"}')
  expect(emu.messages()).toHaveLength(0)
})

test('sendtext answers 108 REJECTD for a wrong or missing secretkey', async () => {
  const emu = await testEmulator()
  const { secretkey: _, ...withoutSecret } = valid
  expect((await send(emu.urls.dinisoft, withoutSecret)).text).toBe('{"Status":"108","Text":"REJECTD"}')
  expect((await send(emu.urls.dinisoft, { ...valid, secretkey: 'wrong' })).text).toBe('{"Status":"108","Text":"REJECTD"}')
})

test('sendtext answers 114 REJECTD when the content is missing or empty', async () => {
  const emu = await testEmulator()
  expect((await send(emu.urls.dinisoft, { ...valid, messageContent: '' })).text).toBe('{"Status":"114","Text":"REJECTD"}')
})
