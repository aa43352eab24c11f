import request from 'supertest'
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { dlr, postJson, sms, smsRequest } from '../helpers/mimsms-json.js'
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
  // The clock's switch: both buttons on the controls page, the one that applies in the clock bar (frozen: Resume), drawn alike.
  const buttons = (html: string) => html.match(/<button[^>]*data-url="\/api\/clock\/(?:freeze|resume)"[^>]*>\s*\w+\s*<\/button>/g) ?? []
  const bar = /<details class="clockbar"[\s\S]*?<\/details>/.exec(page.text)?.[0] ?? ''
  const panel = /<section class="panel" aria-labelledby="clock-title">[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? ''
  expect(buttons(bar)).toHaveLength(1)
  expect(buttons(bar)[0]).toContain('Resume')
  expect(buttons(panel)).toHaveLength(2)
  expect(buttons(panel)).toContain(buttons(bar)[0])
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

test('a MiM message page offers a reply as its recipient, through the inbound SMS route', async () => {
  const emu = await testEmulator()
  await request(emu.urls.mimsms).get('/smsapi').query({ api_key: 'demo-api-key', type: 'text', contacts: '8801812345678', senderid: 'DEMO', msg: 'Reply YES' })
  const page = await control(emu).get('/messages/latest')
  expect(page.text).toContain('data-url="/api/incoming"')
  expect(page.text).toContain('name="account" value="demo"')
  const reply = await control(emu).post('/api/incoming').send({ provider: 'mimsms', account: 'demo', from: '8801812345678', text: 'YES' })
  expect(reply.status).toBeLessThan(300)
  const dinisoft = await sendDinisoft(emu)
  expect((await control(emu).get(`/messages/${dinisoft.id}`)).text).not.toContain('/api/incoming')
})

test("a MiM JSON API message is listed, labelled and counted under its API's tab, from the store's api filter", async () => {
  const emu = await testEmulator()
  await request(emu.urls.mimsms).get('/smsapi').query({ api_key: 'demo-api-key', type: 'text', contacts: '8801812345678', senderid: 'DEMO', msg: 'through the panel' })
  await sms(emu, { Message: 'through the JSON API' })
  await sms(emu, { Message: 'through the JSON API again' })
  const all = await control(emu).get('/')
  expect(all.text).toContain('MiM SMS (1)')
  expect(all.text).toContain('MiM JSON API (2)')
  expect(all.text).toMatch(/through the JSON API again[\s\S]*?<td class="provider">MiM JSON API<\/td>/)
  expect(all.text).toMatch(/through the panel[\s\S]*?<td class="provider">MiM SMS<\/td>/)
  const json = await control(emu).get('/').query({ api: 'mimsms-json' })
  expect(json.text).toContain('2 messages')
  expect(json.text).not.toContain('through the panel')
  expect(json.text).toMatch(/href="\/\?api=mimsms-json" aria-current="page"/)
  const legacy = await control(emu).get('/').query({ api: 'mimsms' })
  expect(legacy.text).toContain('1 message')
  expect(legacy.text).not.toContain('through the JSON API')
  const listed = async (query: Record<string, string>) => (await control(emu).get('/api/messages').query(query)).body as { total: number; messages: { text: string }[] }
  expect((await listed({ api: 'mimsms-json', limit: '1' })).messages.map((m) => m.text)).toEqual(['through the JSON API again'])
  expect((await listed({ api: 'mimsms-json' })).total).toBe(2)
  expect((await listed({ api: 'mimsms' })).total).toBe(1)
  expect((await listed({ provider: 'mimsms' })).total).toBe(3)
  const wrong = await control(emu).get('/api/messages').query({ provider: 'mimsms-json' })
  expect(wrong.status).toBe(400)
  expect(wrong.body.errors[0]).toMatchObject({ field: 'provider' })
})

test('a JSON API message page shows its send and every DlrApi read that named it, per recipient, masked', async () => {
  const emu = await testEmulator()
  const one = (await sms(emu, { Message: 'single' })).body.trxnId as string
  const many = (await postJson(emu, '/api/SmsSending/OneToMany', smsRequest({ MobileNumber: '8801712345678,8801812345678', Message: 'two of them' }))).body.trxnId as string
  await emu.clock.advance('5s')
  expect((await dlr(emu, one)).body.status).toBe('Ok')
  // Parameter names in any case, as the API reads them; the second recipient by its number.
  expect((await postJson(emu, '/api/SmsSending/DlrApi', { username: 'demo', apikey: 'demo-api-key', TrxnID: many, MobileNumber: '8801812345678' })).body.status).toBe('Ok')
  const single = await control(emu).get(`/messages/${one}.1`)
  expect(single.text).toContain('2 exchanges')
  expect(single.text).toContain('POST /api/SmsSending/DlrApi')
  expect(single.text).toContain('POST /api/SmsSending/SMS')
  expect(single.text).not.toContain('demo-api-key')
  expect(single.text).toContain('<dd>MiM JSON API</dd>')
  // The API is named once: its metadata does not repeat it.
  const facts = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(single.text)?.[1] ?? ''
  expect(facts).not.toMatch(/<dt>api<\/dt>|mimsms-json/)
  expect(facts).toContain('<dt>transactionType</dt>')
  expect((await control(emu).get(`/api/messages/${one}.1`)).body).toMatchObject({ api: 'mimsms-json', meta: { transactionType: 'T' } })
  expect((await control(emu).get(`/api/messages/${one}.1`)).body.meta).not.toHaveProperty('api')
  const second = await control(emu).get(`/messages/${many}.2`)
  expect(second.text).toContain('2 exchanges')
  const first = await control(emu).get(`/messages/${many}.1`)
  expect(first.text).toContain('1 exchange named')
  expect(first.text).not.toContain('POST /api/SmsSending/DlrApi')
  const named = await control(emu).get('/requests').query({ message: `${one}.1` })
  expect(named.text).toContain('2 requests')
})
