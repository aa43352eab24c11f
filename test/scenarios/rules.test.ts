import { expect, test } from 'vitest'
import type { RuleInput } from '../../src/index.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, shootIdOf } from '../helpers/mimsms.js'
import { control, getStatus, sendDinisoft } from '../helpers/send.js'

const withRules = (...rules: RuleInput[]) => testEmulator({ scenario: { rules, magicNumbers: false } })
const status = async (emu: Awaited<ReturnType<typeof testEmulator>>) => (await sendDinisoft(emu)).body.Status ?? ''

test('when.to matches a recipient written in any spelling: exact, prefix, regex or a list', async () => {
  const emu = await withRules(
    { name: 'exact', when: { to: '01711111111' }, then: { code: '109' } },
    { name: 'prefix', when: { to: { prefix: '018' } }, then: { code: '108' } },
    { name: 'regex', when: { to: { regex: '^880193' } }, then: { code: '114' } },
    { name: 'list', when: { to: ['+8801500000001', '8801500000002'] }, then: { code: '101' } },
  )
  const answer = async (toUser: string) => (await sendDinisoft(emu, { toUser })).body.Status
  expect(await answer('8801711111111')).toBe('109')
  expect(await answer('8801812345678')).toBe('108')
  expect(await answer('01931234567')).toBe('114')
  expect(await answer('01500000002')).toBe('101')
  expect(await answer('8801712345678')).toBe('0')
})

test('when matches the sender, the text, the account, the provider and the endpoint', async () => {
  const emu = await withRules(
    { when: { from: 'SPAMMER' }, then: { code: '109' } },
    { when: { text: { regex: 'OTP \\d{4}' } }, then: { code: '108' } },
    { when: { account: 'other-key' }, then: { code: '114' } },
    { when: { provider: 'mimsms' }, then: { code: '1005' } },
    { when: { provider: 'dinisoft', endpoint: 'getstatus' }, then: { code: '-42' } },
  )
  expect((await sendDinisoft(emu, { callerID: 'SPAMMER' })).body.Status).toBe('109')
  expect((await sendDinisoft(emu, { messageContent: 'Your OTP 1234' })).body.Status).toBe('108')
  expect((await sendDinisoft(emu, { apikey: 'other-key' })).body.Status).toBe('114')
  const { id } = await sendDinisoft(emu)
  expect(await getStatus(emu, id)).toEqual({ Status: '-42', Text: 'REJECTD' })
  expect((await call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: '8801712345678', msg: 'hi' })).text).toBe('1005')
})

test('then.reject answers a neutral reason with each provider\'s own code', async () => {
  const emu = await withRules({ when: { text: 'broke' }, then: { reject: 'insufficient-balance' } })
  expect((await sendDinisoft(emu, { messageContent: 'broke' })).body).toEqual({ Status: '1', Text: 'REJECTD' })
  expect((await call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: '8801712345678', msg: 'broke' })).text).toBe('1007')
  expect(emu.messages()).toHaveLength(0)
})

test('then.code answers a documented code in the provider\'s format', async () => {
  const emu = await withRules({ when: { provider: 'dinisoft' }, then: { code: '5400' } })
  expect((await sendDinisoft(emu)).body).toEqual({ Status: '5400', Text: 'REJECTD', Message_ID: '' })
})

test('then.dlr sets an outcome with the default timing', async () => {
  const emu = await withRules({ when: { to: '8801712345678' }, then: { dlr: 'absent-subscriber' } })
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('3s')
  expect((await control(emu).get(`/api/messages/${id}`)).body).toMatchObject({ status: 'failed', reason: 'absent-subscriber', rule: 'rule 1' })
  expect(await getStatus(emu, id)).toEqual({ Status: '1', Text: 'REJECTD' })
})

test('then.dlr with a provider code and timing reaches MiM reports verbatim', async () => {
  const emu = await withRules({ when: { provider: 'mimsms' }, then: { dlr: { code: '31', sentAfter: '2s', finalAfter: '20s' } } })
  const id = shootIdOf((await call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: '8801712345678', msg: 'hi' })).text)
  await emu.clock.advance('19s')
  expect(emu.messages()[0]?.status.status).toBe('sent')
  await emu.clock.advance('1s')
  const xml = (await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text
  expect(xml).toContain('<DLRStatus>31</DLRStatus>')
  expect(xml).toContain('<DLRStatusDetails>Subscriber Busy</DLRStatusDetails>')
})

test('then.dlr as a timeline passes through each step at its time', async () => {
  const emu = await withRules({ then: { dlr: [['5s', 'sent'], ['1m', 'failed', 'smsc-timeout']] } })
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('4s')
  expect(await getStatus(emu, id)).toEqual({ Status: '2', Text: 'PENDING' })
  await emu.clock.advance('1s')
  expect(await getStatus(emu, id)).toEqual({ Status: '4', Text: 'SENT' })
  await emu.clock.advance('55s')
  expect(await getStatus(emu, id)).toEqual({ Status: '1', Text: 'REJECTD' })
  expect(emu.messages()[0]?.status).toMatchObject({ status: 'failed', reason: 'smsc-timeout' })
})

