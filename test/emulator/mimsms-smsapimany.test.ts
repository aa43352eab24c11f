import { expect, test } from 'vitest'
import { REPLY_PATTERN, SUBMITTED_PATTERN } from '../../src/contracts/mimsms/endpoints.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, postJson, shootIdOf } from '../helpers/mimsms.js'

const account = { api_key: MIMSMS_DEMO.api_key, senderid: 'DEMO' }
const two = [
  { to: '8801712345678', message: 'Hello Rahim' },
  { to: '8801812345678', message: 'Hello Karim' },
]

function brackets(messages: readonly { to: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(messages.flatMap((m, i) => [[`messages[${i}][to]`, m.to], [`messages[${i}][message]`, m.message]]))
}

const ways = [
  ['a JSON string in a form field (PHP sample, urlencoded)', (base: string) => call(base, '/smsapimany', { ...account, messages: JSON.stringify(two) }, 'form')],
  ['a JSON string in a multipart field (PHP sample)', (base: string) => call(base, '/smsapimany', { ...account, messages: JSON.stringify(two) }, 'multipart')],
  ['bracket notation in a form body (jQuery)', (base: string) => call(base, '/smsapimany', { ...account, ...brackets(two) }, 'form')],
  ['bracket notation in a multipart body', (base: string) => call(base, '/smsapimany', { ...account, ...brackets(two) }, 'multipart')],
  ['bracket notation in the query of an empty POST', (base: string) => call(base, '/smsapimany', { ...account, ...brackets(two) }, 'query-post')],
  ['a JSON body with an array', (base: string) => postJson(base, '/smsapimany', { ...account, messages: two })],
  ['a JSON body with the array encoded again as a string', (base: string) => postJson(base, '/smsapimany', { ...account, messages: JSON.stringify(two) })],
] as const

test.each(ways)('smsapimany accepts messages sent as %s, each with its own recipient and text', async (_how, send) => {
  const emu = await testEmulator()
  const res = await send(emu.urls.mimsms)
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  const messages = emu.messages()
  expect(messages.map((m) => [m.to, m.text])).toEqual([
    ['8801712345678', 'Hello Rahim'],
    ['8801812345678', 'Hello Karim'],
  ])
  expect(messages.every((m) => m.submissionId === shootIdOf(res.text))).toBe(true)
})

test('smsapimany detects the encoding of each message and charges each its own segments', async () => {
  const emu = await testEmulator()
  const res = await postJson(emu.urls.mimsms, '/smsapimany', {
    ...account,
    messages: [
      { to: '8801712345678', message: 'x'.repeat(161) },
      { to: '8801812345678', message: 'আপনার কোড ১২৩৪' },
      { to: '8801912345678', message: 'short' },
    ],
  })
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages().map((m) => [m.encoding, m.segments])).toEqual([
    ['GSM-7', 2],
    ['UCS-2', 1],
    ['GSM-7', 1],
  ])
  expect((await get(emu.urls.mimsms, '/miscapi/demo-api-key/getBalance')).text).toBe('Your Balance is:BDT 996.00')
})

test('smsapimany answers "1000, <id>" with reply=Y', async () => {
  const emu = await testEmulator()
  expect((await postJson(emu.urls.mimsms, '/smsapimany', { ...account, reply: 'Y', messages: two })).text).toMatch(REPLY_PATTERN)
})

test('smsapimany skips messages to invalid numbers or with an empty text, and records them', async () => {
  const emu = await testEmulator()
  const res = await postJson(emu.urls.mimsms, '/smsapimany', {
    ...account,
    messages: [{ to: '12345', message: 'lost' }, { to: 8801712345678, message: 'numbers may come as JSON numbers' }, { to: '8801812345678', message: '' }],
  })
  expect(res.text).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages()).toMatchObject([{ to: '8801712345678', meta: { skipped: '12345', skippedEmpty: '8801812345678' } }])
})

test('smsapimany reads PHP\'s json_encode of a list with gaps (an object keyed by index)', async () => {
  const emu = await testEmulator()
  const messages = JSON.stringify({ '0': two[0], '2': two[1] })
  expect((await call(emu.urls.mimsms, '/smsapimany', { ...account, messages }, 'form')).text).toMatch(SUBMITTED_PATTERN)
  expect(emu.messages().map((m) => m.to)).toEqual(['8801712345678', '8801812345678'])
})

test.each([
  ['1003', 'the API key is unknown', { ...account, api_key: 'nobody', messages: two }],
  ['1002', 'the sender is not approved', { ...account, senderid: 'OTHER', messages: two }],
  ['1006', 'scheduledDateTime is malformed', { ...account, scheduledDateTime: '15/01/2026 10:00', messages: two }],
  ['1006', 'messages is not JSON', { ...account, messages: '[{to: 88017}' }],
  ['1006', 'messages is not a list of objects', { ...account, messages: '["8801712345678"]' }],
  ['1006', 'a message text is not text', { ...account, messages: [{ to: '8801712345678', message: { text: 'hi' } }] }],
  ['1008', 'messages is missing', { ...account }],
  ['1008', 'messages is an empty list', { ...account, messages: [] }],
  ['1008', 'every valid recipient has an empty text', { ...account, messages: [{ to: '8801712345678', message: ' ' }] }],
  ['1012', 'no recipient is valid', { ...account, messages: [{ to: '123', message: 'hi' }, { message: 'no number' }] }],
] as const)('smsapimany answers %s when %s', async (code, _why, body) => {
  const emu = await testEmulator()
  expect(await postJson(emu.urls.mimsms, '/smsapimany', body)).toEqual({ status: 200, text: code, contentType: 'text/html; charset=UTF-8' })
  expect(emu.messages()).toHaveLength(0)
})

test('smsapimany answers 1004 when any message holds a spam keyword', async () => {
  const emu = await testEmulator({ scenario: { spamKeywords: ['jackpot'] } })
  const messages = [two[0], { to: '8801812345678', message: 'Claim your JACKPOT' }]
  expect((await postJson(emu.urls.mimsms, '/smsapimany', { ...account, messages })).text).toBe('1004')
})

test('smsapimany answers 1007 when the balance does not cover all messages, and sends none', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'one', secret: 'pw', name: 'one', balance: 1 }] } } })
  expect((await postJson(emu.urls.mimsms, '/smsapimany', { ...account, api_key: 'one', messages: two })).text).toBe('1007')
  expect(emu.messages()).toHaveLength(0)
})

test('smsapimany is POST only, as the manual shows it', async () => {
  const emu = await testEmulator()
  const res = await call(emu.urls.mimsms, '/smsapimany', { ...account, messages: JSON.stringify(two) }, 'query')
  expect(res.status).toBe(404)
  expect(emu.messages()).toHaveLength(0)
})
