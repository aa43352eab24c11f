// No stuck states: the clock's range, control body limits, small problem documents, linear-time rule regexes.
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

test('the clock refuses a moment past what the emulator can show (400 with the valid range) and stays healthy', async () => {
  const emu = await testEmulator({ clock: 'real' })
  const res = await control(emu).post('/api/clock/set').send({ to: 8639999999999500 })
  expect(res.status).toBe(400)
  expect(res.body.errors[0]).toMatchObject({ field: 'to', message: expect.stringContaining('from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z') })
  expect((await control(emu).post('/api/clock/advance').send({ by: '3000000d' })).status).toBe(400)
  const last = await control(emu).post('/api/clock/set').send({ to: '9999-12-31T23:59:59+00:00' })
  expect(last.status).toBe(200)
  const health = await control(emu).get('/api/health')
  expect(health.status).toBe(200)
  expect(health.body.clock.iso).toMatch(/^(9999|\+010000)-/)
})

test('a control API body over 1 MiB gets a 413 problem document, and the emulator goes on', async () => {
  const emu = await testEmulator()
  const big = JSON.stringify({ rules: [{ when: { text: 'x'.repeat(1_100_000) }, then: { reject: 'internal-error' } }] })
  const res = await fetch(`${emu.urls.control}/api/scenario`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: big })
  expect(res.status).toBe(413)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(((await res.json()) as { title: string }).title).toBe('Content Too Large')
  expect((await control(emu).get('/api/health')).status).toBe(200)
})

test('a problem document lists at most 50 errors and counts the rest', async () => {
  const emu = await testEmulator()
  const rules = Array.from({ length: 300 }, () => ({ when: { to: 5 } }))
  const res = await control(emu).put('/api/scenario').send({ rules })
  expect(res.status).toBe(400)
  expect(res.body.errors).toHaveLength(50)
  expect(res.body.moreErrors).toBeGreaterThan(250)
  expect(res.text.length).toBeLessThan(20_000)
})

test('a rule regex that would backtrack catastrophically runs in linear time; lookaround and backreferences are refused', async () => {
  const emu = await testEmulator()
  const added = await control(emu).post('/api/scenario/rules').send({ when: { text: { regex: '^(a+)+$' } }, then: { reject: 'internal-error' } })
  expect(added.status).toBe(201)
  const started = performance.now()
  const sent = await sendDinisoft(emu, { messageContent: `${'a'.repeat(5_000)}!` })
  expect(performance.now() - started).toBeLessThan(3000)
  expect(sent.body.Status).toBe('0')
  for (const regex of ['(a)\\1', '(?=a)b']) {
    const refused = await control(emu).post('/api/scenario/rules').send({ when: { text: { regex } }, then: { reject: 'internal-error' } })
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatch(/RE2 syntax.*backtrack catastrophically/)
  }
})

test('a scenario with 300,000 rules is refused at once, naming the limit', async () => {
  const emu = await testEmulator()
  const res = await control(emu).put('/api/scenario').send({ rules: Array.from({ length: 300_000 }, () => ({})) })
  expect(res.status).toBe(400)
  expect(res.body.errors).toEqual([{ field: 'rules', message: 'at most 1000 rules, not 300000' }])
  expect((await sendDinisoft(emu)).body.Status).toBe('0')
})

test('a request target over 16 KB gets the 414 page nginx sends, and the provider keeps answering', async () => {
  const emu = await testEmulator()
  const res = await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&messageContent=${'a'.repeat(17_000)}`)
  expect(res.status).toBe(414)
  expect(await res.text()).toContain('<center><h1>414 Request-URI Too Large</h1></center>\r\n<hr><center>nginx</center>')
  expect((await sendDinisoft(emu)).body.Status).toBe('0')
})

test('a provider body over 1 MiB, declared or streamed, gets the 413 page nginx sends, journaled, and the provider keeps answering', async () => {
  const emu = await testEmulator()
  const declared = await fetch(`${emu.urls.mimsms}/smsapi`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `msg=${'a'.repeat(1_100_000)}` })
  expect(declared.status).toBe(413)
  expect(await declared.text()).toContain('<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>')
  const chunk = new TextEncoder().encode('b'.repeat(64 * 1024))
  let sent = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 20) controller.enqueue(chunk)
      else controller.close()
    },
  })
  const streamed = await fetch(`${emu.urls.dinisoft}/sendtext`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit).catch((error: Error) => error)
  if (!(streamed instanceof Error)) expect(streamed.status).toBe(413)
  expect(emu.journal().map((entry) => entry.status)).toContain(413)
  expect((await sendDinisoft(emu)).body.Status).toBe('0')
})
