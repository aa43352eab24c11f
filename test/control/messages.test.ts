import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { call, MIMSMS_DEMO, shootIdOf } from '../helpers/mimsms.js'
import { dlr, sms } from '../helpers/mimsms-json.js'
import { control, getStatus, sendDinisoft } from '../helpers/send.js'

test('GET /api/messages lists accepted messages newest first with their status', async () => {
  const emu = await testEmulator()
  const first = await sendDinisoft(emu, { messageContent: 'first' })
  const second = await sendDinisoft(emu, { messageContent: 'second' })
  const res = await control(emu).get('/api/messages')
  expect(res.status).toBe(200)
  expect(res.body.total).toBe(2)
  expect(res.body.messages.map((m: { submissionId: string }) => m.submissionId)).toEqual([second.id, first.id])
  expect(res.body.messages[0]).toMatchObject({ provider: 'dinisoft', to: '8801712345678', from: 'DEMO', text: 'second', status: 'accepted', encoding: 'GSM-7', segments: 1 })
  expect(res.body.messages[0].history).toEqual([{ status: 'accepted', at: '2026-01-15T04:00:00.000Z' }])
})

test('GET /api/messages filters by provider, recipient in any spelling, sender, status, text and since', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu, { toUser: '01811111111', callerID: 'SHOP', messageContent: 'Your OTP is 1234' })
  await emu.clock.advance('10s')
  await sendDinisoft(emu, { toUser: '8801922222222', callerID: 'BANK', messageContent: 'Balance low' })
  const texts = async (query: Record<string, string>) => {
    const res = await control(emu).get('/api/messages').query(query)
    expect(res.status).toBe(200)
    return res.body.messages.map((m: { text: string }) => m.text)
  }
  expect(await texts({ provider: 'dinisoft' })).toEqual(['Balance low', 'Your OTP is 1234'])
  expect(await texts({ to: '+8801811111111' })).toEqual(['Your OTP is 1234'])
  expect(await texts({ to: '01811111111' })).toEqual(['Your OTP is 1234'])
  expect(await texts({ sender: 'BANK' })).toEqual(['Balance low'])
  expect(await texts({ text: 'otp' })).toEqual(['Your OTP is 1234'])
  expect(await texts({ status: 'delivered' })).toEqual(['Your OTP is 1234'])
  expect(await texts({ status: 'accepted' })).toEqual(['Balance low'])
  expect(await texts({ since: '2026-01-15T10:00:05+06:00' })).toEqual(['Balance low'])
})

test('GET /api/messages pages with start and limit, and counts every match in total', async () => {
  const emu = await testEmulator()
  for (let i = 1; i <= 5; i++) await sendDinisoft(emu, { messageContent: `message ${i}` })
  const res = await control(emu).get('/api/messages').query({ start: 1, limit: 2 })
  expect(res.body).toMatchObject({ total: 5, start: 1, limit: 2 })
  expect(res.body.messages.map((m: { text: string }) => m.text)).toEqual(['message 4', 'message 3'])
})

test('GET /api/messages answers 400 naming the field for a bad filter', async () => {
  const emu = await testEmulator()
  for (const [query, field] of [
    [{ limit: '0' }, 'limit'],
    [{ status: 'lost' }, 'status'],
    [{ since: 'yesterday' }, 'since'],
    [{ to: '12345' }, 'to'],
    [{ provider: 'acme' }, 'provider'],
    [{ colour: 'red' }, 'query'],
  ] as const) {
    const res = await control(emu).get('/api/messages').query(query)
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' })
    expect(res.body.errors[0].field).toBe(field)
  }
})

test('GET /api/messages/:id finds a message by message id, by submission id and as latest', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu, { toUser: '8801711111111,8801722222222' })
  const bySubmission = await control(emu).get(`/api/messages/${id}`)
  expect(bySubmission.status).toBe(200)
  expect(bySubmission.body).toMatchObject({ id: `${id}.1`, submissionId: id, to: '8801711111111' })
  const byId = await control(emu).get(`/api/messages/${id}.2`)
  expect(byId.body).toMatchObject({ id: `${id}.2`, to: '8801722222222' })
  const latest = await control(emu).get('/api/messages/latest')
  expect(latest.body.id).toBe(`${id}.2`)
  const all = await control(emu).get('/api/messages').query({ submission: id })
  expect(all.body.total).toBe(2)
})

test('GET /api/messages/:id shows the DLR history as the clock moves', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('5s')
  const res = await control(emu).get(`/api/messages/${id}`)
  expect(res.body.status).toBe('delivered')
  expect(res.body.history).toEqual([
    { status: 'accepted', at: '2026-01-15T04:00:00.000Z' },
    { status: 'sent', at: '2026-01-15T04:00:01.000Z' },
    { status: 'delivered', at: '2026-01-15T04:00:03.000Z', reason: 'delivered' },
  ])
})

