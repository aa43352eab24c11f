import fc from 'fast-check'
import { XMLValidator } from 'fast-xml-parser'
import { beforeAll, expect, test } from 'vitest'
import { mimsmsContract } from '../../src/contracts/mimsms/endpoints.js'
import type { EndpointSpec } from '../../src/contracts/types.js'
import type { Emulator } from '../../src/index.js'
import { startEmulator } from '../../src/index.js'
import { call, shapes, type Answer } from '../helpers/mimsms.js'

// One emulator for the whole file: fuzzing is about answers, not state, and a fresh server per run is slow.
let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ ports: 0, clock: 'manual', log: false, scenario: { spamKeywords: ['spam'] } })
  return () => emu.close()
})

const RUNS = 60
const endpoints: readonly EndpointSpec[] = mimsmsContract.endpoints
const patternsOf = (id: string) => endpoints.find((endpoint) => endpoint.id === id)?.responses.flatMap((r) => (r.pattern ? [r.pattern] : [])) ?? []

/** A provider answer: 200, a known content type, and a body one of the endpoint's patterns (or well-formed XML). */
function expectProviderAnswer(endpoint: string, res: Answer): void {
  expect(res.status, res.text).toBe(200)
  expect(res.text).not.toMatch(/at .*\(.*:\d+:\d+\)|Error:/)
  if (res.contentType?.startsWith('text/xml')) {
    expect(XMLValidator.validate(res.text)).toBe(true)
    return
  }
  expect(res.contentType).toBe('text/html; charset=UTF-8')
  expect(patternsOf(endpoint).some((pattern) => pattern.test(res.text)), `${endpoint} answered ${JSON.stringify(res.text)}`).toBe(true)
}

const anyText = fc.string({ unit: 'binary', maxLength: 40 })
const nastyText = fc.oneof(
  anyText,
  fc.constantFrom('', ' ', '%', '%E0%A4%A', '\u0000', '&<>"\'', 'আমি', '😀', '+', ',', '[]', '{}', 'null', 'now', 'spam', '\ud800'),
)
const contacts = fc.oneof(
  nastyText,
  fc
    .tuple(fc.array(fc.oneof(fc.constantFrom('8801712345678', '01812345678', '+8801912345678', '880171', 'abc'), anyText), { maxLength: 5 }), fc.constantFrom(',', '+', ' '))
    .map(([list, separator]) => list.join(separator)),
)
const smsapiParams = fc.record(
  {
    api_key: fc.oneof(fc.constant('demo-api-key'), nastyText),
    type: fc.oneof(fc.constantFrom('text', 'unicode', 'application/json', 'TEXT'), nastyText),
    contacts,
    senderid: fc.oneof(fc.constantFrom('DEMO', '8809601000000'), nastyText),
    msg: nastyText,
    scheduledDateTime: fc.oneof(fc.constantFrom('now', '', '2026-01-15 10:00:00', '2026-02-30 10:00:00'), nastyText),
    reply: fc.oneof(fc.constant('Y'), nastyText),
    label: nastyText,
  },
  { requiredKeys: [] },
)

test('smsapi answers every parameter combination, in every body encoding, with a code or a receipt', async () => {
  await fc.assert(
    fc.asyncProperty(smsapiParams, fc.constantFrom(...shapes), async (params, shape) => {
      expectProviderAnswer('smsapi', await call(emu.urls.mimsms, '/smsapi', params as Record<string, string>, shape))
    }),
    { numRuns: RUNS },
  )
})

const messageItem = fc.record(
  { to: fc.oneof(fc.constantFrom('8801712345678', 8801812345678, null), nastyText), message: fc.oneof(nastyText, fc.constant(null), fc.constant(42)) },
  { requiredKeys: [] },
)
const messagesValue = fc.oneof(
  fc.array(messageItem, { maxLength: 4 }).map((list) => JSON.stringify(list)),
  fc.json({ maxDepth: 3 }),
  nastyText,
)

test('smsapimany answers any messages value, JSON string or brackets, with a code or a receipt', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({ api_key: fc.oneof(fc.constant('demo-api-key'), nastyText), senderid: fc.oneof(fc.constant('DEMO'), nastyText), messages: messagesValue }, { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.constantFrom('messages[0][to]', 'messages[0][message]', 'messages[][to]', 'messages[x]', 'messages[1][to][2]'), anyText), nastyText, { maxKeys: 4 }),
      fc.constantFrom('form', 'multipart', 'json', 'query-post') as fc.Arbitrary<(typeof shapes)[number]>,
      async (params, extra, shape) => {
        expectProviderAnswer('smsapimany', await call(emu.urls.mimsms, '/smsapimany', { ...extra, ...(params as Record<string, string>) }, shape))
      },
    ),
    { numRuns: RUNS },
  )
})

test('smsapimany answers any JSON body, not only objects', async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
      const res = await fetch(`${emu.urls.mimsms}/smsapimany`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expectProviderAnswer('smsapimany', { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') })
    }),
    { numRuns: RUNS },
  )
})

test('the send endpoints answer raw bodies of any bytes under any content type', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('/smsapi', '/smsapimany'),
      fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=x', 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml', ''),
      fc.uint8Array({ maxLength: 200 }),
      async (path, contentType, bytes) => {
        const res = await fetch(`${emu.urls.mimsms}${path}?api_key=demo-api-key`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body: bytes })
        expectProviderAnswer(path.slice(1), { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') })
      },
    ),
    { numRuns: RUNS },
  )
})

const segment = fc.oneof(
  anyText.filter((s) => s !== '').map(encodeURIComponent),
  fc.constantFrom('getAll', 'demo-api-key', '%', '%E0%A4%A', '%00', '..', '%2F', 'demo'),
)

test('the read endpoints answer any path segment with a code, a key, a balance or well-formed XML', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        ['getDLRAll', (a: string) => `/miscapi/${a}/getDLR/getAll`],
        ['getDLR', (a: string, b: string) => `/miscapi/${a}/getDLR/${b}`],
        ['getDLRRep', (a: string, b: string) => `/miscapi/${a}/getDLRRep/${b}`],
        ['getBalance', (a: string) => `/miscapi/${a}/getBalance`],
        ['getkey', (a: string, b: string) => `/getkey/${a}/${b}`],
      ),
      segment,
      segment,
      async ([endpoint, path], a, b) => {
        const res = await fetch(`${emu.urls.mimsms}${path(a, b)}`)
        const answer = { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') }
        // "..", "%2F" and the like can change which route matches, or none; what matters is no crash.
        if (answer.status === 404) return
        expectProviderAnswer(endpoint, answer)
      },
    ),
    { numRuns: RUNS },
  )
})
