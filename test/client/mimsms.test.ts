import { expect, test } from 'vitest'
import { toDhakaDateTime } from '../../src/index.js'
import { countingFetch, MIMSMS_DEMO, mimClient } from '../helpers/clients.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

const BANGLA = 'আপনার যাচাই কোড ১২৩৪। কাউকে জানাবেন না।'

test('send posts one text to /smsapi as type=text and answers the SMS shoot id', async () => {
  const emu = await testEmulator()
  const result = await mimClient(emu).send({ to: '01712345678', text: 'Your code is 1234' })
  const [message] = emu.messages()
  expect(result).toEqual({ provider: 'mimsms', messageId: message?.submissionId, to: [BD_NUMBER] })
  expect(message).toMatchObject({ to: BD_NUMBER, from: 'DEMO', text: 'Your code is 1234', encoding: 'GSM-7' })
  const [entry] = emu.journal({ endpoint: 'smsapi' })
  expect(entry?.method).toBe('POST')
  expect(new URLSearchParams(entry?.body).get('type')).toBe('text')
})

test('Bangla goes out as type=unicode and comes back intact in the delivery report', async () => {
  const emu = await testEmulator()
  const client = mimClient(emu)
  const { messageId } = await client.send({ to: BD_NUMBER, text: BANGLA })
  expect(new URLSearchParams(emu.journal({ endpoint: 'smsapi' })[0]?.body).get('type')).toBe('unicode')
  expect(emu.messages()[0]).toMatchObject({ text: BANGLA, shownText: BANGLA, encoding: 'UCS-2' })
  emu.clock.advance('5s')
  const [report] = await client.deliveryReports()
  expect(report).toMatchObject({ to: BD_NUMBER, content: BANGLA, status: 'delivered' })
  // The manual's report has no <ID>: getAll ties a report to its send only where a deployment adds one.
  expect(report?.messageId).toBeUndefined()
  expect(messageId).toMatch(/^[0-9A-Z]+$/)
})

test('&, $, @ and + travel form-encoded and arrive as written; numbers are normalised', async () => {
  const emu = await testEmulator()
  const text = 'Tom & Jerry: pay $5 @ shop, 1+1=2 100% sure'
  await mimClient(emu).send({ to: ['+8801712345678', '01812345678'], text })
  const body = emu.journal({ endpoint: 'smsapi' })[0]?.body ?? ''
  expect(body).toContain('msg=Tom+%26+Jerry%3A+pay+%245+%40+shop%2C+1%2B1%3D2+100%25+sure')
  expect(body).toContain('contacts=8801712345678%2C8801812345678')
  expect(emu.messages().map((message) => [message.to, message.text])).toEqual([
    ['8801712345678', text],
    ['8801812345678', text],
  ])
})

test('scheduleAt sends scheduledDateTime in Dhaka time; the message waits for it on the clock', async () => {
  const emu = await testEmulator()
  const client = mimClient(emu)
  const at = new Date(emu.clock.now() + 60 * 60 * 1000)
  const { messageId } = await client.send({ to: BD_NUMBER, text: 'Later', scheduleAt: at })
  expect(new URLSearchParams(emu.journal({ endpoint: 'smsapi' })[0]?.body).get('scheduledDateTime')).toBe('2026-01-15 11:00:00')
  expect(toDhakaDateTime(at)).toBe('2026-01-15 11:00:00')
  emu.clock.advance('30m')
  expect((await client.status(messageId)).status).toBe('pending')
  emu.clock.advance('31m')
  expect(await client.status(messageId)).toMatchObject({ status: 'delivered', final: true })
})

test('sendMany posts one /smsapimany with a text per recipient, and every item shares the shoot id', async () => {
  const emu = await testEmulator()
  const outcomes = await mimClient(emu).sendMany([
    { to: '01712345678', text: 'Hello Karim' },
    { to: '01812345678', text: BANGLA },
  ])
  const [karim, rahim] = emu.messages()
  expect(outcomes).toEqual([
    { ok: true, to: '01712345678', text: 'Hello Karim', messageId: karim?.submissionId },
    { ok: true, to: '01812345678', text: BANGLA, messageId: karim?.submissionId },
  ])
  expect(karim).toMatchObject({ to: '8801712345678', text: 'Hello Karim', encoding: 'GSM-7' })
  expect(rahim).toMatchObject({ to: '8801812345678', text: BANGLA, encoding: 'UCS-2' })
  expect(emu.journal({ endpoint: 'smsapimany' })).toHaveLength(1)
})