test('GET /api/messages/:id answers a 404 problem for an unknown id and for latest when nothing was sent', async () => {
  const emu = await testEmulator()
  const latest = await control(emu).get('/api/messages/latest')
  expect(latest.status).toBe(404)
  expect(latest.headers['content-type']).toBe('application/problem+json')
  const unknown = await control(emu).get('/api/messages/424242')
  expect(unknown.status).toBe(404)
  expect(unknown.body.detail).toContain('424242')
})

test('DELETE /api/messages resets messages, journal and balances to the scenario start', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu)
  expect(emu.state.accounts.byKey('dinisoft', 'demo-apikey')?.balance).toBe(999)
  const res = await control(emu).delete('/api/messages')
  expect(res.status).toBe(204)
  expect(emu.messages()).toHaveLength(0)
  expect(emu.journal()).toHaveLength(0)
  expect(emu.state.accounts.byKey('dinisoft', 'demo-apikey')?.balance).toBe(1000)
})

test('POST /api/messages/:id/outcome forces a failure the provider then reports', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  const res = await control(emu).post(`/api/messages/${id}/outcome`).send({ status: 'failed', reason: 'absent-subscriber' })
  expect(res.status).toBe(200)
  expect(res.body.messages[0]).toMatchObject({ id: `${id}.1`, status: 'failed', reason: 'absent-subscriber' })
  expect(await getStatus(emu, id)).toEqual({ Status: '1', Text: 'REJECTD' })
})

test('POST /api/messages/:id/outcome delivers at once, with the Delivery Time of the clock', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('500ms')
  await control(emu).post(`/api/messages/${id}/outcome`).send({ status: 'delivered' }).expect(200)
  expect(await getStatus(emu, id)).toEqual({ Status: '0', Text: 'DELIVRD', Message_ID: id, 'Delivery Time': String(Date.parse('2026-01-15T04:00:00.500Z')) })
})

test('POST /api/messages/:id/outcome refuses to change a final state (409) and bad input (400 naming the field)', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  const bad = await control(emu).post(`/api/messages/${id}/outcome`).send({ status: 'failed', reason: 'lost-in-space' })
  expect(bad.status).toBe(400)
  expect(bad.body.errors[0].field).toBe('reason')
  const mismatch = await control(emu).post(`/api/messages/${id}/outcome`).send({ status: 'failed', reason: 'delivered' })
  expect(mismatch.status).toBe(400)
  expect(mismatch.body.errors[0].field).toBe('reason')
  const missing = await control(emu).post(`/api/messages/${id}/outcome`).send({})
  expect(missing.body.errors[0].field).toBe('status')
  await emu.clock.advance('1m')
  const final = await control(emu).post(`/api/messages/${id}/outcome`).send({ status: 'failed' })
  expect(final.status).toBe(409)
  expect(final.body.detail).toContain('already delivered')
})

test("POST /api/messages/:id/outcome checks a code against the message's own API: MiM JSON's table, not the legacy panel's", async () => {
  const emu = await testEmulator()
  const trxnId = (await sms(emu)).body.trxnId as string
  const legacyOnly = await control(emu).post(`/api/messages/${trxnId}/outcome`).send({ status: 'failed', code: '1028' })
  expect(legacyOnly.status).toBe(400)
  expect(legacyOnly.body.errors[0].field).toBe('code')
  expect(legacyOnly.body.errors[0].message).toContain('MiM JSON API')
  // The refusal names the API's own codes, from its contract.
  expect(legacyOnly.body.errors[0].message).toMatch(/\b6\b.*\b32\b.*\b400\b/)
  const forced = await control(emu).post(`/api/messages/${trxnId}/outcome`).send({ status: 'failed', code: '6' })
  expect(forced.status).toBe(200)
  expect(forced.body.messages[0]).toMatchObject({ status: 'failed', reason: 'absent-subscriber-sm', code: '6' })
  expect((await dlr(emu, trxnId)).text).toContain('"6"')
  // The legacy panel's messages keep the panel's table.
  const shootId = shootIdOf((await call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: '8801712345678', msg: 'Hello' })).text)
  await control(emu).post(`/api/messages/${shootId}/outcome`).send({ status: 'failed', code: '1028' }).expect(200)
})

test('a message reads the same through the control API as through emu.messages(): shownText always there', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu, { messageContent: 'plain text' })
  const listed = (await control(emu).get('/api/messages')).body.messages[0]
  const [inProcess] = emu.messages()
  expect(listed.shownText).toBe('plain text')
  expect(inProcess?.shownText).toBe('plain text')
  const shared = Object.keys(listed).filter((key) => key in (inProcess ?? {}))
  expect(shared).toEqual(expect.arrayContaining(['id', 'submissionId', 'text', 'shownText', 'encoding', 'segments', 'credits']))
})
