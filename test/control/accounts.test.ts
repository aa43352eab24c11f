import request from 'supertest'
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

test('GET /api/accounts lists every provider account with its balance', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu)
  const res = await control(emu).get('/api/accounts').query({ provider: 'dinisoft' })
  expect(res.body.accounts).toEqual([
    { provider: 'dinisoft', key: 'de****y', secret: 'demo****key', name: 'demo', balance: 999, senders: null, allowedIps: null },
  ])
})

test('GET /api/accounts/:provider/:key reads one account by key or name and 404s an unknown one', async () => {
  const emu = await testEmulator()
  expect((await control(emu).get('/api/accounts/dinisoft/demo-apikey')).body.balance).toBe(1000)
  expect((await control(emu).get('/api/accounts/dinisoft/demo')).body.key).toBe('de****y')
  const missing = await control(emu).get('/api/accounts/dinisoft/nobody')
  expect(missing.status).toBe(404)
  expect(missing.headers['content-type']).toBe('application/problem+json')
  expect((await control(emu).get('/api/accounts/acme/demo-apikey')).status).toBe(404)
})

test('POST /api/accounts/:provider creates an account the provider then accepts', async () => {
  const emu = await testEmulator()
  const res = await control(emu).post('/api/accounts/dinisoft').send({ key: 'k2', secret: 's2', name: 'shop', balance: 5 })
  expect(res.status).toBe(201)
  expect(res.body).toMatchObject({ key: '****', secret: '****', name: 'shop', balance: 5 })
  const sent = await sendDinisoft(emu, { apikey: 'k2', secretkey: 's2' })
  expect(sent.body.Status).toBe('0')
  expect((await request(emu.urls.dinisoft).get('/login/sms/smsConfiguration/smsClientBalance.jsp').query({ client: 'shop' })).text).toBe('4.000000')
})

test('POST /api/accounts/:provider refuses a duplicate key (409) and a bad account (400 naming the field)', async () => {
  const emu = await testEmulator()
  const duplicate = await control(emu).post('/api/accounts/dinisoft').send({ key: 'demo-apikey', secret: 'x', name: 'x' })
  expect(duplicate.status).toBe(409)
  const bad = await control(emu).post('/api/accounts/dinisoft').send({ key: 'k3', name: 'x', balance: -1 })
  expect(bad.status).toBe(400)
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['balance', 'secret'])
})

test('POST /api/accounts/:provider/:key/top-up adds credits', async () => {
  const emu = await testEmulator({ scenario: { accounts: { dinisoft: [{ key: 'poor', secret: 's', name: 'poor', balance: 0 }] } } })
  expect((await sendDinisoft(emu, { apikey: 'poor', secretkey: 's' })).body.Status).toBe('1')
  const res = await control(emu).post('/api/accounts/dinisoft/poor/top-up').send({ credits: 10 })
  expect(res.body.balance).toBe(10)
  expect((await sendDinisoft(emu, { apikey: 'poor', secretkey: 's' })).body.Status).toBe('0')
  const bad = await control(emu).post('/api/accounts/dinisoft/poor/top-up').send({ credits: 0 })
  expect(bad.status).toBe(400)
  expect(bad.body.errors[0].field).toBe('credits')
})
