import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from 'vitest'
import { checksFor } from '../../src/contracts/kit/checks.js'
import { openApiDocument } from '../../src/contracts/kit/openapi.js'
import { providerContracts } from '../../src/contracts/kit/registry.js'
import { verifyConsumer } from '../../src/contracts/kit/verify-consumer.js'
import { verifyProvider } from '../../src/contracts/kit/verify-provider.js'
import { closeAfterTest } from '../helpers/cleanup.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'
import { getQuery, JSON_DEMO, postJson, smsRequest } from '../helpers/mimsms-json.js'

const credentials = { key: 'demo-api-key', account: 'demo', sender: 'DEMO', secret: 'demo-password' }

/** A server answering every request with `body`: the shape of a JSON API that is not MiM's. */
async function fake(body: (path: string) => string): Promise<string> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body(req.url ?? '/')))
  })
  closeAfterTest(() => new Promise((done) => server.close(done)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

test('every documented check of mimsms-json passes against the emulator, sends and delivery reports included', async () => {
  const emu = await testEmulator()
  const report = await verifyProvider({ provider: 'mimsms-json', baseUrl: emu.urls['mimsms-json'], credentials, allowSend: true, to: BD_NUMBER, wait: (ms) => emu.clock.advance(ms) })
  expect(report.results.filter((result) => result.status !== 'passed')).toEqual([])
  expect(report.results).toHaveLength(checksFor(providerContracts['mimsms-json']).length)
  const titles = report.results.map((result) => result.title)
  for (const code of ['401', '205', '206', '207', '208', '213']) expect(titles.some((title) => title.includes(` ${code} `)), code).toBe(true)
  expect(new Set(report.results.map((result) => result.kind))).toEqual(new Set(['auth', 'missing-param', 'invalid-param', 'balance', 'body-format', 'delivery-report']))
})

test('against a JSON API of another shape, the checks fail and say why', async () => {
  // Numbers where MiM sends strings, and a field MiM never sends.
  const numbers = await fake(() => '{"statusCode":200,"status":"Success","trxnId":"133611051403609881","responseResult":"SMS Send Successfuly"}')
  const report = await verifyProvider({ provider: 'mimsms-json', baseUrl: numbers, credentials, allowSend: true, to: BD_NUMBER, wait: () => undefined, dlrTimeoutMs: 0 })
  expect(report.ok).toBe(false)
  expect(report.results.find((result) => result.id === 'jsonSms/accepted')?.message).toContain('"statusCode" is 200, not a string')

  const swapped = await fake(() => '{"statusCode":"Success","status":"200","trxnId":"133611051403609881","responseResult":"SMS Send Successfuly"}')
  const second = await verifyProvider({ provider: 'mimsms-json', baseUrl: swapped, credentials, allowSend: true, to: BD_NUMBER, wait: () => undefined, dlrTimeoutMs: 0 })
  expect(second.results.find((result) => result.id === 'jsonOneToMany/accepted')?.status).toBe('failed')

  const reordered = await fake(() => '{"status":"Success","statusCode":"200","responseResult":"SMS Send Successfuly","trxnId":"133611051403609881"}')
  const third = await verifyProvider({ provider: 'mimsms-json', baseUrl: reordered, credentials, allowSend: true, to: BD_NUMBER, wait: () => undefined, dlrTimeoutMs: 0 })
  expect(third.results.find((result) => result.id === 'jsonSms/accepted')?.message).toContain('not in the documented order')
  expect(third.passed).toBe(0)
})

test('the swapped OneToMany quirk fails the one check it breaks', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { jsonOneToManySwapped: true } } } })
  const report = await verifyProvider({ provider: 'mimsms-json', baseUrl: emu.urls['mimsms-json'], credentials, allowSend: true, to: BD_NUMBER, wait: (ms) => emu.clock.advance(ms) })
  const failed = report.results.filter((result) => result.status === 'failed').map((result) => result.id)
  expect(failed.length).toBeGreaterThan(0)
  expect(failed.every((id) => id.startsWith('jsonOneToMany/'))).toBe(true)
})

test('verify-consumer reads names without regard to case for mimsms-json, and still finds what is wrong', async () => {
  const emu = await testEmulator()
  await postJson(emu, '/api/smssending/sms', { username: 'demo', APIKEY: 'demo-api-key', mobilenumber: '8801712345678', sendername: 'DEMO', transactiontype: 'T', message: 'Hi' })
  await getQuery(emu, '/api/SmsSending/balanceCheck', { UserName: 'demo', ApiKey: 'demo-api-key' })
  await postJson(emu, '/api/SmsSending/DSMS', { ...JSON_DEMO, SenderName: 'DEMO', SmsData: [{ MobNumber: '8801712345678', Message: 'Hi' }] })
  expect(emu.contractViolations()).toEqual([])

  emu.state.journal.clear()
  await postJson(emu, '/api/SmsSending/SMS', { ...smsRequest({ Message: undefined }), MobileNumbr: '8801712345678' })
  const violations = verifyConsumer(emu.journal()).violations
  expect(violations.map((violation) => [violation.kind, violation.param])).toEqual(
    expect.arrayContaining([
      ['missing-param', 'Message'],
      ['unknown-param', 'MobileNumbr'],
    ]),
  )
})

test('the OpenAPI document of mimsms-json names every endpoint and the /Balance alias', () => {
  const document = openApiDocument(providerContracts['mimsms-json']) as { paths: Record<string, Record<string, unknown>> }
  expect(Object.keys(document.paths).sort()).toEqual(
    [
      '/api/IncomingApi/PullSMS',
      '/api/SmsSending/Balance',
      '/api/SmsSending/DSMS',
      '/api/SmsSending/DlrApi',
      '/api/SmsSending/OneToMany',
      '/api/SmsSending/SMS',
      '/api/SmsSending/Send',
      '/api/SmsSending/SendOneToMany',
      '/api/SmsSending/balanceCheck',
    ].sort(),
  )
  expect(Object.keys(document.paths['/api/SmsSending/balanceCheck'] ?? {}).sort()).toEqual(['get', 'post'])
})
