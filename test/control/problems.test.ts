import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { control } from '../helpers/send.js'

test('GET /api/health answers ok with the providers and the clock', async () => {
  const emu = await testEmulator()
  const res = await control(emu).get('/api/health')
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ status: 'ok', messages: 0, clock: { mode: 'manual' } })
  expect(res.body.providers).toContain('dinisoft')
})

test('an unknown control route answers a 404 problem', async () => {
  const emu = await testEmulator()
  const res = await control(emu).get('/api/nothing')
  expect(res.status).toBe(404)
  expect(res.headers['content-type']).toBe('application/problem+json')
  expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 })
})

test('a body that is not JSON answers 400, a body of another type 415', async () => {
  const emu = await testEmulator()
  const broken = await control(emu).post('/api/clock/advance').set('content-type', 'application/json').send('{"by":')
  expect(broken.status).toBe(400)
  expect(broken.body.errors[0].field).toBe('body')
  const form = await control(emu).post('/api/clock/advance').type('form').send({ by: '1s' })
  expect(form.status).toBe(415)
})

test('an unknown body field is named in the 400', async () => {
  const emu = await testEmulator()
  const res = await control(emu).post('/api/clock/advance').send({ by: '1s', until: 'later' })
  expect(res.status).toBe(400)
  expect(res.body.errors[0]).toMatchObject({ field: 'body' })
  expect(res.body.errors[0].message).toContain('"until"')
})

test('GET /api lists every route with a summary', async () => {
  const emu = await testEmulator()
  const res = await control(emu).get('/api')
  expect(res.body.routes).toContainEqual({ method: 'POST', path: '/api/clock/advance', summary: expect.stringContaining('forward') })
  expect(res.body.routes.length).toBeGreaterThan(20)
})
