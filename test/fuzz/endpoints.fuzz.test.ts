// Property-based fuzzing of every provider endpoint and every control route: malformed parameters and
// encodings, invalid UTF-8 and percent-encoding, bracket-notation bombs, __proto__ keys, huge bodies and URLs.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { providerContracts } from '../../src/contracts/kit/registry.js'
import { routes } from '../../src/emulator/control/api.js'
import { type Emulator, startEmulator } from '../../src/index.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ ports: 0, clock: 'manual', clockStart: '2026-01-15T10:00:00+06:00', log: false, seed: 7 })
})
afterAll(() => emu.close())

const nasty = fc.constantFrom('__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'a[__proto__][x]', 'x[][][][][][][][][][]', 'm[0][1][2][3][4][5][6][7][8][9][10]', '', '%', '%zz', '%E0%A6', '[', ']]')
const knownNames = Object.values(providerContracts).flatMap((contract) => contract.endpoints.flatMap((endpoint) => endpoint.params.map((param) => param.name)))
const name = fc.oneof(fc.constantFrom(...knownNames), nasty, fc.string({ maxLength: 12 }))
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('demo-apikey', 'demo-secretkey', 'demo-api-key', 'demo', 'demo-password', '8801712345678', 'DEMO', 'text', 'unicode', '', '\u0000', '{}', '[{"to":"8801712345678","message":"hi"}]', '1e309', '-1', '2026-13-45 25:61:61'),
)
/** Raw query text: pairs, some with broken percent-encoding left as sent. */
const rawQuery = fc.array(fc.tuple(name, value, fc.boolean()), { maxLength: 10 }).map((pairs) => pairs.map(([k, v, raw]) => (raw ? `${k}=${v.replace(/[\s#]/g, '')}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&'))
const bodyBytes = fc.oneof(
  rawQuery.map((text) => new TextEncoder().encode(text)),
  fc.jsonValue().map((json) => new TextEncoder().encode(JSON.stringify(json))),
  fc.uint8Array({ maxLength: 400 }),
  fc.constant(new TextEncoder().encode('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}')),
  fc.constant(Uint8Array.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0x28])),
)
const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x', 'text/plain', 'application/x-www-form-urlencoded; charset=utf-16', '')
const pathValue = fc.oneof(fc.constantFrom('demo-api-key', 'demo', 'demo-password', '..', '%2e%2e', '%', '%zz', '__proto__'), fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent))

const providerEndpoints = Object.values(providerContracts).flatMap((contract) =>
  contract.endpoints.map((endpoint) => ({ provider: contract.provider, path: endpoint.path, methods: endpoint.methods })),
)

function balances(): number[] {
  return emu.state.accounts.list().map((account) => account.balance)
}

test('every provider endpoint answers any request in its format below 500: no crash, no hang, no negative balance, every accepted id kept', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...providerEndpoints),
      fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS'),
      fc.array(pathValue, { minLength: 3, maxLength: 3 }),
      rawQuery,
      bodyBytes,
      contentType,
      async (endpoint, method, segments, query, body, type) => {
        let i = 0
        const path = endpoint.path.replace(/:[A-Za-z_]\w*/g, () => segments[i++] ?? 'x')
        const base = emu.urls[endpoint.provider as 'dinisoft' | 'mimsms']
        const init: RequestInit = { method, signal: AbortSignal.timeout(10_000), ...(method === 'GET' || method === 'HEAD' ? {} : { body, headers: type === '' ? {} : { 'content-type': type } }) }
        const res = await fetch(`${base}${path}?${query}`, init)
        await res.arrayBuffer()
        expect(res.status, `${method} ${path}?${query}`).toBeLessThan(500)
        expect(Math.min(...balances())).toBeGreaterThanOrEqual(0)
      },
    ),
    { numRuns: 250 },
  )
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  // Every id a submission answered is retrievable.
  const accepted = emu.journal().filter((entry) => entry.endpoint === 'sendtext' && entry.response.includes('"Status":"0"'))
  for (const entry of accepted) {
    const id = /"Message_ID":"([^"]+)"/.exec(entry.response)?.[1] ?? ''
    expect(emu.messages({ submissionId: id }).length, id).toBeGreaterThan(0)
  }
  const valid = await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=after`)
  expect(JSON.parse(await valid.text())).toMatchObject({ Status: '0' })
})

test('huge bodies and URLs get a clear 4xx, and the providers keep answering', { timeout: 60_000 }, async () => {
  const big = await fetch(`${emu.urls.mimsms}/smsapi`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `msg=${'a'.repeat(3 * 1024 * 1024)}` })
  await big.arrayBuffer()
  expect(big.status).toBeLessThan(500)
  const long = await fetch(`${emu.urls.dinisoft}/sendtext?messageContent=${'b'.repeat(40_000)}`).catch((error: Error) => error)
  if (!(long instanceof Error)) expect(long.status).toBeGreaterThanOrEqual(400)
  const bombs = Array.from({ length: 2000 }, (_, i) => `messages[${i}][to]=8801712345678&messages[${i}][message][a][b][c]=x`).join('&')
  const bomb = await fetch(`${emu.urls.mimsms}/smsapimany`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: bombs })
  await bomb.arrayBuffer()
  expect(bomb.status).toBeLessThan(500)
  const valid = await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=after`)
  expect(JSON.parse(await valid.text())).toMatchObject({ Status: '0' })
})

const controlRoutes = routes.filter(([, path]) => path !== '/api/events')
const jsonBody = fc.oneof(
  fc.jsonValue().map((json) => JSON.stringify(json)),
  fc.dictionary(fc.oneof(nasty, fc.constantFrom('by', 'to', 'status', 'reason', 'code', 'credits', 'key', 'secret', 'name', 'balance', 'rules', 'when', 'then')), fc.jsonValue()).map((json) => JSON.stringify(json)),
  fc.constant('{"__proto__":{"status":"delivered"},"constructor":{"prototype":{"polluted":true}}}'),
  fc.string(),
)

test('every control route survives any input: no 5xx, and /api/health stays healthy', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...controlRoutes), fc.array(pathValue, { minLength: 3, maxLength: 3 }), rawQuery, jsonBody, contentType, async ([method, template], segments, query, text, type) => {
      let i = 0
      const path = template.replace(/:[A-Za-z_]\w*/g, () => segments[i++] ?? 'x')
      const init: RequestInit = { method, signal: AbortSignal.timeout(10_000), ...(method === 'GET' ? {} : { body: text, headers: type === '' ? {} : { 'content-type': type } }) }
      const res = await fetch(`${emu.urls.control}${path}?${query}`, init)
      const answer = await res.text()
      expect(res.status, `${method} ${path}?${query} ${text}\n${answer.slice(0, 500)}`).toBeLessThan(500)
      if (res.status >= 400 && path.startsWith('/api')) expect(res.headers.get('content-type')).toBe('application/problem+json')
      if (template === '/api/scenario' && res.status < 300) emu.state.replaceScenario(emu.state.initialScenario)
    }),
    { numRuns: 300 },
  )
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  const health = await fetch(`${emu.urls.control}/api/health`)
  expect(health.status).toBe(200)
  expect(((await health.json()) as { status: string }).status).toBe('ok')
})
