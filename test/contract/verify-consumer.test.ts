import { readFileSync } from 'node:fs'
import { XMLValidator } from 'fast-xml-parser'
import request from 'supertest'
import { expect, test } from 'vitest'
import { consumerJUnit } from '../../src/contracts/kit/junit.js'
import type { RecordedRequest } from '../../src/contracts/kit/recorded.js'
import { parseRecordedRequests, type Violation, verifyConsumer } from '../../src/contracts/kit/verify-consumer.js'
import { BD_NUMBER, DINISOFT_DEMO, testEmulator } from '../helpers/emulator.js'

const traffic = (name: string) => parseRecordedRequests(readFileSync(`fixtures/traffic/${name}.jsonl`, 'utf8'), name)
const summary = (violation: Violation) => ({
  seq: violation.request.seq,
  kind: violation.kind,
  severity: violation.severity,
  endpoint: violation.endpoint,
  param: violation.param,
})

test('a DiniSoft consumer that follows the manual has no violation', () => {
  const result = verifyConsumer(traffic('dinisoft-good'))
  expect(result).toEqual({ requests: 6, violations: [], errors: 0, warnings: 0, ok: true })
})

test('a MiM consumer using every documented request shape (query, multipart, JSON, PHP and jQuery lists) has no violation', () => {
  const result = verifyConsumer(traffic('mimsms-good'))
  expect(result.violations).toEqual([])
  expect(result.requests).toBe(11)
})

test('the bad DiniSoft consumer gets exactly its violations, in request order', () => {
  const result = verifyConsumer(traffic('dinisoft-bad'))
  expect(result.violations.map(summary)).toEqual([
    { seq: 7, kind: 'misspelled-param', severity: 'error', endpoint: 'sendtext', param: 'callerId' },
    { seq: 8, kind: 'text-cut-at-ampersand', severity: 'error', endpoint: 'sendtext', param: 'messageContent' },
    { seq: 9, kind: 'invalid-number', severity: 'error', endpoint: 'sendtext', param: 'toUser' },
    { seq: 10, kind: 'missing-param', severity: 'error', endpoint: 'sendtext', param: 'secretkey' },
    { seq: 11, kind: 'wrong-encoding', severity: 'error', endpoint: 'sendtext', param: undefined },
    { seq: 12, kind: 'unknown-endpoint', severity: 'error', endpoint: undefined, param: undefined },
    { seq: 13, kind: 'misspelled-param', severity: 'error', endpoint: 'sendtext', param: 'api_key' },
    { seq: 16, kind: 'polling-too-fast', severity: 'warning', endpoint: 'getstatus', param: 'messageid' },
    { seq: 18, kind: 'status-after-final', severity: 'error', endpoint: 'getstatus', param: 'messageid' },
  ])
  expect(result).toMatchObject({ requests: 12, errors: 8, warnings: 1, ok: false })
})

test('the bad MiM consumer gets exactly its violations, in request order', () => {
  const result = verifyConsumer(traffic('mimsms-bad'))
  expect(result.violations.map(summary)).toEqual([
    { seq: 30, kind: 'non-gsm-text', severity: 'error', endpoint: 'smsapi', param: 'msg' },
    { seq: 31, kind: 'text-cut-at-ampersand', severity: 'error', endpoint: 'smsapi', param: 'msg' },
    { seq: 32, kind: 'invalid-number', severity: 'error', endpoint: 'smsapi', param: 'contacts' },
    { seq: 33, kind: 'invalid-datetime', severity: 'error', endpoint: 'smsapi', param: 'scheduledDateTime' },
    { seq: 34, kind: 'invalid-datetime', severity: 'error', endpoint: 'smsapi', param: 'scheduledDateTime' },
    { seq: 35, kind: 'wrong-method', severity: 'error', endpoint: 'smsapimany', param: undefined },
    { seq: 36, kind: 'invalid-value', severity: 'error', endpoint: 'smsapi', param: 'type' },
    { seq: 37, kind: 'wrong-encoding', severity: 'error', endpoint: 'smsapi', param: undefined },
    { seq: 38, kind: 'misspelled-param', severity: 'error', endpoint: 'smsapi', param: 'senderID' },
    { seq: 41, kind: 'polling-too-fast', severity: 'warning', endpoint: 'getDLRRep', param: 'shootId' },
    { seq: 43, kind: 'repeated-one-time-read', severity: 'error', endpoint: 'getDLR', param: 'shootId' },
  ])
})

