import { readFile } from 'node:fs/promises'
import { XMLParser } from 'fast-xml-parser'
import { expect, test } from 'vitest'
import { dlrCodes } from '../../src/contracts/mimsms/codes.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, shootIdOf } from '../helpers/mimsms.js'

const golden = (name: string) => readFile(new URL(`../../fixtures/golden/mimsms/${name}`, import.meta.url), 'utf8')
const GOLDEN_ID = '4X9K2M7Q1P'
// Fixed timing and no magic numbers, so the golden times and outcomes do not depend on the defaults.
const steady = { dlr: { sentAfter: '1s', deliveredAfter: '3s' }, magicNumbers: false }
const valid = { api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'SMS Content...' }

const parser = new XMLParser({ isArray: (name) => name === 'message', parseTagValue: false })
interface ParsedMessage {
  ID: string
  MSISDN: string
  SMS: string
  SMSSent: string
  DLRReceived: string
  DLRStatus: string
  DLRStatusDetails: string
}
function messagesOf(xml: string): ParsedMessage[] {
  const { dlr } = parser.parse(xml) as { dlr: { message?: ParsedMessage[] } | '' }
  return dlr === '' ? [] : (dlr.message ?? [])
}

async function send(base: string, params: Record<string, string> = {}): Promise<string> {
  return shootIdOf((await call(base, '/smsapi', { ...valid, ...params }, 'form')).text)
}

test('getAll answers the manual sample byte for byte once delivery is final (the manual\'s elements, no <ID>)', async () => {
  const emu = await testEmulator({ scenario: steady })
  const id = await send(emu.urls.mimsms, { contacts: '8801712345678,8801812345678' })
  emu.clock.advance('3s')
  const res = await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')
  expect(res.status).toBe(200)
  expect(res.contentType).toBe('text/xml; charset=UTF-8')
  expect(res.text).toBe((await golden('getall-two-delivered.xml')).replaceAll(GOLDEN_ID, id))
})

test('getAll hands out each report once: a second call answers an empty <dlr>', async () => {
  const emu = await testEmulator({ scenario: steady })
  await send(emu.urls.mimsms)
  emu.clock.advance('3s')
  expect(messagesOf((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text)).toHaveLength(1)
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text).toBe(await golden('dlr-empty.xml'))
})

test('getAll keeps reports until delivery is final, so draining early loses nothing', async () => {
  const emu = await testEmulator({ scenario: steady })
  await send(emu.urls.mimsms)
  expect(messagesOf((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text)).toHaveLength(0)
  emu.clock.advance('2s')
  expect(messagesOf((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text)).toHaveLength(0)
  emu.clock.advance('1s')
  expect(messagesOf((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text)).toMatchObject([{ MSISDN: '8801712345678', DLRStatus: '1' }])
})

test('getAll drains 250 reports in chunks of 100, 100 and 50, each report exactly once', async () => {
  const emu = await testEmulator({ scenario: steady })
  const numbers = Array.from({ length: 250 }, (_, i) => `88017${String(10_000_000 + i)}`)
  await send(emu.urls.mimsms, { contacts: numbers.join(',') })
  emu.clock.advance('3s')
  const chunks: ParsedMessage[][] = []
  for (let call = 0; call < 4; call++) chunks.push(messagesOf((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text))
  expect(chunks.map((chunk) => chunk.length)).toEqual([100, 100, 50, 0])
  expect(chunks.flat().map((message) => message.MSISDN)).toEqual(numbers)
})

test('getAll hands out only the reports of the calling account', async () => {
  const emu = await testEmulator({ scenario: { ...steady, accounts: { mimsms: [{ key: 'other', secret: 'pw', name: 'other' }] } } })
  await send(emu.urls.mimsms)
  emu.clock.advance('3s')
  expect(messagesOf((await get(emu.urls.mimsms, '/miscapi/other/getDLR/getAll')).text)).toHaveLength(0)
  expect(messagesOf((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text)).toHaveLength(1)
})

test('getDLR hands out the reports of a shoot once; getDLRRep answers them as often as asked', async () => {
  const emu = await testEmulator({ scenario: steady })
  const id = await send(emu.urls.mimsms, { contacts: '8801712345678,8801812345678' })
  emu.clock.advance('3s')
  const first = await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)
  expect(first.text).toBe((await golden('getall-two-delivered.xml')).replaceAll(GOLDEN_ID, id))
  expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)).text).toBe(await golden('dlr-empty.xml'))
  for (let i = 0; i < 3; i++) {
    expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text).toBe(first.text)
  }
})

