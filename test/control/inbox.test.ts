import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

test('the inbox page lists what was sent, per provider, with status and history', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu, { messageContent: 'Your code is <b>42</b>', callerID: 'SHOP' })
  await emu.clock.advance('5s')
  const res = await control(emu).get('/')
  expect(res.status).toBe(200)
  expect(res.headers['content-type']).toContain('text/html')
  expect(res.text).toContain(`${id}.1`)
  expect(res.text).toContain('SHOP')
  expect(res.text).toContain('Your code is &lt;b&gt;42&lt;/b&gt;')
  expect(res.text).toContain('DiniSoft BD (1)')
  expect(res.text).toMatch(/class="status delivered"/)
  expect(res.text).toContain('accepted 10:00:00 → sent 10:00:01 → delivered 10:00:03')
  expect(res.text).toContain("new EventSource('/api/events')")
})

test('the inbox filters by recipient and text, and its rows refresh on their own route', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu, { toUser: '01711111111', messageContent: 'alpha' })
  await sendDinisoft(emu, { toUser: '01722222222', messageContent: 'beta' })
  const page = await control(emu).get('/').query({ to: '01722222222' })
  expect(page.text).toContain('beta')
  expect(page.text).not.toContain('alpha')
  const rows = await control(emu).get('/inbox/rows').query({ text: 'ALPHA' })
  expect(rows.text).toContain('alpha')
  expect(rows.text).not.toContain('beta')
  expect(rows.text).not.toContain('<html')
})

test('the inbox says how to start when nothing was sent', async () => {
  const emu = await testEmulator()
  expect((await control(emu).get('/')).text).toContain('Nothing sent yet')
})

test('a message page shows the details, the history and the outcome buttons', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  const res = await control(emu).get(`/messages/${id}`)
  expect(res.status).toBe(200)
  expect(res.text).toContain(`Message ${id}.1`)
  expect(res.text).toContain('Grameenphone')
  expect(res.text).toContain('data-force="failed"')
  const missing = await control(emu).get('/messages/nope')
  expect(missing.status).toBe(404)
})
