import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { responseCodes } from '../../src/contracts/mimsms-json/codes.js'
import { filetimeToMs } from '../../src/emulator/providers/mimsms-json/ids.js'
import { testEmulator } from '../helpers/emulator.js'
import { getQuery, JSON_DEMO, postJson, sms, smsRequest } from '../helpers/mimsms-json.js'

const golden = (name: string) => readFile(new URL(`../../fixtures/golden/mimsms-json/${name}`, import.meta.url), 'utf8')
const query = (overrides: Record<string, string> = {}) => ({ ...JSON_DEMO, MobileNumber: '8801712345678', SenderName: 'DEMO', TransactionType: 'T', Message: 'Hello', ...overrides })

test('POST /SMS answers the captured body, its trxnId the FILETIME of the request on the emulator clock', async () => {
  const emu = await testEmulator()
  const res = await sms(emu)
  expect(res.status).toBe(200)
  expect(res.text).toBe((await golden('sms-accepted.json')).replace('133611051403609881', res.body.trxnId as string))
  expect(res.body.trxnId).toMatch(/^\d{18}$/)
  expect(filetimeToMs(res.body.trxnId as string)).toBe(emu.clock.now())
  const [message] = emu.messages({ submissionId: res.body.trxnId as string, provider: 'mimsms' })
  expect(message).toMatchObject({ provider: 'mimsms', api: 'mimsms-json', id: `${res.body.trxnId}.1`, to: '8801712345678', from: 'DEMO' })
})

test('ids strictly increase within one millisecond of a frozen clock', async () => {
  const emu = await testEmulator()
  const ids = []
  for (let i = 0; i < 5; i++) ids.push(BigInt((await sms(emu)).body.trxnId as string))
  for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] as bigint)
})

test('the captured headers of IIS: JSON with charset, Server, X-Powered-By, chunked without Content-Length', async () => {
  const emu = await testEmulator()
  const { headers } = await sms(emu)
  expect(headers.get('content-type')).toBe('application/json; charset=utf-8')
  expect(headers.get('server')).toBe('Microsoft-IIS/10.0')
  expect(headers.get('x-powered-by')).toBe('ASP.NET')
  expect(headers.get('transfer-encoding')).toBe('chunked')
  expect(headers.get('content-length')).toBeNull()
  expect(headers.get('date')).not.toBeNull()
})

test('GET /Send answers with responseResult before trxnId; SendOneToMany counts what went and what failed', async () => {
  const emu = await testEmulator()
  const send = await getQuery(emu, '/api/SmsSending/Send', query())
  expect(send.text).toBe((await golden('send-accepted.json')).replace('133706043022339846', send.body.trxnId as string))
  const many = await getQuery(emu, '/api/SmsSending/SendOneToMany', query({ MobileNumber: '8801712345678,01812345678' }))
  expect(many.text).toBe((await golden('sendonetomany-accepted.json')).replace('133706045331855477', many.body.trxnId as string))
  const skipped = await getQuery(emu, '/api/SmsSending/SendOneToMany', query({ MobileNumber: '8801712345678, 12345 ,01812345678' }))
  expect(skipped.body.responseResult).toBe("'2' Send Successfuly and Failed '1'")
  expect(emu.messages({ submissionId: skipped.body.trxnId as string, provider: 'mimsms' })[0]?.meta.skipped).toBe('12345')
})

test('POST /Send with the query and an empty body works as GET', async () => {
  const emu = await testEmulator()
  const res = await fetch(`${emu.urls['mimsms-json']}/api/SmsSending/Send?${new URLSearchParams(query())}`, { method: 'POST' })
  expect(JSON.parse(await res.text())).toMatchObject({ statusCode: '200', status: 'Success' })
})