test('a report read by getDLR is not handed out again by getAll, and one drained by getAll not by getDLR', async () => {
  const emu = await testEmulator({ scenario: steady })
  const first = await send(emu.urls.mimsms)
  const second = await send(emu.urls.mimsms, { contacts: '8801812345678' })
  emu.clock.advance('3s')
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${first}`)).text)).toHaveLength(1)
  expect(messagesOf((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text).map((m) => m.MSISDN)).toEqual(['8801812345678'])
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${second}`)).text)).toHaveLength(0)
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${second}`)).text)).toHaveLength(1)
})

test('getDLR hands out each recipient when its own delivery becomes final', async () => {
  const emu = await testEmulator({ scenario: { ...steady, rules: [{ when: { to: '8801812345678' }, then: { dlr: { finalAfter: '20s' } } }] } })
  const id = await send(emu.urls.mimsms, { contacts: '8801712345678,8801812345678' })
  emu.clock.advance('3s')
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)).text).map((m) => m.MSISDN)).toEqual(['8801712345678'])
  emu.clock.advance('20s')
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)).text).map((m) => m.MSISDN)).toEqual(['8801812345678'])
})

test('while delivery is pending, getDLRRep leaves the recipient out by default: never an empty <DLRReceived>', async () => {
  const emu = await testEmulator({ scenario: steady })
  const id = await send(emu.urls.mimsms)
  emu.clock.advance('1s')
  expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text).toBe(await golden('dlr-empty.xml'))
  expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)).text).toBe(await golden('dlr-empty.xml'))
})

test('with pendingReports "empty", pending recipients are listed with empty DLR elements, and not used up', async () => {
  const emu = await testEmulator({
    scenario: {
      ...steady,
      providers: { mimsms: { pendingReports: 'empty' } },
      rules: [
        { when: { to: '8801712345678' }, then: { dlr: [['1s', 'sent'], ['10s', 'failed', '1028']] } },
        { when: { to: '8801812345678' }, then: { dlr: 'sent' } },
      ],
    },
  })
  const id = await send(emu.urls.mimsms, { contacts: '8801712345678,8801812345678,8801912345678', msg: 'Your code is 1234' })
  emu.clock.advance('10s')
  const expected = (await golden('getdlrrep-pending-empty.xml')).replaceAll(GOLDEN_ID, id)
  expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text).toBe(expected)
  expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)).text).toBe(expected)
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)).text).map((m) => m.MSISDN)).toEqual(['8801812345678'])
})

test.each(dlrCodes.map((entry) => [entry.code, entry.text] as const))('a delivery ending in DLR code %s is reported as "%s"', async (code, text) => {
  const emu = await testEmulator({ scenario: { ...steady, rules: [{ when: { provider: 'mimsms' }, then: { dlr: { code } } }] } })
  const id = await send(emu.urls.mimsms)
  emu.clock.advance('3s')
  const [report] = messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text)
  expect(report).toMatchObject({ DLRStatus: code, DLRStatusDetails: text, DLRReceived: '2026-01-15 10:00:03' })
  expect(emu.messages()[0]?.status.status).toBe(code === '0' || code === '1' ? 'delivered' : 'failed')
})

test('a failure named by its neutral reason is reported with the MiM code of that reason', async () => {
  const emu = await testEmulator({ scenario: { ...steady, rules: [{ when: { provider: 'mimsms' }, then: { dlr: 'barred-subscriber' } }] } })
  const id = await send(emu.urls.mimsms)
  emu.clock.advance('3s')
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text)).toMatchObject([{ DLRStatus: '13', DLRStatusDetails: 'Barred subscriber' }])
})

test('report text escapes <, > and &, keeps quotes and Bangla, and is wrapped in literal quotes', async () => {
  const emu = await testEmulator({ scenario: steady })
  const msg = 'Tom & Jerry <b>"quoted"</b> আমার সোনার বাংলা'
  const id = await send(emu.urls.mimsms, { type: 'unicode', msg })
  emu.clock.advance('3s')
  const xml = (await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text
  expect(xml).toBe((await golden('getdlr-escaped.xml')).replaceAll(GOLDEN_ID, id))
  expect(messagesOf(xml)[0]?.SMS).toBe(`"${msg}"`)
})

test('the rawAmpersandInSms switch writes & unescaped inside <SMS>, as some real feeds do', async () => {
  const emu = await testEmulator({ scenario: { ...steady, providers: { mimsms: { rawAmpersandInSms: true } } } })
  const id = await send(emu.urls.mimsms, { type: 'unicode', msg: 'Tom & Jerry <b>"quoted"</b> আমার সোনার বাংলা' })
  emu.clock.advance('3s')
  expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text).toBe((await golden('raw-ampersand.xml')).replaceAll(GOLDEN_ID, id))
})

test('characters XML cannot carry are replaced, so the report always parses', async () => {
  const emu = await testEmulator({ scenario: steady })
  const res = await fetch(`${emu.urls.mimsms}/smsapi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"api_key":"demo-api-key","type":"unicode","contacts":"8801712345678","senderid":"DEMO","msg":"bell\\u0007 lone\\ud800 end"}',
  })
  const id = shootIdOf(await res.text())
  emu.clock.advance('3s')
  const xml = (await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text
  expect(messagesOf(xml)[0]?.SMS).toBe('"bell\uFFFD lone\uFFFD end"')
})