test('a parameter name that differs only in case is named with the right spelling', () => {
  const [violation] = verifyConsumer(traffic('dinisoft-bad')).violations
  expect(violation?.message).toBe('sendtext has no parameter "callerId", so the provider never sees the callerID you meant')
  expect(violation?.hint).toBe('Send "callerID": parameter names are case-sensitive.')
  expect(violation?.request).toEqual({
    seq: 7,
    at: 1768449604000,
    method: 'GET',
    target: '/sendtext?apikey=de****y&secretkey=demo****key&callerId=DEMO&toUser=8801712345678&messageContent=Hello',
  })
})

test('text cut at an unencoded & names what the provider read and what was probably meant', () => {
  const cut = verifyConsumer(traffic('mimsms-bad')).violations.find((violation) => violation.kind === 'text-cut-at-ampersand')
  expect(cut?.message).toBe('msg was cut at an unencoded "&": the provider reads "Fish " and ignores " Chips tonight"; the text was probably "Fish & Chips tonight"')
  expect(cut?.hint).toContain('%26')
})

test('the one-shot and handed-out-once rules point at the earlier read and the right alternative', () => {
  const dinisoft = verifyConsumer(traffic('dinisoft-bad')).violations.find((violation) => violation.kind === 'status-after-final')
  expect(dinisoft?.message).toBe('getstatus asked again for 161048 after its final status was answered (#17)')
  expect(dinisoft?.hint).toContain('every later query gets 114')
  const mim = verifyConsumer(traffic('mimsms-bad')).violations.find((violation) => violation.kind === 'repeated-one-time-read')
  expect(mim?.hint).toMatch(/^Use getDLRRep/)
})

test('Bangla sent with type=text shows what the handset would display', () => {
  const [violation] = verifyConsumer(traffic('mimsms-bad')).violations
  expect(violation?.message).toBe('msg holds characters GSM-7 cannot carry, sent with type=text: the handset shows "????? ??? 1234"')
  expect(violation?.hint).toMatch(/^Send type=unicode/)
})

test('the poll rate is configurable, and 0 turns the check off', () => {
  const kinds = (minPollIntervalMs: number) =>
    verifyConsumer(traffic('dinisoft-bad'), { minPollIntervalMs })
      .violations.filter((violation) => violation.kind === 'polling-too-fast')
      .map((violation) => violation.request.seq)
  expect(kinds(400)).toEqual([])
  expect(kinds(0)).toEqual([])
  expect(kinds(1000)).toEqual([16])
  expect(kinds(5000)).toEqual([16, 17])
})

test('a getAll right after one that answered a full chunk of 100 is not polling too fast', () => {
  const full = `<?xml version="1.0" encoding="UTF-8"?>\n<dlr>\n${'<message>\n<ID>A1</ID>\n<MSISDN>8801712345678</MSISDN>\n<SMS>"Hi"</SMS>\n<SMSSent>2026-01-15 10:00:01</SMSSent>\n<DLRReceived>2026-01-15 10:00:03</DLRReceived>\n<DLRStatus>1</DLRStatus>\n<DLRStatusDetails>Delivered</DLRStatusDetails>\n</message>\n'.repeat(100)}</dlr>`
  const read = (seq: number, at: number, response: string): RecordedRequest => ({ seq, at, provider: 'mimsms', method: 'GET', path: '/miscapi/k/getDLR/getAll', query: {}, body: '', status: 200, response })
  const empty = '<?xml version="1.0" encoding="UTF-8"?>\n<dlr></dlr>'
  const result = verifyConsumer([read(1, 0, full), read(2, 10, empty), read(3, 20, empty)])
  expect(result.violations.map(summary)).toEqual([{ seq: 3, kind: 'polling-too-fast', severity: 'warning', endpoint: 'getDLRAll', param: undefined }])
})