test('OneToMany and DSMS send one message per recipient under one trxnId, each charged per segment', async () => {
  const emu = await testEmulator()
  const many = await postJson(emu, '/api/SmsSending/OneToMany', smsRequest({ MobileNumber: '8801712345678,8801812345678' }))
  expect(many.text).toBe((await golden('sms-accepted.json')).replace('133611051403609881', many.body.trxnId as string))
  expect(emu.messages({ submissionId: many.body.trxnId as string, provider: 'mimsms' }).map((m) => m.to)).toEqual(['8801712345678', '8801812345678'])
  const dsms = await postJson(emu, '/api/SmsSending/DSMS', {
    ...JSON_DEMO,
    SenderName: 'DEMO',
    TransactionType: 'D',
    SmsData: [
      { MobNumber: '8801712345678', Message: 'Dynamic Messages 1' },
      { MobNumber: '8801812345678', Message: 'আপনার কোড ১২৩৪' },
      { MobNumber: 'nope', Message: 'skipped' },
    ],
  })
  expect(dsms.body.statusCode).toBe('200')
  const sent = emu.messages({ submissionId: dsms.body.trxnId as string, provider: 'mimsms' })
  expect(sent.map((m) => [m.to, m.text, m.encoding])).toEqual([
    ['8801712345678', 'Dynamic Messages 1', 'GSM-7'],
    ['8801812345678', 'আপনার কোড ১২৩৪', 'UCS-2'],
  ])
  expect(emu.state.accounts.byKey('mimsms', 'demo-api-key')?.balance).toBe(1000 - 2 - 2)
})

test('parameter names and paths match without regard to case; UserName and ApiKey are trimmed', async () => {
  const emu = await testEmulator()
  const res = await postJson(emu, '/API/smssending/sms', {
    userName: ' DEMO ',
    Apikey: ' demo-api-key ',
    mobilenumber: '8801712345678',
    SENDERNAME: 'demo',
    transactiontype: 't',
    message: 'Hi',
    CampaignName: 'ignored',
    SmsData: null,
  })
  expect(res.body).toMatchObject({ statusCode: '200', status: 'Success' })
  const balance = await getQuery(emu, '/api/smssending/BALANCECHECK', { username: 'demo', APIKEY: 'demo-api-key' })
  expect(balance.text).toBe('{"statusCode":"200","status":"Ok","responseResult":"999"}')
})

