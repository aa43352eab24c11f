import fc from 'fast-check'
import { expect, test } from 'vitest'
import { readAnswer } from '../../src/contracts/kit/answers.js'
import { providerContracts } from '../../src/contracts/kit/registry.js'
import { parseRecordedRequests, verifyConsumer, violationKindNames } from '../../src/contracts/kit/verify-consumer.js'

const paths = fc.oneof(
  fc.constantFrom('/sendtext', '/getstatus', '/smsapi', '/smsapimany', '/miscapi/k/getDLR/getAll', '/miscapi/k/getDLR/ID1', '/miscapi/k/getDLRRep/ID1', '/getkey/u/p', '/', ''),
  fc.string().map((text) => `/${text}`),
)
const names = fc.constantFrom('apikey', 'secretkey', 'callerID', 'callerId', 'toUser', 'messageContent', 'messageid', 'api_key', 'type', 'contacts', 'senderid', 'msg', 'messages', 'messages[0][to]', 'scheduledDateTime', '', ' x')
const values = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('8801712345678', 'text', 'unicode', '2026-02-30 10:00:00', '[{"to":1}]', '{"a":', '\u0000'))
const record = fc.record(
  {
    seq: fc.integer(),
    at: fc.oneof(fc.integer(), fc.string(), fc.constant(Number.NaN)),
    provider: fc.constantFrom('dinisoft', 'mimsms', 'other'),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'get'),
    path: paths,
    query: fc.dictionary(names, values, { maxKeys: 6 }),
    contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'multipart/form-data', 'text/plain', ''),
    body: fc.string(),
    status: fc.integer(),
    response: fc.oneof(fc.string(), fc.constantFrom('{"Status":"0","Text":"DELIVRD"}', '<dlr><message><DLRStatus>1</DLRStatus></message></dlr>', '1003', '<dlr')),
  },
  { requiredKeys: ['method', 'path'] },
)

test('verify-consumer never throws on any recorded request, and every violation is well-formed', () => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 12 }), (records) => {
      const result = verifyConsumer(records)
      for (const violation of result.violations) {
        expect(violationKindNames).toContain(violation.kind)
        expect(violation.message.length).toBeGreaterThan(0)
        expect(violation.hint.length).toBeGreaterThan(0)
      }
      expect(result.errors + result.warnings).toBe(result.violations.length)
    }),
    { numRuns: 400 },
  )
})

test('reading any body against any endpoint answers a reading or the reasons it fits none', () => {
  const endpoints = Object.values(providerContracts).flatMap((contract) => contract.endpoints)
  fc.assert(
    fc.property(fc.constantFrom(...endpoints), fc.oneof(fc.string(), fc.json()), (endpoint, body) => {
      const reading = readAnswer(endpoint, body)
      expect(reading.response !== undefined || reading.problems.length > 0).toBe(true)
    }),
    { numRuns: 400 },
  )
})

test('parsing any text as recorded requests answers requests or a "Failed to read" error', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.array(fc.json()).map((lines) => lines.join('\n'))), (text) => {
      try {
        parseRecordedRequests(text, 'the input')
      } catch (error) {
        expect((error as Error).message).toMatch(/^Failed to read the input: /)
      }
    }),
    { numRuns: 400 },
  )
})

test('records from other tools, with any JSON where strings belong, are checked without a crash', () => {
  const loose = fc.record({ method: fc.constantFrom('GET', 'POST'), path: paths, query: fc.jsonValue(), body: fc.jsonValue(), response: fc.jsonValue(), at: fc.jsonValue(), seq: fc.jsonValue() })
  fc.assert(
    fc.property(fc.array(loose, { maxLength: 8 }), (records) => {
      const parsed = parseRecordedRequests(records.map((item) => JSON.stringify(item)).join('\n'))
      expect(() => verifyConsumer(parsed)).not.toThrow()
    }),
    { numRuns: 300 },
  )
})
