import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { control, getStatus, sendDinisoft } from '../helpers/send.js'

test('GET /api/clock reads the virtual clock', async () => {
  const emu = await testEmulator()
  const res = await control(emu).get('/api/clock')
  expect(res.body).toEqual({ now: Date.parse('2026-01-15T04:00:00Z'), iso: '2026-01-15T04:00:00.000Z', mode: 'manual' })
})

test('POST /api/clock/advance moves a frozen clock and the DLR lifecycle with it', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  expect(await getStatus(emu, id)).toEqual({ Status: '2', Text: 'PENDING' })
  const res = await control(emu).post('/api/clock/advance').send({ by: '1s' })
  expect(res.body.iso).toBe('2026-01-15T04:00:01.000Z')
  expect(await getStatus(emu, id)).toEqual({ Status: '4', Text: 'SENT' })
  await control(emu).post('/api/clock/advance').send({ by: 2000 }).expect(200)
  expect(await getStatus(emu, id)).toEqual({ Status: '0', Text: 'DELIVRD', Message_ID: id, 'Delivery Time': String(Date.parse('2026-01-15T04:00:03Z')) })
})

test('POST /api/clock/set jumps to a moment and refuses to go back', async () => {
  const emu = await testEmulator()
  const res = await control(emu).post('/api/clock/set').send({ to: '2026-01-15T11:00:00+06:00' })
  expect(res.body.iso).toBe('2026-01-15T05:00:00.000Z')
  const back = await control(emu).post('/api/clock/set').send({ to: '2026-01-15T10:00:00+06:00' })
  expect(back.status).toBe(400)
  expect(back.body.errors[0]).toMatchObject({ field: 'to' })
  expect(back.body.detail).toContain('backwards')
})

test('POST /api/clock/resume lets time flow and /api/clock/freeze stops it', async () => {
  const emu = await testEmulator()
  const resumed = await control(emu).post('/api/clock/resume')
  expect(resumed.body.mode).toBe('real')
  const frozen = await control(emu).post('/api/clock/freeze')
  expect(frozen.body.mode).toBe('manual')
  const later = await control(emu).get('/api/clock')
  expect(later.body.now).toBe(frozen.body.now)
})

test('clock endpoints answer 400 naming the field for a bad duration or date', async () => {
  const emu = await testEmulator()
  for (const [path, body, field] of [
    ['/api/clock/advance', { by: 'soon' }, 'by'],
    ['/api/clock/advance', { by: -5 }, 'by'],
    ['/api/clock/advance', {}, 'by'],
    ['/api/clock/set', { to: 'tomorrow' }, 'to'],
  ] as const) {
    const res = await control(emu).post(path).send(body)
    expect(res.status).toBe(400)
    expect(res.body.errors[0].field).toBe(field)
  }
})

test('a clock started in real mode runs by default', async () => {
  const emu = await testEmulator({ clock: 'real' })
  const res = await control(emu).get('/api/clock')
  expect(res.body.mode).toBe('real')
})

test('the clock refuses to move past the last moment a date can show', async () => {
  const emu = await testEmulator()
  const res = await control(emu).post('/api/clock/advance').send({ by: 1e300 })
  expect(res.status).toBe(400)
  expect(res.body.errors[0]).toMatchObject({ field: 'by', message: expect.stringContaining('9999-12-31T23:59:59.999Z') })
  const set = await control(emu).post('/api/clock/set').send({ to: 8.64e15 + 1 })
  expect(set.status).toBe(400)
  expect((await control(emu).get('/api/clock')).body.iso).toBe('2026-01-15T04:00:00.000Z')
})