test('report times are the Dhaka wall clock: SMSSent when it left, DLRReceived when it became final', async () => {
  const emu = await testEmulator({ clockStart: '2026-03-31T18:59:58Z', scenario: steady })
  const id = await send(emu.urls.mimsms)
  emu.clock.advance('3s')
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text)).toMatchObject([
    { SMSSent: '2026-04-01 00:59:59', DLRReceived: '2026-04-01 01:00:01' },
  ])
})

test('a shoot id of another account, or one that does not exist, answers an empty <dlr>', async () => {
  const emu = await testEmulator({ scenario: { ...steady, accounts: { mimsms: [{ key: 'other', secret: 'pw', name: 'other' }] } } })
  const id = await send(emu.urls.mimsms)
  emu.clock.advance('3s')
  const empty = await golden('dlr-empty.xml')
  for (const path of [`/miscapi/other/getDLR/${id}`, `/miscapi/other/getDLRRep/${id}`, '/miscapi/demo-api-key/getDLRRep/NOSUCHID']) {
    expect((await get(emu.urls.mimsms, path)).text).toBe(empty)
  }
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLR/${id}`)).text)).toHaveLength(1)
})

test('the report endpoints answer 1003 for an unknown API key', async () => {
  const emu = await testEmulator()
  for (const path of ['/miscapi/nobody/getDLR/getAll', '/miscapi/nobody/getDLR/ABC', '/miscapi/nobody/getDLRRep/ABC']) {
    expect(await get(emu.urls.mimsms, path)).toEqual({ status: 200, text: '1003', contentType: 'text/html; charset=UTF-8' })
  }
})

test('the submission receipts match the manual samples byte for byte, but for the id', async () => {
  const emu = await testEmulator()
  const plain = (await call(emu.urls.mimsms, '/smsapi', valid)).text
  const reply = (await call(emu.urls.mimsms, '/smsapi', { ...valid, reply: 'Y' })).text
  expect(plain).toBe((await golden('smsapi-submitted.txt')).replace(GOLDEN_ID, shootIdOf(plain)))
  expect(reply).toBe((await golden('smsapi-reply.txt')).replace(GOLDEN_ID, shootIdOf(reply)))
})

test('the balance answer matches its golden body', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'demo-api-key', secret: 'demo-password', name: 'demo', balance: 470.44 }] } } })
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).text).toBe(await golden('balance.txt'))
})

test('the idElement switch starts each <message> with <ID>, the shoot id, as some deployments do', async () => {
  const emu = await testEmulator({ scenario: { ...steady, providers: { mimsms: { idElement: true } } } })
  const id = await send(emu.urls.mimsms, { contacts: '8801712345678,8801812345678' })
  emu.clock.advance('3s')
  const expected = (await golden('getall-two-delivered.xml')).replaceAll('<message>\n', `<message>\n<ID>${id}</ID>\n`)
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getDLR/getAll')).text).toBe(expected)
  expect(messagesOf(expected).map((message) => message.ID)).toEqual([id, id])
})

test('with pendingReports "empty", <SMSSent> stays empty until the message is sent', async () => {
  const emu = await testEmulator({ scenario: { ...steady, providers: { mimsms: { pendingReports: 'empty' } } } })
  const id = await send(emu.urls.mimsms)
  emu.clock.advance('500ms')
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text)).toMatchObject([{ SMSSent: '', DLRReceived: '', DLRStatus: '' }])
  emu.clock.advance('500ms')
  expect(messagesOf((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${id}`)).text)).toMatchObject([{ SMSSent: '2026-01-15 10:00:01', DLRReceived: '' }])
})
