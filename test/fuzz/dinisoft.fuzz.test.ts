import fc from 'fast-check'
import { expect, test } from 'vitest'
import { statusCodes, submitCodes } from '../../src/contracts/dinisoft/codes.js'
import { testEmulator } from '../helpers/emulator.js'

const names = fc.constantFrom('apikey', 'secretkey', 'callerID', 'toUser', 'messageContent', 'messageid', 'client', 'apiKey', '', 'x[]', '%', '&')
const values = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('demo-apikey', 'demo-secretkey', '8801712345678', '', '%E0%A6', '\u0000', '{}'))
const params = fc.array(fc.tuple(names, values), { maxLength: 8 })
const encode = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
const STATUS_OF = (table: readonly { code: string }[]) => new Set(table.map((entry) => entry.code))

test('any query to sendtext or getstatus gets a well-formed DiniSoft answer, never a crash', async () => {
  const emu = await testEmulator()
  const submit = STATUS_OF(submitCodes)
  const status = STATUS_OF(statusCodes)
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('/sendtext', '/getstatus'), params, fc.boolean(), async (path, pairs, asPost) => {
      const res = asPost
        ? await fetch(`${emu.urls.dinisoft}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encode(pairs) })
        : await fetch(`${emu.urls.dinisoft}${path}?${encode(pairs)}`)
      expect(res.status).toBe(200)
      const body = JSON.parse(await res.text()) as Record<string, string>
      expect((path === '/sendtext' ? submit : status).has(body.Status ?? '')).toBe(true)
    }),
    { numRuns: 150 },
  )
})

test('raw garbage in the path, query and body is answered, not crashed on', async () => {
  const emu = await testEmulator()
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 60 }), fc.uint8Array({ maxLength: 300 }), fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain'), async (query, body, type) => {
      const res = await fetch(`${emu.urls.dinisoft}/sendtext?${encodeURI(query)}`, { method: 'POST', headers: { 'content-type': type }, body })
      expect(res.status).toBe(200)
      expect(JSON.parse(await res.text())).toHaveProperty('Status')
    }),
    { numRuns: 100 },
  )
  const statuses = emu.journal().map((entry) => entry.status)
  expect(statuses.every((s) => s === 200)).toBe(true)
})
