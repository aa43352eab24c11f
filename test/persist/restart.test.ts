import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, test } from 'vitest'
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/index.js'
import { call, get, MIMSMS_DEMO, shootIdOf } from '../helpers/mimsms.js'
import { dlr, getQuery, sms } from '../helpers/mimsms-json.js'
import { control, getStatus, sendDinisoft } from '../helpers/send.js'

const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-restart-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const aFile = () => join(folder, `state-${++files}.db`)

const open = new Set<Emulator>()
afterEach(async () => {
  await Promise.all([...open].map((emu) => emu.close()))
  open.clear()
})

async function start(db: string, options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ ports: 0, clock: 'manual', clockStart: '2026-01-15T10:00:00+06:00', log: false, db, ...options })
  open.add(emu)
  return emu
}

async function restart(emu: Emulator, db: string, options: EmulatorOptions = {}): Promise<Emulator> {
  await emu.close()
  open.delete(emu)
  return start(db, options)
}

const mimText = { api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'MiM before the restart' }
// In process: the control API shows keys masked.
const balances = async (emu: Emulator) => Object.fromEntries(emu.state.accounts.list().map((a) => [`${a.provider}/${a.key}`, a.balance]))

test('messages, statuses, balances, one-shot reads, counters and the clock come back after a restart', async () => {
  const db = aFile()
  let emu = await start(db)
  const dinisoft = await sendDinisoft(emu, { messageContent: 'DiniSoft before the restart' })
  const mim = shootIdOf((await call(emu.urls.mimsms, '/smsapi', mimText)).text)
  await control(emu).post('/api/clock/advance').send({ by: '5s' }).expect(200)
  expect((await getStatus(emu, dinisoft.id)).Text).toBe('DELIVRD')
  const before = { messages: emu.messages(), balances: await balances(emu), clock: emu.clock.now() }

  emu = await restart(emu, db)
  expect(emu.clock.now()).toBe(before.clock)
  expect(emu.messages()).toEqual(before.messages)
  expect(await balances(emu)).toEqual(before.balances)
  expect(before.balances['dinisoft/demo-apikey']).toBe(999)
  // DiniSoft answers a final status once: the read before the restart counts.
  expect((await getStatus(emu, dinisoft.id)).Status).toBe('114')
  const next = await sendDinisoft(emu)
  expect(Number(next.id)).toBe(Number(dinisoft.id) + 1)
  const another = shootIdOf((await call(emu.urls.mimsms, '/smsapi', mimText)).text)
  expect(another).not.toBe(mim)
  expect(emu.messages().map((message) => message.submissionId)).toEqual([dinisoft.id, mim, next.id, another])
})

test('a report getAll handed out is not handed out again after a restart; one not yet taken still is', async () => {
  const db = aFile()
  // Reports that name their shoot id (<ID>), so the test can tell the two apart.
  const withIds = { scenario: { providers: { mimsms: { idElement: true } } } }
  let emu = await start(db, withIds)
  const first = shootIdOf((await call(emu.urls.mimsms, '/smsapi', mimText)).text)
  emu.clock.advance('10s')
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text).toContain(first)
  const second = shootIdOf((await call(emu.urls.mimsms, '/smsapi', mimText)).text)
  emu = await restart(emu, db, withIds)
  emu.clock.advance('10s')
  const reports = (await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text
  expect(reports).toContain(second)
  expect(reports).not.toContain(first)
})

test('a message accepted before a restart is delivered after it, on its timeline', async () => {
  const db = aFile()
  let emu = await start(db)
  const { id } = await sendDinisoft(emu)
  emu.clock.advance('1500ms')
  emu = await restart(emu, db)
  expect(emu.messages()[0]?.status.status).toBe('sent')
  const delivered = new Promise((resolve) => emu.state.events.on('message.status', ({ event }) => resolve(event)))
  emu.clock.advance('2500ms')
  expect(await delivered).toMatchObject({ status: 'delivered', at: emu.clock.now() - 1000 })
  expect((await getStatus(emu, id)).Text).toBe('DELIVRD')
})