test('sendMany can schedule the whole batch', async () => {
  const emu = await testEmulator()
  const at = new Date(emu.clock.now() + 10 * 60_000)
  await mimClient(emu).sendMany([{ to: '01712345678', text: 'Later, Karim' }], { scheduleAt: at })
  expect(new URLSearchParams(emu.journal({ endpoint: 'smsapimany' })[0]?.body).get('scheduledDateTime')).toBe('2026-01-15 10:10:00')
  expect(emu.messages()[0]?.scheduledFor).toBe(at.getTime())
})

test('sendMany reports a refusal on every item', async () => {
  const emu = await testEmulator()
  const outcomes = await mimClient(emu, { api_key: 'wrong' }).sendMany([
    { to: '01712345678', text: 'a' },
    { to: '01812345678', text: 'b' },
  ])
  expect(outcomes.map((outcome) => !outcome.ok && (outcome.error as { code?: string }).code)).toEqual(['1003', '1003'])
})

test('status reads getDLRRep as often as asked and lists every recipient', async () => {
  const emu = await testEmulator()
  emu.use({ when: { to: '8801812345678' }, then: { dlr: { code: '1028' } } })
  const client = mimClient(emu)
  const { messageId } = await client.send({ to: ['01712345678', '01812345678'], text: 'Two of you' })
  expect(await client.status(messageId)).toMatchObject({ status: 'pending', final: false })
  emu.clock.advance('5s')
  const status = await client.status(messageId)
  expect(await client.status(messageId)).toEqual(status)
  expect(status).toMatchObject({ provider: 'mimsms', messageId, status: 'failed', final: true, code: '1028', text: 'Absent subscriber', meaning: 'Absent subscriber' })
  expect(status.recipients).toEqual([
    { to: '8801712345678', status: 'delivered', code: '1', text: 'Delivered', meaning: expect.stringMatching(/^Delivered/), at: new Date(emu.clock.now() - 2000) },
    { to: '8801812345678', status: 'failed', code: '1028', text: 'Absent subscriber', meaning: 'Absent subscriber', at: new Date(emu.clock.now() - 2000) },
  ])
  expect(emu.journal({ endpoint: 'getDLRRep' })).toHaveLength(3)
})

test('status counts a recipient the report leaves out as still pending, for a submission this client sent', async () => {
  const emu = await testEmulator()
  emu.use({ when: { to: '8801812345678' }, then: { dlr: { finalAfter: '1h' } } })
  const client = mimClient(emu)
  const { messageId } = await client.send({ to: ['01712345678', '01812345678'], text: 'One is slow' })
  emu.clock.advance('5s')
  const status = await client.status(messageId)
  expect(status).toMatchObject({ status: 'pending', final: false })
  expect(status.recipients?.map((recipient) => [recipient.to, recipient.status])).toEqual([
    ['8801712345678', 'delivered'],
    ['8801812345678', 'pending'],
  ])
})

test('status reads the empty DLR elements some panels send while delivery is under way: queued is pending, left is sent', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { pendingReports: 'empty' } } } })
  const { messageId } = await mimClient(emu).send({ to: BD_NUMBER, text: 'Under way', scheduleAt: new Date(emu.clock.now() + 60_000) })
  // A fresh client: what it knows comes from the report alone.
  const client = mimClient(emu)
  expect(await client.status(messageId)).toMatchObject({ status: 'pending', code: '', recipients: [{ to: BD_NUMBER, status: 'pending', code: '' }] })
  emu.clock.advance('1m')
  // Released at the scheduled time, but still queued: it leaves for the network a second later.
  expect(await client.status(messageId)).toMatchObject({ status: 'pending', final: false })
  emu.clock.advance('1s')
  expect(await client.status(messageId)).toMatchObject({ status: 'sent', final: false })
  emu.clock.advance('5s')
  expect(await client.status(messageId)).toMatchObject({ status: 'delivered', final: true, code: '1' })
})

test('status of an id with no report that this client did not send is unknown', async () => {
  const emu = await testEmulator()
  expect(await mimClient(emu).status('NOSUCHID')).toMatchObject({ status: 'unknown', final: false, recipients: [] })
})

