import { expect, test } from 'vitest'
import { SUBMITTED_PATTERN } from '../../src/contracts/mimsms/endpoints.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, postJson, shootIdOf } from '../helpers/mimsms.js'

// The test clock starts at 2026-01-15 10:00:00 in Dhaka.
const steady = { dlr: { sentAfter: '1s', deliveredAfter: '3s' }, magicNumbers: false }
const valid = { api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'Later' }

test('a message scheduled for a Dhaka time stays queued until the clock reaches it, then is delivered', async () => {
  const emu = await testEmulator({ scenario: steady })
  const id = shootIdOf((await call(emu.urls.mimsms, '/smsapi', { ...valid, scheduledDateTime: '2026-01-15 12:30:00' })).text)
  expect(emu.messages()[0]).toMatchObject({ status: { status: 'scheduled' }, scheduledFor: Date.parse('2026-01-15T12:30:00+06:00') })
  emu.clock.advance('149m')
  expect(emu.messages()[0]?.status.status).toBe('scheduled')
  expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text).not.toContain('<message>')
  emu.clock.advance('1m')
  expect(emu.messages()[0]?.status.status).toBe('accepted')
  emu.clock.advance('3s')
  expect(emu.messages()[0]?.status.status).toBe('delivered')
  const xml = (await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text
  expect(xml).toContain('<SMSSent>2026-01-15 12:30:01</SMSSent>')
  expect(xml).toContain('<DLRReceived>2026-01-15 12:30:03</DLRReceived>')
})

test('a scheduled message is charged when it is accepted, not when it is sent', async () => {
  const emu = await testEmulator()
  await call(emu.urls.mimsms, '/smsapi', { ...valid, scheduledDateTime: '2026-01-16 09:00:00' })
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).text).toBe('Your Balance is:BDT 999.00')
})

test('smsapimany schedules every message of the request', async () => {
  const emu = await testEmulator()
  const messages = [
    { to: '8801712345678', message: 'one' },
    { to: '8801812345678', message: 'two' },
  ]
  expect((await postJson(emu.urls.mimsms, '/smsapimany', { api_key: 'demo-api-key', senderid: 'DEMO', scheduledDateTime: '2026-01-15 11:00:00', messages })).text).toMatch(
    SUBMITTED_PATTERN,
  )
  expect(emu.messages().map((m) => m.status.status)).toEqual(['scheduled', 'scheduled'])
  emu.clock.advance('1h')
  expect(emu.messages().map((m) => m.status.status)).toEqual(['accepted', 'accepted'])
})

test.each([
  ['now', 'now'],
  ['an empty value', ''],
  ['a time in the past', '2026-01-15 09:59:59'],
])('scheduledDateTime as %s sends at once', async (_what, scheduledDateTime) => {
  const emu = await testEmulator()
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, scheduledDateTime })).text).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages()[0]).not.toHaveProperty('scheduledFor')
  expect(emu.messages()[0]?.status.status).toBe('accepted')
})

test.each([
  ['without seconds', '2026-01-15 10:30', '2026-01-15T10:30:00+06:00'],
  ['with a T, as an HTML datetime-local field sends it', '2026-01-15T10:30', '2026-01-15T10:30:00+06:00'],
  ['with a T and seconds', '2026-01-15T10:30:15', '2026-01-15T10:30:15+06:00'],
  ['with a raw "+" for the space (a URL that was not encoded)', '2026-01-15+10:30:00', '2026-01-15T10:30:00+06:00'],
])('scheduledDateTime is also read %s', async (_how, value, expected) => {
  const emu = await testEmulator()
  const res = await fetch(`${emu.urls.mimsms}/smsapi?api_key=demo-api-key&type=text&contacts=8801712345678&senderid=DEMO&msg=Hi&scheduledDateTime=${value}`)
  expect(await res.text()).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages()[0]?.scheduledFor).toBe(Date.parse(expected))
})

test.each(['2026-13-01 10:00:00', '2026-01-15 24:00:00', '2026-01-15', '1736913600', '2026-01-15 10:00:00 +0600', 'later'])(
  'a malformed scheduledDateTime (%s) is refused with 1006 and sends nothing',
  async (scheduledDateTime) => {
    const emu = await testEmulator()
    expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, scheduledDateTime })).text).toBe('1006')
    expect(emu.messages()).toHaveLength(0)
  },
)