test('kinds can be ignored', () => {
  const result = verifyConsumer(traffic('dinisoft-bad'), { ignore: ['misspelled-param', 'polling-too-fast'] })
  expect(result.violations.map((violation) => violation.kind)).not.toContain('misspelled-param')
  expect(result.warnings).toBe(0)
})

test('recorded requests are read from JSON Lines, a JSON array, or an object holding entries', () => {
  const one = { method: 'GET', path: '/sendtext?apikey=a&secretkey=b&callerID=X&toUser=8801712345678&messageContent=Hi' }
  expect(parseRecordedRequests(`${JSON.stringify(one)}\n\n${JSON.stringify(one)}\n`)).toHaveLength(2)
  expect(parseRecordedRequests(JSON.stringify([one, one, one]))).toHaveLength(3)
  expect(parseRecordedRequests(JSON.stringify({ entries: [one] }))).toEqual([one])
  expect(verifyConsumer(parseRecordedRequests(JSON.stringify(one))).violations).toEqual([])
  expect(() => parseRecordedRequests(`${JSON.stringify(one)}\n{"method":`, 'calls.jsonl')).toThrow(/^Failed to read calls.jsonl: line 2 is not valid JSON/)
  expect(() => parseRecordedRequests('[{"path":"/sendtext"}]', 'calls.json')).toThrow('Failed to read calls.json: item 1 needs a "method" and a "path"')
})

test('a request to the other provider\'s port is named as such', () => {
  const result = verifyConsumer([{ provider: 'mimsms', method: 'GET', path: '/sendtext', query: { apikey: 'k' } }])
  expect(result.violations[0]).toMatchObject({ kind: 'unknown-endpoint', provider: 'mimsms', message: "/sendtext is DiniSoft BD SMS API's sendtext, but the request went to the MiM SMS API port" })
})

test('the consumer JUnit report has a test case per kind, failing where errors were found', () => {
  const xml = consumerJUnit(verifyConsumer(traffic('dinisoft-bad')))
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(xml).toContain('<testsuites name="sms-emulator verify-consumer" tests="15" failures="7" errors="0">')
  expect(xml).toContain('<testcase classname="consumer" name="wrong-method: The endpoint does not take this HTTP method" time="0.000"/>')
  expect(xml).toMatch(/<testcase classname="consumer" name="polling-too-fast[^>]*>\s*<system-out>/)
  expect(consumerJUnit(verifyConsumer(traffic('dinisoft-bad')), { failOn: 'warning' })).toContain('failures="8"')
})

test('emu.contractViolations() is empty for a consumer that follows the manual', async () => {
  const emu = await testEmulator()
  const credentials = { apikey: DINISOFT_DEMO.apikey, secretkey: DINISOFT_DEMO.secretkey }
  const sent = await request(emu.urls.dinisoft).get('/sendtext').query({ ...credentials, callerID: 'DEMO', toUser: BD_NUMBER, messageContent: 'Fish & Chips' })
  await request(emu.urls.dinisoft).get('/getstatus').query({ ...credentials, messageid: JSON.parse(sent.text).Message_ID })
  const journal: RecordedRequest[] = emu.journal()
  expect(journal).toHaveLength(2)
  expect(emu.contractViolations()).toEqual([])
})

test('emu.contractViolations() lists what a consumer got wrong, with the request and a fix', async () => {
  const emu = await testEmulator()
  await fetch(`${emu.urls.mimsms}/smsapi?api_key=demo-api-key&type=text&contacts=${BD_NUMBER}&senderid=DEMO&msg=Tom%20&%20Jerry`)
  await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=017&messageContent=Hi`)
  expect(emu.contractViolations()).toEqual([
    {
      kind: 'text-cut-at-ampersand',
      severity: 'error',
      provider: 'mimsms',
      endpoint: 'smsapi',
      param: 'msg',
      message: 'msg was cut at an unencoded "&": the provider reads "Tom " and ignores " Jerry"; the text was probably "Tom & Jerry"',
      hint: expect.stringContaining('URL-encode the text'),
      request: { seq: 1, at: expect.any(Number), method: 'GET', target: `/smsapi?api_key=demo****key&type=text&contacts=${BD_NUMBER}&senderid=DEMO&msg=Tom+&+Jerry=` },
    },
    expect.objectContaining({ kind: 'invalid-number', provider: 'dinisoft', param: 'toUser', request: expect.objectContaining({ seq: 2 }) }),
  ])
  expect(emu.contractViolations({ filter: { provider: 'dinisoft' } })).toHaveLength(1)
})

test('the control API\'s journal (ISO times, { entries }) reads as recorded requests, poll rate included', async () => {
  const emu = await testEmulator()
  const status = (id: string) => fetch(`${emu.urls.dinisoft}/getstatus?apikey=demo-apikey&secretkey=demo-secretkey&messageid=${id}`)
  const sent = await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=${BD_NUMBER}&messageContent=Hi`)
  const id = ((await sent.json()) as { Message_ID: string }).Message_ID
  await status(id)
  emu.clock.advance(300)
  await status(id)
  const json = await (await fetch(`${emu.urls.control}/api/journal`)).text()
  const records = parseRecordedRequests(json, 'the control API')
  expect(records).toHaveLength(3)
  expect(typeof records[0]?.at).toBe('string')
  expect(verifyConsumer(records).violations.map(summary)).toEqual([{ seq: 3, kind: 'polling-too-fast', severity: 'warning', endpoint: 'getstatus', param: 'messageid' }])
  const ndjson = await (await fetch(`${emu.urls.control}/api/journal?format=ndjson`)).text()
  expect(verifyConsumer(parseRecordedRequests(ndjson)).violations).toHaveLength(1)
})

