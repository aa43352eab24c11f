import { expect, test } from 'vitest'
import { InvalidRequestError, memoryStatusStore } from '../../src/index.js'
import { countingFetch, dinisoftClient } from '../helpers/clients.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

test('send submits one SMS and answers the Message_ID the emulator stored', async () => {
  const emu = await testEmulator()
  const result = await dinisoftClient(emu).send({ to: BD_NUMBER, text: 'Your code is 1234' })
  const [message] = emu.messages()
  expect(result).toEqual({ provider: 'dinisoft', messageId: message?.submissionId, to: [BD_NUMBER] })
  expect(message).toMatchObject({ to: BD_NUMBER, from: 'DEMO', text: 'Your code is 1234' })
})

test('send normalises 01X and +8801X numbers and sends several in one toUser', async () => {
  const emu = await testEmulator()
  const result = await dinisoftClient(emu).send({ to: ['01712345678', '+8801812345678'], text: 'Hi all' })
  expect(result.to).toEqual(['8801712345678', '8801812345678'])
  expect(emu.journal({ endpoint: 'sendtext' })[0]?.query.toUser).toBe('8801712345678,8801812345678')
  expect(emu.messages().map((message) => [message.to, message.submissionId])).toEqual([
    ['8801712345678', result.messageId],
    ['8801812345678', result.messageId],
  ])
})

test('send keeps &, $, @, + and Bangla intact on the way to the provider', async () => {
  const emu = await testEmulator()
  const text = 'Pay $5 & get 10% @ shop+more: আপনার কোড ১২৩৪'
  await dinisoftClient(emu).send({ to: BD_NUMBER, text })
  expect(emu.messages()[0]).toMatchObject({ text, encoding: 'UCS-2' })
})

test('send can POST a form instead of the manual GET, keeping the keys out of the URL', async () => {
  const emu = await testEmulator()
  await dinisoftClient(emu, { method: 'POST' }).send({ to: BD_NUMBER, text: 'By form' })
  const [entry] = emu.journal({ endpoint: 'sendtext' })
  expect(entry?.method).toBe('POST')
  expect(entry?.query).toEqual({})
  expect(emu.messages()[0]?.text).toBe('By form')
})

test('send refuses before any request a number that is not Bangladeshi, a missing sender and a schedule', async () => {
  const emu = await testEmulator()
  const fetch = countingFetch()
  const client = dinisoftClient(emu, { fetch, sender: undefined })
  await expect(client.send({ to: ['01712345678', '12345'], text: 'x', sender: 'DEMO' })).rejects.toThrow(/"12345" is not a Bangladeshi mobile number/)
  await expect(client.send({ to: BD_NUMBER, text: 'x' })).rejects.toThrow(/no sender/)
  await expect(client.send({ to: BD_NUMBER, text: 'x', sender: 'DEMO', scheduleAt: new Date() })).rejects.toBeInstanceOf(InvalidRequestError)
  expect(fetch.calls).toBe(0)
})

test('status follows the message through pending, sent and delivered on the virtual clock', async () => {
  const emu = await testEmulator()
  const client = dinisoftClient(emu)
  const { messageId } = await client.send({ to: BD_NUMBER, text: 'Track me' })
  expect(await client.status(messageId)).toMatchObject({ status: 'pending', final: false, code: '2', text: 'PENDING', meaning: 'Request pending' })
  emu.clock.advance('1s')
  expect(await client.status(messageId)).toMatchObject({ status: 'sent', final: false, code: '4', text: 'SENT' })
  emu.clock.advance('2s')
  const delivered = await client.status(messageId)
  expect(delivered).toMatchObject({ provider: 'dinisoft', messageId, status: 'delivered', final: true, code: '0', text: 'DELIVRD' })
  expect(delivered.at?.getTime()).toBe(emu.messages()[0]?.status.at)
})

test('status answers a final status again from the client, although the provider answers it only once', async () => {
  const emu = await testEmulator()
  const client = dinisoftClient(emu)
  const { messageId } = await client.send({ to: BD_NUMBER, text: 'Once only' })
  emu.clock.advance('5s')
  const first = await client.status(messageId)
  const again = await client.status(messageId)
  expect(again).toEqual(first)
  expect(first.status).toBe('delivered')
  // The provider was asked once: a second query would have been 114.
  expect(emu.journal({ endpoint: 'getstatus' })).toHaveLength(1)
})

