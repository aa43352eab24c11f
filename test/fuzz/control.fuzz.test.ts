import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Emulator, startEmulator } from '../../src/index.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ ports: 0, clock: 'manual', log: false })
  await fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=hi`)
})
afterAll(() => emu.close())

const routes = [
  ['GET', '/api/messages'],
  ['GET', '/api/messages/latest'],
  ['POST', '/api/messages/latest/outcome'],
  ['POST', '/api/clock/advance'],
  ['POST', '/api/clock/set'],
  ['GET', '/api/journal'],
  ['GET', '/api/accounts'],
  ['POST', '/api/accounts/dinisoft'],
  ['POST', '/api/accounts/dinisoft/demo-apikey/top-up'],
  ['POST', '/api/scenario/rules'],
  ['PUT', '/api/scenario'],
  ['POST', '/api/scenario/reset'],
  ['GET', '/'],
] as const

const queryValue = fc.oneof(fc.string(), fc.constantFrom('0', '-1', '1e309', 'NaN', '2026-13-45', 'latest', '8801712345678', 'dinisoft', 'delivered'))
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
  fc.record({ by: fc.oneof(fc.string(), fc.integer(), fc.double()), to: fc.oneof(fc.string(), fc.integer(), fc.double({ min: 0 })), status: fc.string(), credits: fc.double() }).map((value) => JSON.stringify(value)),
  fc.record({ when: fc.dictionary(fc.string(), fc.jsonValue()), then: fc.dictionary(fc.constantFrom('reject', 'code', 'dlr', 'latency', 'fault'), fc.jsonValue()) }).map((value) => JSON.stringify(value)),
)

test('the control API answers any input with a JSON or HTML answer below 500, never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), fc.dictionary(fc.constantFrom('provider', 'to', 'status', 'since', 'limit', 'start', 'text', 'format', 'after', 'x'), queryValue), body, async ([method, path], query, text) => {
      const url = `${emu.urls.control}${path}?${new URLSearchParams(query)}`
      const res = await fetch(url, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: text })
      const answer = await res.text()
      expect(res.status, `${method} ${url} ${text}\n${answer}`).toBeLessThan(500)
      if (res.status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json')
      // Replacing the scenario may succeed; keep the emulator lenient for the next runs.
      if (path === '/api/scenario' && res.status < 300) emu.state.replaceScenario(emu.state.initialScenario)
    }),
    { numRuns: 300 },
  )
})
