import { expect, test } from 'vitest'
import { createGateway, type MimSmsJsonClient, ProviderError, type SmsGateway } from '../../src/index.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

const client = (url: string, extra: object = {}): MimSmsJsonClient =>
  createGateway('mimsms-json', { baseUrl: url, userName: 'demo', apiKey: 'demo-api-key', sender: 'DEMO', retry: false, ...extra })

test('send posts JSON to /SMS (one number) or /OneToMany (several) and answers the trxnId', async () => {
  const emu = await testEmulator()
  const gateway: SmsGateway = client(emu.urls['mimsms-json'])
  const one = await gateway.send({ to: '01712345678', text: 'Your code is 1234' })
  expect(one).toEqual({ provider: 'mimsms-json', messageId: emu.messages()[0]?.submissionId, to: [BD_NUMBER] })
  const many = await gateway.send({ to: [BD_NUMBER, '+8801812345678'], text: 'Hi all' })
  expect(emu.journal({ provider: 'mimsms-json' }).map((entry) => [entry.endpoint, entry.contentType])).toEqual([
    ['jsonSms', 'application/json'],
    ['jsonOneToMany', 'application/json'],
  ])
  expect(emu.messages({ submissionId: many.messageId, provider: 'mimsms' })).toHaveLength(2)
})

test('status reads DlrApi per recipient over the clock; balance reads balanceCheck', async () => {
  const emu = await testEmulator()
  const gateway = client(emu.urls['mimsms-json'])
  const { messageId } = await gateway.send({ to: [BD_NUMBER, '8801700000001'], text: 'Hi' })
  expect(await gateway.status(messageId)).toMatchObject({ status: 'pending', final: false })
  emu.clock.advance('5s')
  const status = await gateway.status(messageId)
  expect(status).toMatchObject({ provider: 'mimsms-json', status: 'failed', final: true, code: '6', text: 'ABSENT SUBSCRIBER FOR SM' })
  expect(status.recipients?.map((recipient) => [recipient.to, recipient.status])).toEqual([
    [BD_NUMBER, 'delivered'],
    ['8801700000001', 'failed'],
  ])
  expect(await gateway.balance()).toMatchObject({ provider: 'mimsms-json', amount: 998 })
})

test('sendMany posts one DSMS; a refusal is a ProviderError with the code, its text and the neutral reason', async () => {
  const emu = await testEmulator()
  const gateway = client(emu.urls['mimsms-json'])
  const outcomes = await gateway.sendMany([
    { to: BD_NUMBER, text: 'one' },
    { to: '01812345678', text: 'two' },
  ])
  expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true])
  expect(emu.messages().map((message) => message.text)).toEqual(['one', 'two'])
  const refused = client(emu.urls['mimsms-json'], { sender: 'NOPE' })
  const error = await refused.send({ to: BD_NUMBER, text: 'x' }).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ProviderError)
  expect(error).toMatchObject({ code: '208', text: 'Invalid Sender ID', reasons: ['sender-not-approved'], documented: true })
  const wrongKey = await client(emu.urls['mimsms-json'], { apiKey: 'nope' })
    .balance()
    .catch((caught: unknown) => caught)
  expect(wrongKey).toMatchObject({ code: '401', text: 'Invalid UserName & Password', reasons: ['unknown-account', 'bad-credentials'] })
  expect(String((wrongKey as Error).message)).not.toContain('nope')
})

test('the swapped OneToMany answer reads the same; pullInbound hands out what subscribers sent', async () => {
  const emu = await testEmulator({ scenario: { providers: { mimsms: { jsonOneToManySwapped: true } } } })
  const gateway = client(emu.urls['mimsms-json'])
  expect((await gateway.send({ to: [BD_NUMBER, '8801812345678'], text: 'Hi' })).messageId).toMatch(/^\d{18}$/)
  expect(await gateway.pullInbound()).toBeUndefined()
  await fetch(`${emu.urls.control}/api/incoming`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'demo', from: '01812345678', text: 'STOP' }) })
  expect(await gateway.pullInbound()).toMatchObject({ messageId: '1', from: '8801812345678', to: '8809601000000', text: 'STOP' })
})
