import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { dlrCodeOfReason, dlrCodes } from '../../src/contracts/mimsms-json/codes.js'
import { deliveryReasonNames } from '../../src/contracts/reasons.js'
import { testEmulator } from '../helpers/emulator.js'
import { dlr, getQuery, postJson, sms } from '../helpers/mimsms-json.js'

const golden = (name: string) => readFile(new URL(`../../fixtures/golden/mimsms-json/${name}`, import.meta.url), 'utf8')
const control = async (url: string, path: string, init?: RequestInit) => {
  const res = await fetch(`${url}${path}`, init)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

test('DlrApi over the manual clock: PENDING until the plan delivers, then the captured body, as often as asked', async () => {
  const emu = await testEmulator()
  const trxnId = (await sms(emu, { MobileNumber: '8801844909020' })).body.trxnId as string
  expect((await dlr(emu, trxnId)).text).toBe(`{"statusCode":"200","status":"Ok","trxnId":"${trxnId}","dlrCode":"","operatorStatus":"PENDING","receiverMobile":"8801844909020"}`)
  emu.clock.advance('2999ms')
  expect((await dlr(emu, trxnId)).body.operatorStatus).toBe('PENDING')
  emu.clock.advance('1ms')
  const delivered = (await golden('dlr-delivered.json')).replace('133695552025435239', trxnId)
  expect((await dlr(emu, trxnId, { MobileNumber: '01844909020' })).text).toBe(delivered)
  expect((await dlr(emu, trxnId)).text).toBe(delivered)
})

test.each(deliveryReasonNames.filter((reason) => reason !== 'delivered'))('a %s outcome reports its dlrCode and operatorStatus upper-cased', async (reason) => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { to: '8801812345678' }, then: { dlr: { outcome: reason, finalAfter: '5s' } } }] } })
  const trxnId = (await sms(emu, { MobileNumber: '8801812345678' })).body.trxnId as string
  emu.clock.advance('5s')
  const entry = dlrCodes.find((candidate) => candidate.code === dlrCodeOfReason[reason])
  expect((await dlr(emu, trxnId)).body).toMatchObject({ dlrCode: entry?.code, operatorStatus: entry?.text.toUpperCase(), receiverMobile: '8801812345678' })
})

test('a scenario naming DLR code 8 reports it; jsonDlrStatusCase "table" writes the name as the table does', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { jsonDlrStatusCase: 'table' } }, rules: [{ when: { provider: 'mimsms-json' }, then: { dlr: [['1s', 'failed', '8']] } }] } })
  const trxnId = (await sms(emu)).body.trxnId as string
  emu.clock.advance('1s')
  expect((await dlr(emu, trxnId)).body).toMatchObject({ dlrCode: '8', operatorStatus: 'SMS Failed' })
})

test('magic failure numbers report through DlrApi; jsonDlrPending "not-found" hides a report under way', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { jsonDlrPending: 'not-found' } } } })
  const trxnId = (await sms(emu, { MobileNumber: '8801700000001' })).body.trxnId as string
  expect((await dlr(emu, trxnId)).text).toBe(`{"statusCode":"200","status":"Data Not Found","trxnId":"${trxnId}"}`)
  emu.clock.advance('3s')
  expect((await dlr(emu, trxnId)).body).toMatchObject({ dlrCode: '6', operatorStatus: 'ABSENT SUBSCRIBER FOR SM' })
})

test('Data Not Found for an unknown id, another recipient, another account, or a legacy shoot id; 213 without trxnId', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'other-key', secret: 'x', name: 'other' }] } } })
  expect((await dlr(emu, '133704351815943482')).text).toBe(await golden('dlr-not-found.json'))
  const trxnId = (await sms(emu)).body.trxnId as string
  expect((await dlr(emu, trxnId, { MobileNumber: '8801812345678' })).body.status).toBe('Data Not Found')
  expect((await postJson(emu, '/api/SmsSending/DlrApi', { UserName: 'other', ApiKey: 'other-key', trxnId })).body.status).toBe('Data Not Found')
  const legacy = await (await fetch(`${emu.urls.mimsms}/smsapi?api_key=demo-api-key&type=text&contacts=8801712345678&senderid=DEMO&msg=Hi`)).text()
  const shootId = legacy.replace('SMS SUBMITTED: ID - ', '')
  emu.clock.advance('5s')
  expect((await dlr(emu, shootId)).body.status).toBe('Data Not Found')
  expect((await dlr(emu, ' ')).body).toMatchObject({ statusCode: '213', status: 'Failed', responseResult: 'Parameter Mismatch' })
  expect((await dlr(emu, trxnId, { ApiKey: 'nope' })).body).toMatchObject({ statusCode: '401' })
})

