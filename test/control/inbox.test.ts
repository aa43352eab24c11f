import request from 'supertest'
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

test('the inbox page lists what was sent, per provider, with status, encoding and the live script', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu, { messageContent: 'Your code is <b>42</b>', callerID: 'SHOP' })
  await emu.clock.advance('5s')
  const res = await control(emu).get('/')
  expect(res.status).toBe(200)
  expect(res.headers['content-type']).toContain('text/html')
  expect(res.text).toContain(`/messages/${id}.1`)
  expect(res.text).toContain('SHOP')
  expect(res.text).toContain('Your code is &lt;b&gt;42&lt;/b&gt;')
  expect(res.text).toContain('DiniSoft BD (1)')
  expect(res.text).toMatch(/class="status delivered">delivered · 0 DELIVRD/)
  expect(res.text).toContain('GSM-7')
  expect(res.text).toContain("new EventSource('/api/events')")
})

test('the search finds a partial number, a sender, text, an id and a provider code; the status filter applies', async () => {
  const emu = await testEmulator()
  const first = await sendDinisoft(emu, { toUser: '01711111111', messageContent: 'alpha', callerID: 'SHOP' })
  await sendDinisoft(emu, { toUser: '01822222222', messageContent: 'beta', callerID: 'BANK' })
  await emu.clock.advance('5s')
  const search = async (q: string, status?: string) => (await control(emu).get('/').query({ q, ...(status ? { status } : {}) })).text
  for (const q of ['017111', '8801711', 'ALPHA', 'shop', `${first.id}.1`, first.id]) {
    const page = await search(q)
    expect(page, q).toContain('alpha')
    expect(page, q).not.toContain('beta')
  }
  expect(await search('DELIVRD')).toContain('2 messages')
  expect(await search('alpha', 'failed')).toContain('No message matches.')
})

test('paging reaches every stored message, newest first', async () => {
  const emu = await testEmulator()
  for (let i = 0; i < 53; i++) await sendDinisoft(emu, { messageContent: `number ${i}` })
  const first = await control(emu).get('/')
  expect(first.text).toContain('1–50 of 53 messages')
  expect(first.text).toContain('number 52')
  expect(first.text).not.toContain('>number 2<')
  const second = await control(emu).get('/').query({ page: 2 })
  expect(second.text).toContain('51–53 of 53 messages')
  expect(second.text).toContain('>number 0<')
  expect(second.text).toContain('<a href="/" rel="prev">')
})

test('the inbox says how to start when nothing was sent', async () => {
  const emu = await testEmulator()
  expect((await control(emu).get('/')).text).toContain('Nothing sent yet')
})

test('a message page shows the preview, the raw exchange with masked credentials, and outcome buttons while not final', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu, { messageContent: 'আপনার কোড 1234' })
  const res = await control(emu).get(`/messages/${id}`)
  expect(res.status).toBe(200)
  expect(res.text).toContain(`Message ${id}.1`)
  expect(res.text).toContain('Grameenphone')
  expect(res.text).toContain('UCS-2 because of')
  expect(res.text).toContain('U+0986')
  expect(res.text).toContain('GET /sendtext?')
  expect(res.text).toContain('{&quot;Status&quot;:&quot;0&quot;,&quot;Text&quot;:&quot;ACCEPTD&quot;')
  expect(res.text).not.toContain('demo-secretkey')
  expect(res.text).not.toContain('demo-apikey')
  expect(res.text).toContain('/outcome')
  await emu.clock.advance('5s')
  const final = await control(emu).get(`/messages/${id}.1`)
  expect(final.text).not.toContain('/outcome')
  expect(final.text).toContain('Delete message')
})

test('status reads appear on the message page and in the requests view, refusals too', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('5s')
  await request(emu.urls.dinisoft).get('/getstatus').query({ apikey: 'demo-apikey', secretkey: 'demo-secretkey', messageid: id })
  await request(emu.urls.dinisoft).get('/sendtext').query({ apikey: 'wrong-key-123', secretkey: 'x', callerID: 'D', toUser: '8801712345678', messageContent: 'x' })
  const detail = await control(emu).get(`/messages/${id}.1`)
  expect(detail.text).toContain('2 exchanges')
  expect(detail.text).toContain('getstatus')
  const refusals = await control(emu).get('/requests').query({ kind: 'refusal' })
  expect(refusals.text).toContain('1 request')
  expect(refusals.text).toContain('<code>109 REJECTD</code>')
  expect(refusals.text).not.toContain('wrong-key-123')
  const named = await control(emu).get('/requests').query({ message: `${id}.1` })
  expect(named.text).toContain('2 requests')
})

test('an unknown message id or page answers an HTML page with a way back', async () => {
  const emu = await testEmulator()
  const missing = await control(emu).get('/messages/nope')
  expect(missing.status).toBe(404)
  expect(missing.headers['content-type']).toContain('text/html')
  expect(missing.text).toContain('Message not found')
  const page = await control(emu).get('/nowhere').set('accept', 'text/html')
  expect(page.status).toBe(404)
  expect(page.text).toContain('href="/"')
  const api = await control(emu).get('/api/nowhere').set('accept', 'text/html')
  expect(api.headers['content-type']).toContain('application/problem+json')
})

test('one message can be deleted, the others stay', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  const kept = await sendDinisoft(emu)
  expect((await control(emu).delete(`/api/messages/${id}.1`)).status).toBe(204)
  expect((await control(emu).get(`/api/messages/${id}.1`)).status).toBe(404)
  expect((await control(emu).get(`/api/messages/${kept.id}.1`)).status).toBe(200)
  expect((await control(emu).delete(`/api/messages/${id}.1`)).status).toBe(404)
  const list = await control(emu).get('/api/messages')
  expect(list.body.total).toBe(1)
})

test('the controls page offers the clock, balances, scenarios from fixtures and a reset', async () => {
  const emu = await testEmulator()
  const page = await control(emu).get('/controls')
  expect(page.status).toBe(200)
  expect(page.text).toContain('spam-filter')
  expect(page.text).toContain('/api/accounts/dinisoft/demo/top-up')
  expect(page.text).not.toContain('demo-apikey')
  const before = (await control(emu).get('/api/accounts/dinisoft/demo-apikey')).body.balance
  const topUp = await control(emu).post('/api/accounts/dinisoft/demo/top-up').send({ credits: 1 })
  expect(topUp.body.balance).toBe(before + 1)
  const fixtures = await control(emu).get('/api/scenarios')
  expect(fixtures.body.scenarios.map((s: { name: string }) => s.name)).toContain('spam-filter')
  const fixture = await control(emu).get('/api/scenarios/spam-filter')
  const switched = await control(emu).put('/api/scenario').set('content-type', 'application/json').send(fixture.text)
  expect(switched.status).toBe(200)
  expect(switched.body.scenario.name).toBe('spam-filter')
  expect((await control(emu).get('/api/scenarios/..%2Fpackage')).status).toBe(404)
})