test('concurrent status calls for one id share one request, so none of them gets the one-shot 114', async () => {
  const emu = await testEmulator()
  const client = dinisoftClient(emu)
  const { messageId } = await client.send({ to: BD_NUMBER, text: 'Parallel' })
  emu.clock.advance('5s')
  const statuses = await Promise.all([client.status(messageId), client.status(messageId), client.status(messageId)])
  expect(statuses.map((status) => status.status)).toEqual(['delivered', 'delivered', 'delivered'])
  expect(emu.journal({ endpoint: 'getstatus' })).toHaveLength(1)
})

test('a final status read by another client with its own store is unknown here, with the provider code 114 kept', async () => {
  const emu = await testEmulator()
  const { messageId } = await dinisoftClient(emu).send({ to: BD_NUMBER, text: 'Two readers' })
  emu.clock.advance('5s')
  await dinisoftClient(emu).status(messageId)
  const other = await dinisoftClient(emu).status(messageId)
  expect(other).toMatchObject({ status: 'unknown', final: false, code: '114', text: 'REJECTD' })
  expect(other.meaning).toMatch(/query has been done already/)
})

test('clients that share a final-status store both see the final status', async () => {
  const emu = await testEmulator()
  const shared = memoryStatusStore()
  const { messageId } = await dinisoftClient(emu).send({ to: BD_NUMBER, text: 'Shared store' })
  emu.clock.advance('5s')
  await dinisoftClient(emu, { finalStatuses: shared }).status(messageId)
  expect((await dinisoftClient(emu, { finalStatuses: shared }).status(messageId)).status).toBe('delivered')
})

test('status of an unknown id is unknown with code 114', async () => {
  const emu = await testEmulator()
  expect(await dinisoftClient(emu).status('999999')).toMatchObject({ status: 'unknown', code: '114' })
})

test('status reports a failed delivery with DiniSoft code 1', async () => {
  const emu = await testEmulator()
  emu.use({ when: { to: BD_NUMBER }, then: { dlr: 'absent-subscriber' } })
  const client = dinisoftClient(emu)
  const { messageId } = await client.send({ to: BD_NUMBER, text: 'Nobody home' })
  emu.clock.advance('5s')
  expect(await client.status(messageId)).toMatchObject({ status: 'failed', final: true, code: '1' })
})

test('balance reads the six-decimal balance page and goes down as messages are sent', async () => {
  const emu = await testEmulator()
  const client = dinisoftClient(emu)
  const before = await client.balance()
  expect(before).toEqual({ provider: 'dinisoft', amount: 1000, raw: '1000.000000' })
  await client.send({ to: BD_NUMBER, text: 'One credit' })
  expect((await client.balance()).amount).toBe(999)
})

test('balance uses its own base URL and path, as the real service serves it from another host', async () => {
  const emu = await testEmulator()
  const client = dinisoftClient(emu, {
    baseUrl: 'http://127.0.0.1:9/nowhere',
    balanceUrl: emu.urls.dinisoft,
    balancePath: '/portal/sms/smsConfiguration/smsClientBalance.jsp',
  })
  expect((await client.balance()).amount).toBe(1000)
  expect(emu.journal()[0]?.path).toBe('/portal/sms/smsConfiguration/smsClientBalance.jsp')
})

test('balance of an unknown client name fails with a clear error', async () => {
  const emu = await testEmulator()
  await expect(dinisoftClient(emu, { client: 'nobody' }).balance()).rejects.toThrow(
    /Failed to read the DiniSoft BD balance of client nobody: expected a balance such as "10\.000000".*got an empty body/,
  )
})

test('sendMany sends each item as its own submission and reports each outcome', async () => {
  const emu = await testEmulator()
  emu.use({ when: { to: '8801812345678' }, then: { code: '1' } })
  const outcomes = await dinisoftClient(emu).sendMany([
    { to: '01712345678', text: 'First' },
    { to: '01812345678', text: 'Second' },
    { to: '01912345678', text: 'Third' },
  ])
  expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true])
  expect(emu.messages().map((message) => message.text)).toEqual(['First', 'Third'])
  const failed = outcomes[1]
  expect(failed?.ok === false && failed.error.message).toMatch(/answered 1 REJECTD \(Request failed\)/)
  const ids = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.messageId] : []))
  expect(ids).toEqual(emu.messages().map((message) => message.submissionId))
})

test('sendMany stops at a refusal of the account: the rest would be refused alike', async () => {
  const emu = await testEmulator()
  const fetch = countingFetch()
  const outcomes = await dinisoftClient(emu, { fetch, secretkey: 'wrong' }).sendMany([
    { to: '01712345678', text: 'a' },
    { to: '01812345678', text: 'b' },
  ])
  expect(fetch.calls).toBe(1)
  expect(outcomes.map((outcome) => !outcome.ok && outcome.error.message)).toEqual([expect.stringMatching(/108/), expect.stringMatching(/108/)])
})