test('deliveryReports drains getAll 100 at a time until a call returns fewer; an <ID> becomes the messageId', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { idElement: true } } } })
  const numbers = Array.from({ length: 250 }, (_, i) => `88017${String(10_000_000 + i).slice(-8)}`)
  const client = mimClient(emu)
  const { messageId } = await client.send({ to: numbers, text: 'To everyone' })
  emu.clock.advance('5s')
  const reports = await client.deliveryReports()
  expect(reports).toHaveLength(250)
  expect(new Set(reports.map((report) => report.to))).toEqual(new Set(numbers))
  expect(reports.every((report) => report.messageId === messageId && report.status === 'delivered' && report.content === 'To everyone')).toBe(true)
  expect(emu.journal({ endpoint: 'getDLRAll' })).toHaveLength(3)
  expect(await client.deliveryReports()).toEqual([])
})

test('deliveryReportPages yields each page before asking for the next', async () => {
  const emu = await testEmulator()
  const numbers = Array.from({ length: 120 }, (_, i) => `88018${String(10_000_000 + i).slice(-8)}`)
  const client = mimClient(emu)
  await client.send({ to: numbers, text: 'Paged' })
  emu.clock.advance('5s')
  const sizes: number[] = []
  for await (const page of client.deliveryReportPages()) {
    sizes.push(page.length)
    expect(emu.journal({ endpoint: 'getDLRAll' })).toHaveLength(sizes.length)
  }
  expect(sizes).toEqual([100, 20])
})

test('deliveryReports reads a feed with a raw & inside <SMS>', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { rawAmpersandInSms: true } } } })
  const client = mimClient(emu)
  await client.send({ to: BD_NUMBER, text: 'Salt & pepper <3' })
  emu.clock.advance('5s')
  expect(emu.journal({ endpoint: 'smsapi' })).toHaveLength(1)
  const [report] = await client.deliveryReports()
  expect(emu.journal({ endpoint: 'getDLRAll' })[0]?.response).toContain('"Salt & pepper &lt;3"')
  expect(report).toMatchObject({ content: 'Salt & pepper <3', status: 'delivered', code: '1' })
})

test('balance reads "Your Balance is:BDT n" and goes down as messages are sent', async () => {
  const emu = await testEmulator()
  const client = mimClient(emu)
  expect(await client.balance()).toEqual({ provider: 'mimsms', amount: 1000, currency: 'BDT', raw: 'Your Balance is:BDT 1000.00' })
  await client.send({ to: BD_NUMBER, text: BANGLA })
  expect((await client.balance()).amount).toBe(999)
})

test('apiKey retrieves the key from username and password, and a client built with it sends', async () => {
  const emu = await testEmulator()
  const key = await mimClient(emu, { api_key: undefined }).apiKey(MIMSMS_DEMO.username, MIMSMS_DEMO.password)
  expect(key).toBe(MIMSMS_DEMO.api_key)
  await mimClient(emu, { api_key: key }).send({ to: BD_NUMBER, text: 'With a fetched key' })
  expect(emu.messages()).toHaveLength(1)
})

test('apiKey surfaces 1010 for a wrong password and 1011 for an unknown user, and never shows the password', async () => {
  const emu = await testEmulator()
  const client = mimClient(emu)
  const wrong = client.apiKey(MIMSMS_DEMO.username, 'not-it')
  await expect(wrong).rejects.toMatchObject({ code: '1010', meaning: 'Invalid User & Password', retryable: false })
  await expect(client.apiKey('nobody', 'x')).rejects.toMatchObject({ code: '1011', meaning: 'Invalid User Id' })
  emu.use({ when: { endpoint: 'getkey' }, then: { fault: 'http-503' } })
  await expect(client.apiKey(MIMSMS_DEMO.username, 's3cret-pass')).rejects.toThrow(/\/getkey\/demo\/\*\*\*/)
})

test('a client without api_key refuses key-based calls before any request', async () => {
  const emu = await testEmulator()
  const fetch = countingFetch()
  await expect(mimClient(emu, { api_key: undefined, fetch }).balance()).rejects.toThrow(/No api_key/)
  expect(fetch.calls).toBe(0)
})

test('the API key in MiM paths is masked in error messages', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'getBalance' }, then: { fault: 'http-502' } })
  const error = await mimClient(emu, { retry: false }).balance().catch((error: Error) => error)
  expect((error as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/miscapi\/\*\*\*\/getBalance/)
  expect((error as Error).message).not.toContain('demo-api-key')
})