test('scenario accounts are created when missing, balances in the database win, accounts made at run time come back', async () => {
  const db = aFile()
  const scenario = { accounts: { dinisoft: [{ key: 'team-key', secret: 'team-secret', name: 'team', balance: 50 }] } }
  let emu = await start(db, { scenario })
  await sendDinisoft(emu, { apikey: 'team-key', secretkey: 'team-secret' })
  await control(emu).post('/api/accounts/mimsms').send({ key: 'made-at-run-time', secret: 'pw', name: 'runtime', balance: 7 }).expect(201)
  await control(emu).post('/api/accounts/dinisoft/demo-apikey/top-up').send({ credits: 25 }).expect(200)
  const withMore = { accounts: { ...scenario.accounts, mimsms: [{ key: 'added-later', secret: 'pw', name: 'later', balance: 3 }] } }
  emu = await restart(emu, db, { scenario: withMore })
  expect(await balances(emu)).toMatchObject({ 'dinisoft/team-key': 49, 'dinisoft/demo-apikey': 1025, 'mimsms/made-at-run-time': 7, 'mimsms/added-later': 3 })
})

test('a reset and DELETE /api/messages empty the database too', async () => {
  const db = aFile()
  let emu = await start(db)
  await sendDinisoft(emu)
  await control(emu).post('/api/scenario/reset').expect(200)
  emu = await restart(emu, db)
  expect(emu.messages()).toEqual([])
  expect((await balances(emu))['dinisoft/demo-apikey']).toBe(1000)
  await sendDinisoft(emu)
  await control(emu).delete('/api/messages').expect(204)
  emu = await restart(emu, db)
  expect(emu.messages()).toEqual([])
})

test('without a database nothing is kept', async () => {
  const first = await startEmulator({ ports: 0, clock: 'manual', log: false })
  await sendDinisoft(first)
  await first.close()
  const second = await startEmulator({ ports: 0, clock: 'manual', log: false })
  open.add(second)
  expect(second.messages()).toEqual([])
})

test("a JSON API message keeps its API after a restart: DlrApi finds it and the legacy getAll does not hand it out", async () => {
  const db = aFile()
  let emu = await start(db)
  const sent = await sms(emu)
  expect(sent.body.status).toBe('Success')
  await control(emu).post('/api/clock/advance').send({ by: '5s' }).expect(200)

  emu = await restart(emu, db)
  expect(emu.messages()[0]).toMatchObject({ api: 'mimsms-json' })
  expect((await dlr(emu, sent.body.trxnId ?? '')).body).toMatchObject({ status: 'Ok', operatorStatus: 'DELIVERED' })
  const legacy = await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')
  expect(legacy.text).not.toContain('8801712345678')
})

test('inbound replies come back after a restart: one handed out is not handed out again, and ids go on', async () => {
  const db = aFile()
  let emu = await start(db)
  const reply = (text: string) => control(emu).post('/api/incoming').send({ account: 'demo', from: '8801712345678', text }).expect(201)
  const pull = async () => (await getQuery(emu, '/api/IncomingApi/PullSMS', { UserName: 'demo', Apikey: 'demo-api-key' })).body
  await reply('first')
  await reply('second')
  expect(await pull()).toMatchObject({ messageId: '1', message_Text: 'first' })
  emu = await restart(emu, db)
  expect(await pull()).toMatchObject({ messageId: '2', message_Text: 'second' })
  await reply('third')
  expect(await pull()).toMatchObject({ messageId: '3', message_Text: 'third' })
  expect((await control(emu).get('/api/incoming')).body.messages.map((m: { text: string; taken: boolean }) => [m.text, m.taken])).toEqual([
    ['first', true],
    ['second', true],
    ['third', true],
  ])
})

test('the clock moved in process (emu.clock) is told to the database as it moves, not only at close', async () => {
  const db = aFile()
  const emu = await start(db)
  const durability = emu.state.durability
  let moves = 0
  emu.state.durability = { ...durability, clockMoved: () => (moves++, durability.clockMoved()) }
  emu.clock.advance('1s')
  emu.clock.set(emu.clock.now() + 1000)
  emu.clock.resume()
  emu.clock.freeze()
  expect(moves).toBe(4)
})
