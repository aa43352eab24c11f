import { expect, test } from 'vitest'
import type { RuleInput } from '../../src/index.js'
import { DINISOFT_DEMO, testEmulator } from '../helpers/emulator.js'
import { call, MIMSMS_DEMO } from '../helpers/mimsms.js'

const withFault = (fault: RuleInput['then']['fault'], when: RuleInput['when'] = { endpoint: 'sendtext' }) =>
  testEmulator({ scenario: { magicNumbers: false, rules: [{ name: 'fault', when, then: { fault } }] } })

const sendUrl = (base: string) =>
  `${base}/sendtext?${new URLSearchParams({ ...DINISOFT_DEMO, callerID: 'DEMO', toUser: '8801712345678', messageContent: 'hi' })}`

for (const [fault, status, title] of [
  ['http-500', 500, 'Internal Server Error'],
  ['http-502', 502, 'Bad Gateway'],
  ['http-503', 503, 'Service Unavailable'],
] as const) {
  test(`a ${fault} fault answers the error page a proxy in front of the gateway would`, async () => {
    const emu = await withFault(fault)
    const res = await fetch(sendUrl(emu.urls.dinisoft))
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe('text/html')
    expect(await res.text()).toContain(`<title>${status} ${title}</title>`)
    expect(emu.messages()).toHaveLength(0)
    expect(emu.journal()[0]).toMatchObject({ status, fault, rule: 'fault' })
  })
}

test('a rate-limit fault answers 429 with the Retry-After of the rule', async () => {
  const emu = await withFault({ kind: 'rate-limit', retryAfter: '30s' })
  const res = await fetch(sendUrl(emu.urls.dinisoft))
  expect(res.status).toBe(429)
  expect(res.headers.get('retry-after')).toBe('30')
  expect(emu.messages()).toHaveLength(0)
})

test('a malformed fault cuts the answer short although the message was accepted', async () => {
  const emu = await withFault('malformed')
  const res = await fetch(sendUrl(emu.urls.dinisoft))
  const text = await res.text()
  expect(res.status).toBe(200)
  expect(() => JSON.parse(text)).toThrow()
  expect(`{"Status":"0","Text":"ACCEPTD","Message_ID":"${emu.messages()[0]?.submissionId}"}`.startsWith(text)).toBe(true)
  expect(emu.journal()[0]?.fault).toBe('malformed')
})

test('a malformed fault keeps the headers of the answer it cuts: DiniSoft sends no Content-Type, MiM its own', async () => {
  const rules = [{ name: 'fault', when: { to: '8801700000999' }, then: { fault: 'malformed' as const } }]
  const emu = await testEmulator({ scenario: { magicNumbers: false, rules } })
  const dinisoft = (to: string) => fetch(`${emu.urls.dinisoft}/sendtext?${new URLSearchParams({ ...DINISOFT_DEMO, callerID: 'DEMO', toUser: to, messageContent: 'hi' })}`)
  const mimsms = (to: string) => call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: to, msg: 'hi' })
  const [plain, cut] = [await dinisoft('8801712345678'), await dinisoft('8801700000999')]
  expect(plain.headers.get('content-type')).toBeNull()
  expect(cut.headers.get('content-type')).toBeNull()
  const [mimPlain, mimCut] = [await mimsms('8801712345678'), await mimsms('8801700000999')]
  expect(mimCut.contentType).toBe(mimPlain.contentType)
  expect(emu.journal().map((entry) => entry.fault)).toEqual([undefined, 'malformed', undefined, 'malformed'])
})

test('a drop fault closes the connection: the client sees a socket error, nothing is stored', async () => {
  const emu = await withFault('drop')
  const error = await fetch(sendUrl(emu.urls.dinisoft)).then(
    () => undefined,
    (failure: unknown) => failure as Error & { cause?: { code?: string } },
  )
  expect(error).toBeInstanceOf(TypeError)
  expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(error?.cause?.code)
  expect(emu.messages()).toHaveLength(0)
  expect(emu.journal()[0]).toMatchObject({ fault: 'drop', endpoint: 'sendtext' })
})

test('a hang fault never answers: the client times out, and the journal notes it once the client left', async () => {
  const emu = await withFault('hang')
  await expect(fetch(sendUrl(emu.urls.dinisoft), { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' })
  await expect.poll(() => emu.journal()[0]?.fault).toBe('hang')
  expect(emu.messages()).toHaveLength(0)
})

test('faults reach MiM as well, aimed by provider and endpoint', async () => {
  const emu = await withFault('http-503', { provider: 'mimsms', endpoint: 'smsapi' })
  expect((await call(emu.urls.mimsms, '/smsapi', { ...MIMSMS_DEMO, type: 'text', contacts: '8801712345678', msg: 'hi' })).status).toBe(503)
  expect((await fetch(sendUrl(emu.urls.dinisoft))).status).toBe(200)
})

test('a fault on some requests only: the second request is dropped, the others answer', async () => {
  const emu = await withFault('drop', { nth: 2 })
  const outcome = () =>
    fetch(sendUrl(emu.urls.dinisoft)).then(
      (res) => res.status,
      () => 'dropped',
    )
  expect([await outcome(), await outcome(), await outcome()]).toEqual([200, 'dropped', 200])
  expect(emu.messages()).toHaveLength(2)
})