test('both APIs are one account: one balance, one inbox, each reporting only its own submissions', async () => {
  // Legacy reports that name their shoot id (<ID>), so the test can tell whose reports they are.
  const emu = await testEmulator({ scenario: { providers: { mimsms: { idElement: true } } } })
  const legacy = await (await fetch(`${emu.urls.mimsms}/smsapi?api_key=demo-api-key&type=text&contacts=8801712345678&senderid=DEMO&msg=Hi`)).text()
  const shootId = legacy.replace('SMS SUBMITTED: ID - ', '')
  const trxnId = (await sms(emu, { MobileNumber: '8801812345678' })).body.trxnId as string
  expect(emu.urls['mimsms-json']).toBe(emu.urls.mimsms)
  expect(await (await fetch(`${emu.urls.mimsms}/miscapi/demo-api-key/getBalance`)).text()).toBe('Your Balance is:BDT 998.00')
  expect((await getQuery(emu, '/api/SmsSending/balanceCheck', { UserName: 'demo', Apikey: 'demo-api-key' })).body.responseResult).toBe('998')

  const inbox = await control(emu.urls.control, '/api/messages?provider=mimsms')
  expect((inbox.body.messages as { submissionId: string; api?: string }[]).map((m) => [m.submissionId, m.api])).toEqual([
    [trxnId, 'mimsms-json'],
    [shootId, undefined],
  ])
  emu.clock.advance('5s')
  // The legacy reports skip the JSON API's submissions, and DlrApi the legacy ones.
  const all = await (await fetch(`${emu.urls.mimsms}/miscapi/demo-api-key/getDLR/getAll`)).text()
  expect(all).toContain(shootId)
  expect(all).not.toContain(trxnId)
  expect(await (await fetch(`${emu.urls.mimsms}/miscapi/demo-api-key/getDLRRep/${trxnId}`)).text()).not.toContain('<message>')
  expect((await dlr(emu, trxnId)).body.operatorStatus).toBe('DELIVERED')
  // A top-up through the control API is seen by both.
  await fetch(`${emu.urls.control}/api/accounts/mimsms/demo-api-key/top-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"credits":2}' })
  expect((await postJson(emu, '/api/SmsSending/balanceCheck', { UserName: 'demo', Apikey: 'demo-api-key' })).body.responseResult).toBe('1000')
})

test('inbound SMS: a subscriber replies through the control API, PullSMS hands each out once, oldest first', async () => {
  const emu = await testEmulator({ clockStart: '2025-09-21T13:37:12+06:00' })
  const pull = () => getQuery(emu, '/api/IncomingApi/PullSMS', { UserName: 'demo', Apikey: 'demo-api-key' })
  const empty = await pull()
  expect(empty.text).toBe((await golden('pullsms-empty.json')).replace('KQ04CNEZCLPW09C', empty.body.trxt_Id as string))
  expect(empty.body.trxt_Id).toMatch(/^[0-9A-Z]{15}$/)

  const reply = (body: object) => control(emu.urls.control, '/api/incoming', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const first = await reply({ account: 'demo', from: '01844909020', to: '8809617623000', text: 'This is a test message for 2 way' })
  expect(first.status).toBe(201)
  expect(first.body).toMatchObject({ id: 1, provider: 'mimsms', from: '8801844909020', taken: false })
  emu.clock.advance('1s')
  await reply({ provider: 'mimsms', account: 'demo-api-key', from: '8801712345678', text: 'second' })

  const message = await pull()
  const expected = (await golden('pullsms-message.json')).replace('"messageId":"188"', '"messageId":"1"').replace('MQUKCT2PFDI7D6W', message.body.trxnId as string)
  expect(message.text).toBe(expected)
  expect(message.body.trxnId).toMatch(/^[0-9A-Z]{15}$/)
  expect((await pull()).body).toMatchObject({ messageId: '2', sender: '8801712345678', receiver: '8809601000000', message_Text: 'second', message_time: '9/21/2025 1:37:13 PM' })
  expect((await pull()).body.status).toBe('Data Not Found')
  expect((await getQuery(emu, '/api/IncomingApi/PullSMS', { UserName: 'demo', Apikey: 'wrong' })).body).toMatchObject({ statusCode: '401', status: 'Unauthorized' })

  const listed = await control(emu.urls.control, '/api/incoming?provider=mimsms&account=demo')
  expect((listed.body.messages as { taken: boolean }[]).map((m) => m.taken)).toEqual([true, true])
  expect((await reply({ account: 'nobody', from: '8801712345678', text: 'x' })).status).toBe(404)
  expect((await reply({ account: 'demo', from: '12', text: 'x' })).status).toBe(400)
  expect((await reply({ provider: 'dinisoft', account: 'demo', from: '8801712345678', text: 'x' })).status).toBe(400)
  await fetch(`${emu.urls.control}/api/messages`, { method: 'DELETE' })
  expect((await control(emu.urls.control, '/api/incoming')).body.total).toBe(0)
})
