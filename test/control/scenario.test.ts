import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

const failing = { name: 'all fail', rules: [{ name: 'fail', when: { provider: 'dinisoft' }, then: { code: '101' } }] }

test('GET /api/scenario shows the scenario and each rule with its counters', async () => {
  const emu = await testEmulator({ scenario: failing })
  await sendDinisoft(emu)
  const res = await control(emu).get('/api/scenario')
  expect(res.body.scenario).toMatchObject({ version: 1, name: 'all fail', magicNumbers: true })
  expect(res.body.rules[0]).toMatchObject({ name: 'fail', origin: 'scenario', matched: 1, fired: 1, spent: false })
  expect(res.body.rules.filter((r: { origin: string }) => r.origin === 'magic').length).toBeGreaterThan(10)
})

test('PUT /api/scenario replaces the scenario at run time and resets', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu)
  const res = await control(emu).put('/api/scenario').send(failing)
  expect(res.status).toBe(200)
  expect(emu.messages()).toHaveLength(0)
  expect((await sendDinisoft(emu)).body).toEqual({ Status: '101', Text: 'REJECTD' })
})

test('PUT /api/scenario refuses an invalid scenario with 400 naming each field, keeping the old one', async () => {
  const emu = await testEmulator()
  const res = await control(emu)
    .put('/api/scenario')
    .send({ rules: [{ when: { to: { prefx: '88017' } }, then: { dlr: 'lost' } }], seed: 'x' })
  expect(res.status).toBe(400)
  expect(res.headers['content-type']).toBe('application/problem+json')
  const fields = res.body.errors.map((e: { field: string }) => e.field)
  expect(fields).toEqual(expect.arrayContaining(['seed', 'rules[0].when.to', 'rules[0].then.dlr']))
  expect((await sendDinisoft(emu)).body.Status).toBe('0')
})

test('POST /api/scenario/reset goes back to the initial scenario, or to the default one', async () => {
  const emu = await testEmulator({ scenario: failing })
  await control(emu).put('/api/scenario').send({ name: 'other' }).expect(200)
  const initial = await control(emu).post('/api/scenario/reset')
  expect(initial.body.scenario.name).toBe('all fail')
  expect((await sendDinisoft(emu)).body.Status).toBe('101')
  const byDefault = await control(emu).post('/api/scenario/reset').send({ to: 'default' })
  expect(byDefault.body.scenario.name).toBeUndefined()
  expect((await sendDinisoft(emu)).body.Status).toBe('0')
  const bad = await control(emu).post('/api/scenario/reset').send({ to: 'yesterday' })
  expect(bad.body.errors[0].field).toBe('to')
})

test('POST /api/scenario/rules puts rules in front until the next reset', async () => {
  const emu = await testEmulator()
  const res = await control(emu).post('/api/scenario/rules').send({ name: 'once broken', then: { code: '101' }, once: true })
  expect(res.status).toBe(201)
  expect(res.body.rules[0]).toMatchObject({ name: 'once broken', origin: 'use' })
  expect((await sendDinisoft(emu)).body.Status).toBe('101')
  expect((await sendDinisoft(emu)).body.Status).toBe('0')
  const bad = await control(emu).post('/api/scenario/rules').send({ then: { fault: 'explode' } })
  expect(bad.status).toBe(400)
  expect(bad.body.errors[0].field).toBe('then.fault')
})
