import request from 'supertest'
import { expect, test } from 'vitest'
import { DINISOFT_DEMO, testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

test('GET /api/journal records each request with its answer, oldest first', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu, { messageContent: 'hi' })
  const res = await control(emu).get('/api/journal')
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ capacity: 10_000, size: 1, total: 1 })
  const [entry] = res.body.entries
  expect(entry).toMatchObject({
    seq: 1,
    at: '2026-01-15T04:00:00.000Z',
    provider: 'dinisoft',
    endpoint: 'sendtext',
    method: 'GET',
    path: '/sendtext',
    status: 200,
    response: `{"Status":"0","Text":"ACCEPTD","Message_ID":"${id}"}`,
    clientIp: '127.0.0.1',
  })
  expect(entry.query).toMatchObject({ apikey: 'de****y', messageContent: 'hi' })
  expect(typeof entry.latencyMs).toBe('number')
})

test('GET /api/journal keeps request headers but drops secrets', async () => {
  const emu = await testEmulator()
  await request(emu.urls.dinisoft)
    .get('/sendtext')
    .query({ ...DINISOFT_DEMO, callerID: 'X', toUser: '8801712345678', messageContent: 'x' })
    .set('Authorization', 'Bearer very-secret')
    .set('Cookie', 'session=abc')
    .set('X-Trace', 'trace-1')
  const [entry] = (await control(emu).get('/api/journal')).body.entries
  expect(entry.headers['x-trace']).toBe('trace-1')
  expect(entry.headers.authorization).toBeUndefined()
  expect(entry.headers.cookie).toBeUndefined()
})

test('GET /api/journal records POST bodies and filters by endpoint, method, status and after', async () => {
  const emu = await testEmulator()
  await request(emu.urls.dinisoft).post('/sendtext').type('form').send({ ...DINISOFT_DEMO, callerID: 'X', toUser: '8801712345678', messageContent: 'posted' })
  await request(emu.urls.dinisoft).get('/getstatus').query({ ...DINISOFT_DEMO, messageid: '1' })
  await request(emu.urls.dinisoft).get('/nowhere')
  const list = async (query: Record<string, string | number>) => (await control(emu).get('/api/journal').query(query)).body.entries
  const [posted] = await list({ method: 'post' })
  expect(posted.body).toContain('messageContent=posted')
  expect(posted.contentType).toBe('application/x-www-form-urlencoded')
  expect((await list({ endpoint: 'getstatus' })).map((e: { path: string }) => e.path)).toEqual(['/getstatus'])
  expect((await list({ status: 404 })).map((e: { path: string }) => e.path)).toEqual(['/nowhere'])
  expect((await list({ after: 2 })).map((e: { seq: number }) => e.seq)).toEqual([3])
  expect((await list({ limit: 2 })).map((e: { seq: number }) => e.seq)).toEqual([2, 3])
})

test('GET /api/journal names the scenario rule that decided an answer', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ name: 'broke', when: { endpoint: 'sendtext' }, then: { code: '101' } }] } })
  await sendDinisoft(emu)
  const [entry] = (await control(emu).get('/api/journal')).body.entries
  expect(entry.rule).toBe('broke')
  expect(entry.response).toBe('{"Status":"101","Text":"REJECTD"}')
})

test('GET /api/journal?format=ndjson gives one entry a line, for recording traffic', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu)
  await sendDinisoft(emu)
  const res = await control(emu).get('/api/journal').query({ format: 'ndjson' }).buffer(true).parse((r, done) => {
    let text = ''
    r.on('data', (chunk: Buffer) => (text += chunk.toString()))
    r.on('end', () => done(null, text))
  })
  expect(res.headers['content-type']).toBe('application/x-ndjson')
  const lines = (res.body as string).trimEnd().split('\n').map((line) => JSON.parse(line))
  expect(lines.map((entry) => entry.seq)).toEqual([1, 2])
})

test('the journal keeps at most its capacity, dropping the oldest', async () => {
  const emu = await testEmulator({ journalCapacity: 3 })
  for (let i = 0; i < 5; i++) await sendDinisoft(emu, { messageContent: `m${i}` })
  const res = await control(emu).get('/api/journal')
  expect(res.body).toMatchObject({ capacity: 3, size: 3, total: 3 })
  expect(res.body.entries.map((e: { query: { messageContent: string } }) => e.query.messageContent)).toEqual(['m2', 'm3', 'm4'])
})

test('DELETE /api/journal empties it and bad filters answer 400', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu)
  await control(emu).delete('/api/journal').expect(204)
  expect((await control(emu).get('/api/journal')).body.entries).toEqual([])
  const bad = await control(emu).get('/api/journal').query({ status: 'teapot' })
  expect(bad.status).toBe(400)
  expect(bad.body.errors[0].field).toBe('status')
})