test('then.dlr "pending" never leaves pending and "sent" never becomes final', async () => {
  const emu = await withRules({ when: { to: '8801711111111' }, then: { dlr: 'pending' } }, { when: { to: '8801722222222' }, then: { dlr: 'sent' } })
  const pending = await sendDinisoft(emu, { toUser: '8801711111111' })
  const sent = await sendDinisoft(emu, { toUser: '8801722222222' })
  await emu.clock.advance('30d')
  expect(await getStatus(emu, pending.id)).toEqual({ Status: '2', Text: 'PENDING' })
  expect(await getStatus(emu, sent.id)).toEqual({ Status: '4', Text: 'SENT' })
})

test('then.dlr applies per recipient when a submission has several', async () => {
  const emu = await withRules({ when: { to: '8801722222222' }, then: { dlr: 'barred-subscriber' } })
  await sendDinisoft(emu, { toUser: '8801711111111,8801722222222' })
  await emu.clock.advance('3s')
  expect(emu.messages().map((m) => [m.to, m.status.status])).toEqual([
    ['8801711111111', 'delivered'],
    ['8801722222222', 'failed'],
  ])
})

test('then.latency delays the answer in wall-clock time', async () => {
  const emu = await withRules({ when: { endpoint: 'sendtext' }, then: { latency: '150ms' } }, { when: { endpoint: 'getstatus' }, then: { latency: { min: '100ms', max: '120ms' } } })
  let started = performance.now()
  const { id } = await sendDinisoft(emu)
  expect(performance.now() - started).toBeGreaterThanOrEqual(145)
  started = performance.now()
  await getStatus(emu, id)
  expect(performance.now() - started).toBeGreaterThanOrEqual(95)
})

test('rules apply in order: the first rule with an effect decides it, later rules add other effects', async () => {
  const emu = await withRules(
    { name: 'first', when: { to: '8801712345678' }, then: { code: '109' } },
    { name: 'second', then: { code: '108', latency: '50ms' } },
  )
  const started = performance.now()
  expect(await status(emu)).toBe('109')
  expect(performance.now() - started).toBeGreaterThanOrEqual(45)
  expect(emu.journal()[0]?.rule).toBe('first, second')
})

test('a once rule fires for the first matching request only, until reset', async () => {
  const emu = await withRules({ when: { endpoint: 'sendtext' }, then: { code: '101' }, once: true })
  expect(await status(emu)).toBe('101')
  expect(await status(emu)).toBe('0')
  emu.reset()
  expect(await status(emu)).toBe('101')
})

test('when.nth fires on the nth matching request, every on each kth, after past the first n', async () => {
  const nth = await withRules({ when: { nth: 2 }, then: { code: '101' } })
  expect([await status(nth), await status(nth), await status(nth)]).toEqual(['0', '101', '0'])
  const every = await withRules({ when: { every: 2 }, then: { code: '101' } })
  expect([await status(every), await status(every), await status(every), await status(every)]).toEqual(['0', '101', '0', '101'])
  const after = await withRules({ when: { after: 2 }, then: { code: '101' } })
  expect([await status(after), await status(after), await status(after), await status(after)]).toEqual(['0', '0', '101', '101'])
})

test('counting only counts requests that meet the other conditions', async () => {
  const emu = await withRules({ when: { to: '8801711111111', nth: 2 }, then: { code: '101' } })
  const answer = async (toUser: string) => (await sendDinisoft(emu, { toUser })).body.Status
  expect([await answer('8801711111111'), await answer('8801722222222'), await answer('8801711111111')]).toEqual(['0', '0', '101'])
})

test('when.probability fires for a seeded share of requests', async () => {
  const emu = await testEmulator({ scenario: { seed: 99, magicNumbers: false, rules: [{ when: { probability: 0.5 }, then: { code: '101' } }] } })
  const answers: string[] = []
  for (let i = 0; i < 40; i++) answers.push(await status(emu))
  const refused = answers.filter((answer) => answer === '101').length
  expect(refused).toBeGreaterThan(8)
  expect(refused).toBeLessThan(32)
  const never = await withRules({ when: { probability: 0 }, then: { code: '101' } })
  expect([await status(never), await status(never)]).toEqual(['0', '0'])
})

test('emu.use puts rules in front without restarting the scenario rules\' counters', async () => {
  const emu = await withRules({ when: { nth: 2 }, then: { code: '101' } })
  expect(await status(emu)).toBe('0')
  emu.use({ when: { to: '8801799999999' }, then: { code: '109' } })
  expect(await status(emu)).toBe('101')
})

test('scenario rules take precedence over magic numbers, and magicNumbers: false switches them off', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { to: '8801700000001' }, then: { dlr: 'delivered' } }] } })
  const { id } = await sendDinisoft(emu, { toUser: '8801700000001' })
  await emu.clock.advance('3s')
  expect(await getStatus(emu, id)).toMatchObject({ Status: '0', Text: 'DELIVRD' })
  const off = await testEmulator({ scenario: { magicNumbers: false } })
  expect((await sendDinisoft(off, { toUser: '8801700000030' })).body.Status).toBe('0')
  const on = await testEmulator()
  expect((await sendDinisoft(on, { toUser: '8801700000030' })).body.Status).toBe('1')
})
