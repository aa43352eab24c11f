import { expect, test } from 'vitest'
import type { Emulator, EmulatorOptions } from '../../src/index.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, shootIdOf } from '../helpers/mimsms.js'
import { control, getStatus, sendDinisoft } from '../helpers/send.js'

const example = (name: string, options: EmulatorOptions = {}) => testEmulator({ scenario: `fixtures/scenarios/${name}.json`, ...options })
const sendMim = (emu: Emulator, params: Record<string, string>) =>
  call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: '8801712345678', msg: 'Hello', ...params })
const reportsOf = async (emu: Emulator, id: string) => (await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text

test('default.json behaves as the built-in default: delivered after 3 s, magic numbers on', async () => {
  const emu = await example('default')
  expect((await control(emu).get('/api/scenario')).body.scenario.name).toBe('default')
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('2999ms')
  expect(await getStatus(emu, id)).toMatchObject({ Status: '4' })
  await emu.clock.advance('1ms')
  expect(await getStatus(emu, id)).toMatchObject({ Status: '0', Text: 'DELIVRD' })
  expect((await sendDinisoft(emu, { toUser: '8801700000030' })).body.Status).toBe('1')
})

test('dlr-failures.json fails deliveries with MiM DLR codes by operator prefix', async () => {
  const emu = await example('dlr-failures')
  const robi = shootIdOf((await sendMim(emu, { contacts: '8801812345678' })).text)
  const airtel = shootIdOf((await sendMim(emu, { contacts: '8801612345678' })).text)
  const banglalink = shootIdOf((await sendMim(emu, { contacts: '8801912345678' })).text)
  const teletalk = shootIdOf((await sendMim(emu, { contacts: '8801512345678' })).text)
  await emu.clock.advance('5s')
  expect(await reportsOf(emu, robi)).toContain('<DLRStatus>1028</DLRStatus>')
  expect(await reportsOf(emu, airtel)).toContain('<DLRStatusDetails>Subscriber Busy</DLRStatusDetails>')
  expect(await reportsOf(emu, teletalk)).toContain('<DLRStatus>5</DLRStatus>')
  expect(emu.messages({ to: '8801912345678' })[0]?.status.status).toBe('sent')
  await emu.clock.advance('1m')
  expect(await reportsOf(emu, banglalink)).toContain('<DLRStatus>34</DLRStatus>')
  const dinisoft = await sendDinisoft(emu, { toUser: '01812345678' })
  await emu.clock.advance('5s')
  expect(await getStatus(emu, dinisoft.id)).toEqual({ Status: '1', Text: 'REJECTD' })
})

test('dlr-failures.json rejects every third MiM message to a Grameenphone number with DLR 16', async () => {
  const emu = await example('dlr-failures')
  const ids: string[] = []
  for (let i = 0; i < 3; i++) ids.push(shootIdOf((await sendMim(emu, { contacts: '8801712345678' })).text))
  await emu.clock.advance('5s')
  const statuses = await Promise.all(ids.map(async (id) => /<DLRStatus>(\d+)<\/DLRStatus>/.exec(await reportsOf(emu, id))?.[1]))
  expect(statuses).toEqual(['1', '1', '16'])
})

test('flaky-network.json fails the same requests the same way on every run with its seed', async () => {
  const outcomes = async () => {
    const emu = await example('flaky-network')
    const seen: (number | string)[] = []
    for (let i = 0; i < 20; i++) {
      seen.push(
        await fetch(`${emu.urls.dinisoft}/getstatus?apikey=demo-apikey&secretkey=demo-secretkey&messageid=1`).then(
          async (res) => (res.status === 200 ? `200 ${(await res.text()).length}` : res.status),
          () => 'dropped',
        ),
      )
    }
    return seen
  }
  const [first, second] = await Promise.all([outcomes(), outcomes()])
  expect(first).toEqual(second)
  expect(first[1]).not.toBe(first[0])
  expect(first[9]).toBe(429)
  expect(first[19]).toBe(429)
  expect(first.some((outcome) => outcome === 503 || outcome === 502 || outcome === 'dropped')).toBe(true)
  expect(first.filter((outcome) => outcome === '200 35').length).toBeGreaterThan(10)
})

test('low-balance.json refuses the fourth message on each provider until topped up', async () => {
  const emu = await example('low-balance')
  const dinisoft: string[] = []
  const mim: string[] = []
  for (let i = 0; i < 4; i++) {
    dinisoft.push((await sendDinisoft(emu)).body.Status ?? '')
    mim.push((await sendMim(emu, {})).text.slice(0, 4))
  }
  expect(dinisoft).toEqual(['0', '0', '0', '1'])
  expect(mim).toEqual(['SMS ', 'SMS ', 'SMS ', '1007'])
  await control(emu).post('/api/accounts/mimsms/demo-api-key/top-up').send({ credits: 1 }).expect(200)
  expect((await sendMim(emu, {})).text).toMatch(/^SMS SUBMITTED/)
})

test('ip-restricted.json answers 5400 to the demo account from this machine, and accepts the office account', async () => {
  const emu = await example('ip-restricted')
  expect((await sendDinisoft(emu)).body).toEqual({ Status: '5400', Text: 'REJECTD', Message_ID: '' })
  expect((await sendDinisoft(emu, { apikey: 'office-apikey', secretkey: 'office-secretkey' })).body.Status).toBe('0')
})

test('spam-filter.json refuses spam words and short links on MiM with 1004, and lets DiniSoft through', async () => {
  const emu = await example('spam-filter')
  expect((await sendMim(emu, { msg: 'You won the LOTTERY!' })).text).toBe('1004')
  expect((await sendMim(emu, { msg: 'Track it: https://bit.ly/abc' })).text).toBe('1004')
  expect((await sendMim(emu, { msg: 'Your OTP is 1234' })).text).toMatch(/^SMS SUBMITTED/)
  expect((await sendDinisoft(emu, { messageContent: 'You won the lottery' })).body.Status).toBe('0')
})

test('scheduled-messages.json starts a frozen clock at 09:00 Dhaka time; a scheduled message waits for it', async () => {
  const emu = await example('scheduled-messages', { clock: undefined, clockStart: undefined })
  expect((await control(emu).get('/api/clock')).body).toMatchObject({ iso: '2026-01-15T03:00:00.000Z', mode: 'manual' })
  const id = shootIdOf((await sendMim(emu, { scheduledDateTime: '2026-01-15 09:30:00' })).text)
  await control(emu).post('/api/clock/advance').send({ by: '29m' }).expect(200)
  expect((await control(emu).get(`/api/messages/${id}`)).body.status).toBe('scheduled')
  await control(emu).post('/api/clock/set').send({ to: '2026-01-15T09:30:02+06:00' }).expect(200)
  const message = (await control(emu).get(`/api/messages/${id}`)).body
  expect(message).toMatchObject({ status: 'delivered', scheduledFor: '2026-01-15T03:30:00.000Z' })
  expect(message.history.map((event: { status: string }) => event.status)).toEqual(['scheduled', 'accepted', 'sent', 'delivered'])
  expect(await reportsOf(emu, id)).toContain('<DLRReceived>2026-01-15 09:30:02</DLRReceived>')
})
