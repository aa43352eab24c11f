import fc from 'fast-check'
import { expect, test } from 'vitest'
import { responseCodes } from '../../src/contracts/mimsms-json/codes.js'
import { testEmulator } from '../helpers/emulator.js'

const CODES = new Set(responseCodes.map((entry) => entry.code))
const PATHS = ['/api/SmsSending/SMS', '/api/SmsSending/OneToMany', '/api/SmsSending/DSMS', '/api/SmsSending/DlrApi', '/api/SmsSending/balanceCheck'] as const
const names = fc.constantFrom('UserName', 'userName', 'ApiKey', 'Apikey', 'MobileNumber', 'SenderName', 'TransactionType', 'Message', 'CampaignId', 'SmsData', 'trxnId', '', '__proto__', 'constructor')
const values = fc.oneof(
  fc.string(),
  fc.constantFrom('demo', 'demo-api-key', '8801712345678', 'DEMO', 'T', 'P', 'D', 'null', ''),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.record({ MobNumber: fc.oneof(fc.string(), fc.constant('8801712345678')), Message: fc.string() }), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
)

test('any JSON body to any POST endpoint gets a documented JSON answer under HTTP 200, never a crash', async () => {
  const emu = await testEmulator()
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...PATHS), fc.array(fc.tuple(names, values), { maxLength: 8 }), async (path, pairs) => {
      const body = JSON.stringify(Object.fromEntries(pairs))
      const res = await fetch(`${emu.urls['mimsms-json']}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      expect(res.status).toBe(200)
      const answer = JSON.parse(await res.text()) as Record<string, unknown>
      for (const value of Object.values(answer)) expect(typeof value).toBe('string')
      expect(CODES.has(answer.statusCode as string)).toBe(true)
    }),
    { numRuns: 150 },
  )
})

test('raw garbage in the query and body is answered with a documented status, not crashed on', async () => {
  const emu = await testEmulator()
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...PATHS, '/api/IncomingApi/PullSMS', '/api/SmsSending/Send', '/api/x'),
      fc.string({ maxLength: 60 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
      async (path, query, body, type) => {
        const res = await fetch(`${emu.urls['mimsms-json']}${path}?${encodeURI(query)}`, { method: 'POST', headers: { 'content-type': type }, body })
        expect([200, 400, 404, 405, 415]).toContain(res.status)
        await res.text()
      },
    ),
    { numRuns: 100 },
  )
  expect(emu.journal().every((entry) => entry.status < 500)).toBe(true)
})