test('HEAD to an endpoint with side effects sends the SMS, as on the real servers, and verify-consumer flags it', async () => {
  const emu = await testEmulator()
  const head = await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=${BD_NUMBER}&messageContent=Hi`, { method: 'HEAD' })
  expect(head.status).toBe(200)
  expect(emu.messages()).toHaveLength(1)
  await fetch(`${emu.urls.mimsms}/miscapi/demo-api-key/getBalance`, { method: 'HEAD' })
  const flagged = emu.contractViolations().map((violation) => [violation.kind, violation.endpoint, violation.request.method])
  // HEAD to a read without side effects is only a method the manual does not list.
  expect(flagged).toEqual([
    ['unsafe-method', 'sendtext', 'HEAD'],
    ['wrong-method', 'getBalance', 'HEAD'],
  ])
  const put = verifyConsumer([{ provider: 'mimsms', method: 'PUT', path: '/smsapi?api_key=k&type=text&contacts=8801712345678&senderid=DEMO&msg=hi' }])
  expect(put.violations.map((violation) => violation.kind)).toEqual(['unsafe-method'])
  expect(put.violations[0]?.request.target).not.toContain('api_key=k&')
})

test('reply=Y is part of both sending endpoints: the emulator answers "1000, <id>" and verify-consumer finds nothing to report', async () => {
  const emu = await testEmulator()
  const form = { api_key: 'demo-api-key', senderid: 'DEMO', reply: 'Y' }
  const many = await fetch(`${emu.urls.mimsms}/smsapimany`, { method: 'POST', body: new URLSearchParams({ ...form, messages: JSON.stringify([{ to: BD_NUMBER, message: 'Hi' }]) }) })
  const one = await fetch(`${emu.urls.mimsms}/smsapi`, { method: 'POST', body: new URLSearchParams({ ...form, type: 'text', contacts: BD_NUMBER, msg: 'Hi' }) })
  expect(await many.text()).toMatch(/^1000, [0-9A-Z]+$/)
  expect(await one.text()).toMatch(/^1000, [0-9A-Z]+$/)
  expect(emu.contractViolations()).toEqual([])
})