test('the body wins over the query; JSON numbers in string fields are read as strings', async () => {
  const emu = await testEmulator()
  const res = await fetch(`${emu.urls['mimsms-json']}/api/SmsSending/SMS?SenderName=NOPE&MobileNumber=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(smsRequest({ MobileNumber: 8801712345678 })),
  })
  expect(JSON.parse(await res.text())).toMatchObject({ statusCode: '200' })
})

test('balanceCheck by POST (also at /Balance) carries an empty trxnId, by GET none; credits without trailing zeros', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'demo-api-key', secret: 'demo-password', name: 'demo', balance: 12812.5 }] } } })
  expect((await postJson(emu, '/api/SmsSending/balanceCheck', { UserName: 'demo', Apikey: 'demo-api-key' })).text).toBe(await golden('balance-post.json'))
  expect((await postJson(emu, '/api/SmsSending/Balance', { UserName: 'demo', Apikey: 'demo-api-key' })).text).toBe(await golden('balance-post.json'))
  expect((await getQuery(emu, '/api/SmsSending/balanceCheck', { UserName: 'demo', Apikey: 'demo-api-key' })).text).toBe(await golden('balance-get.json'))
  expect((await getQuery(emu, '/api/SmsSending/balanceCheck', { UserName: 'demo', Apikey: 'wrong' })).text).toBe(
    '{"statusCode":"401","status":"Unauthorized","responseResult":"Invalid UserName & Password"}',
  )
})

test('the documented error body: code, "Failed", a fresh trxnId, the table text', async () => {
  const emu = await testEmulator()
  const res = await sms(emu, { SenderName: 'NOT-APPROVED' })
  expect(res.text).toBe((await golden('error-208.json')).replace('KC5EBJ9XG0HKJY5_C', res.body.trxnId as string))
  expect(res.body.trxnId).toMatch(/^\d{18}$/)
})

/** How each code of the table is reached over HTTP. */
const triggers: Record<string, { scenario?: object; request: () => Record<string, unknown>; path?: string; text?: string }> = {
  '401': { request: () => smsRequest({ ApiKey: 'no-such-key' }), text: 'Invalid UserName & Password' },
  '205': { request: () => smsRequest({ Message: '   ' }) },
  '206': { request: () => smsRequest({ MobileNumber: '12345' }) },
  '207': { request: () => smsRequest({ TransactionType: 'X' }) },
  '208': { request: () => smsRequest({ SenderName: 'NOPE' }) },
  '209': { request: () => smsRequest({ Message: 'a'.repeat(153 * 10 + 1) }) },
  '210': { request: () => smsRequest({ TransactionType: 'P', CampaignId: 'null' }) },
  '213': { request: () => ({ ...JSON_DEMO, SenderName: 'DEMO', TransactionType: 'D', SmsData: 'not a list' }), path: '/api/SmsSending/DSMS' },
  '216': { request: () => smsRequest(), scenario: { accounts: { mimsms: [{ key: 'demo-api-key', secret: 'demo-password', name: 'demo', balance: 0 }] } } },
  '221': { request: () => smsRequest(), scenario: { rules: [{ when: { provider: 'mimsms-json' }, then: { code: '221' } }] } },
  '500': { request: () => smsRequest({ MobileNumber: '8801700000034' }) },
}

test.each([...new Set(responseCodes.filter((entry) => entry.reasons.length > 0).map((entry) => entry.code))])('code %s is reached over HTTP, under HTTP 200, with its table text', async (code) => {
  const trigger = triggers[code]
  if (!trigger) throw new Error(`no trigger for ${code}`)
  const emu = await testEmulator(trigger.scenario ? { scenario: trigger.scenario } : {})
  const res = await postJson(emu, trigger.path ?? '/api/SmsSending/SMS', trigger.request())
  const entry = responseCodes.find((candidate) => candidate.code === code && (trigger.text === undefined || candidate.text === trigger.text))
  expect(res.status).toBe(200)
  expect(Object.keys(res.body)).toEqual(['statusCode', 'status', 'trxnId', 'responseResult'])
  expect(res.body).toMatchObject({ statusCode: code, status: code === '401' ? 'Unauthorized' : 'Failed', responseResult: entry?.text })
  expect(emu.messages()).toEqual([])
})

test('401 "IP Black List." for an address outside the allow-list, before the credentials are looked at', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'demo-api-key', secret: 'demo-password', name: 'demo', allowedIps: ['192.0.2.1'] }] } } })
  const res = await sms(emu, { UserName: 'someone-else' })
  expect(res.body).toMatchObject({ statusCode: '401', responseResult: 'IP Black List.' })
})

test('a wrong UserName for a known key is 401; a list on /SMS is for promotional only; P needs a campaign', async () => {
  const emu = await testEmulator()
  expect((await sms(emu, { UserName: 'other' })).body.statusCode).toBe('401')
  expect((await sms(emu, { MobileNumber: '8801712345678,8801812345678' })).body.statusCode).toBe('206')
  expect((await sms(emu, { MobileNumber: '8801712345678,8801812345678', TransactionType: 'P', CampaignId: 'C-1' })).body.statusCode).toBe('200')
  expect((await sms(emu, { TransactionType: 'P', CampaignId: '' })).body.statusCode).toBe('210')
  expect((await sms(emu, { TransactionType: 'D' })).body.statusCode).toBe('207')
  expect((await postJson(emu, '/api/SmsSending/DSMS', { ...JSON_DEMO, SenderName: 'DEMO', TransactionType: 'T', SmsData: [] })).body.statusCode).toBe('207')
  expect((await postJson(emu, '/api/SmsSending/DSMS', { ...JSON_DEMO, SenderName: 'DEMO', SmsData: [{ MobNumber: '8801712345678', Message: '' }] })).body.statusCode).toBe('205')
  expect((await postJson(emu, '/api/SmsSending/DSMS', { ...JSON_DEMO, SenderName: 'DEMO', SmsData: [{ MobNumber: '1', Message: 'x' }] })).body.statusCode).toBe('206')
})

test('checks run in the documented order: credentials, type, message, sender, numbers, spam, balance', async () => {
  const emu = await testEmulator({ scenario: { spamKeywords: ['lottery'], accounts: { mimsms: [{ key: 'demo-api-key', secret: 'x', name: 'demo', balance: 0 }] } } })
  const steps: [Record<string, unknown>, string][] = [
    [{ ApiKey: 'bad', TransactionType: 'X', Message: '', SenderName: 'NOPE', MobileNumber: '1' }, '401'],
    [{ ApiKey: 'demo-api-key' }, '207'],
    [{ TransactionType: 'T' }, '205'],
    [{ Message: 'win the lottery' }, '208'],
    [{ SenderName: 'DEMO' }, '206'],
    [{ MobileNumber: '8801712345678' }, '205'],
    [{ Message: 'Hello' }, '216'],
  ]
  let request = smsRequest()
  for (const [fix, code] of steps) {
    request = { ...request, ...fix }
    expect((await sms(emu, request)).body.statusCode, JSON.stringify(fix)).toBe(code)
  }
})

test('the switches: swapped OneToMany, pretty bodies, alnum ids with _C on DSMS', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { jsonOneToManySwapped: true } } } })
  const many = await postJson(emu, '/api/SmsSending/OneToMany', smsRequest())
  expect(many.text).toBe((await golden('onetomany-swapped.json')).replace('133611051403609881', many.body.trxnId as string))
  expect((await postJson(emu, '/api/SmsSending/OneToMany', smsRequest({ SenderName: 'NOPE' }))).body).toMatchObject({ statusCode: 'Failed', status: '208' })
  expect((await sms(emu)).body).toMatchObject({ statusCode: '200', status: 'Success' })

  const pretty = await testEmulator({ scenario: { providers: { mimsms: { jsonPretty: true, jsonIdStyle: 'alnum' } } } })
  const res = await sms(pretty)
  expect(res.text).toBe(`{\n    "statusCode": "200",\n    "status": "Success",\n    "trxnId": "${res.body.trxnId}",\n    "responseResult": "SMS Send Successfuly"\n}`)
  expect(res.body.trxnId).toMatch(/^[0-9A-Z]{15}$/)
  const dsms = await postJson(pretty, '/api/SmsSending/DSMS', { ...JSON_DEMO, SenderName: 'DEMO', SmsData: [{ MobNumber: '8801712345678', Message: 'a' }, { MobNumber: '8801812345678', Message: 'b' }] })
  expect(dsms.body.trxnId).toMatch(/^[0-9A-Z]{15}_C2$/)
})

test('jsonSmsNumberLists "always" lets /SMS take a list; jsonMaxSegments 0 lifts the limit; jsonFormBodies reads forms', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { jsonSmsNumberLists: 'always', jsonMaxSegments: 0, jsonFormBodies: true } } } })
  expect((await sms(emu, { MobileNumber: '8801712345678,8801812345678' })).body.statusCode).toBe('200')
  expect((await sms(emu, { Message: 'a'.repeat(2000) })).body.statusCode).toBe('200')
  const form = await postJson(emu, '/api/SmsSending/SMS', new URLSearchParams(smsRequest() as Record<string, string>).toString(), { 'content-type': 'application/x-www-form-urlencoded' })
  expect(form.body.statusCode).toBe('200')
})

test('bodies it cannot read: 415 and 400 problem details; wrong method 405 with Allow; unknown path 404, both empty', async () => {
  const emu = await testEmulator()
  const form = await postJson(emu, '/api/SmsSending/SMS', 'UserName=demo', { 'content-type': 'application/x-www-form-urlencoded' })
  expect(form.status).toBe(415)
  expect(form.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(form.body).toMatchObject({ status: 415, title: 'Unsupported Media Type' })
  const broken = await postJson(emu, '/api/SmsSending/SMS', '{"UserName":')
  expect(broken.status).toBe(400)
  expect(broken.body).toMatchObject({ status: 400 })
  const wrongMethod = await fetch(`${emu.urls['mimsms-json']}/api/SmsSending/SMS`)
  expect([wrongMethod.status, wrongMethod.headers.get('allow'), await wrongMethod.text()]).toEqual([405, 'POST', ''])
  const unknown = await fetch(`${emu.urls['mimsms-json']}/api/SmsSending/Nope`)
  expect([unknown.status, await unknown.text()]).toEqual([404, ''])
  expect(emu.messages()).toEqual([])
})

test('magic numbers and scenario rules aimed at the provider apply to the JSON API', async () => {
  const emu = await testEmulator({ scenario: { rules: [{ when: { provider: 'mimsms', endpoint: 'jsonSms', to: '8801812345678' }, then: { reject: 'spam' } }] } })
  expect((await sms(emu, { MobileNumber: '8801812345678' })).body.statusCode).toBe('205')
  expect((await sms(emu, { MobileNumber: '8801700000031' })).body.statusCode).toBe('216')
  expect((await sms(emu, { MobileNumber: '8801700000033' })).body.statusCode).toBe('208')
  const fault = await fetch(`${emu.urls['mimsms-json']}/api/SmsSending/SMS`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(smsRequest({ MobileNumber: '8801700000050' })) })
  expect(fault.status).toBe(500)
  expect(emu.journal({ provider: 'mimsms-json' }).map((entry) => entry.endpoint)).toEqual(['jsonSms', 'jsonSms', 'jsonSms', 'jsonSms'])
})
