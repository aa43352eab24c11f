import { expect, test } from 'vitest'
import { contracts, ProviderError } from '../../src/index.js'
import { countingFetch, mimClient } from '../helpers/clients.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

const refusals = contracts.mimsms.responseCodes.filter((entry) => entry.status === undefined)

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(ProviderError)
  return error as ProviderError
}

test.each(refusals)('send surfaces $code as a ProviderError with the manual meaning', async (entry) => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'smsapi' }, then: { code: entry.code } })
  const error = await caught(mimClient(emu).send({ to: BD_NUMBER, text: 'Refused' }))
  expect(error).toMatchObject({ provider: 'mimsms', code: entry.code, meaning: entry.meaning, retryable: entry.retryable, documented: true, body: entry.code })
  expect(error.text).toBeUndefined()
  expect(error.reasons).toEqual(entry.reasons)
  expect(error.message).toBe(`Failed to send an SMS via MiM SMS to ${BD_NUMBER}: the provider answered ${entry.code} (${entry.meaning}).`)
  expect(emu.messages()).toHaveLength(0)
})

test.each(['getDLRRep', 'getDLRAll', 'getBalance'])('a %s refused with 1003 surfaces as a ProviderError', async (endpoint) => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint }, then: { code: '1003' } })
  const client = mimClient(emu)
  const call = endpoint === 'getDLRRep' ? client.status('ANY') : endpoint === 'getDLRAll' ? client.deliveryReports() : client.balance()
  expect(await caught(call)).toMatchObject({ code: '1003', meaning: 'API Not Found' })
})

test('the real refusals reach the client as the right codes', async () => {
  const emu = await testEmulator({
    scenario: {
      spamKeywords: ['lottery'],
      accounts: { mimsms: [{ key: 'broke-key', secret: 'broke-password', name: 'broke', balance: 0 }] },
    },
  })
  const client = mimClient(emu)
  await expect(mimClient(emu, { api_key: 'nobody' }).send({ to: BD_NUMBER, text: 'x' })).rejects.toMatchObject({ code: '1003' })
  await expect(client.send({ to: BD_NUMBER, text: 'x', sender: 'NOT-MINE' })).rejects.toMatchObject({ code: '1002', meaning: 'Sender Id/Masking Not Found' })
  await expect(client.send({ to: BD_NUMBER, text: 'You won the LOTTERY' })).rejects.toMatchObject({ code: '1004', meaning: 'SPAM Detected' })
  await expect(client.send({ to: BD_NUMBER, text: '' })).rejects.toMatchObject({ code: '1008', meaning: 'Message is empty' })
  await expect(mimClient(emu, { api_key: 'broke-key' }).send({ to: BD_NUMBER, text: 'x' })).rejects.toMatchObject({
    code: '1007',
    meaning: 'Balance Insufficient',
    reasons: ['insufficient-balance'],
  })
  expect(emu.messages()).toHaveLength(0)
})

test('a read refused with the retryable 1005 is asked again and succeeds', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'getBalance' }, then: { code: '1005' }, once: true })
  const fetch = countingFetch()
  expect((await mimClient(emu, { fetch }).balance()).amount).toBe(1000)
  expect(fetch.calls).toBe(2)
})

test('a send refused with 1005 is not sent again', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'smsapi' }, then: { code: '1005' }, once: true })
  const fetch = countingFetch()
  await expect(mimClient(emu, { fetch }).send({ to: BD_NUMBER, text: 'x' })).rejects.toMatchObject({ code: '1005', retryable: true })
  expect(fetch.calls).toBe(1)
  expect(emu.messages()).toHaveLength(0)
})

test('MiM sends are not retried after a dropped connection or a timeout: no duplicate SMS', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'smsapi', nth: 1 }, then: { fault: 'drop' } }, { when: { endpoint: 'smsapi', nth: 2 }, then: { latency: 300 } })
  const fetch = countingFetch()
  // The drop is seen as one whatever the machine's load; the 300 ms latency always outlasts 100 ms.
  await expect(mimClient(emu, { fetch, timeoutMs: 10_000 }).send({ to: BD_NUMBER, text: 'first' })).rejects.toMatchObject({ failure: 'network' })
  await expect(mimClient(emu, { fetch, timeoutMs: 100 }).send({ to: BD_NUMBER, text: 'second' })).rejects.toMatchObject({ failure: 'timeout' })
  expect(fetch.calls).toBe(2)
  await expect.poll(() => emu.journal({ endpoint: 'smsapi' }).length, { timeout: 10_000 }).toBe(2)
  expect(emu.messages().map((message) => message.text)).toEqual(['second'])
})

test('MiM reads are retried after a dropped connection, a hang and a 503', async () => {
  const emu = await testEmulator()
  emu.use(
    { when: { endpoint: 'getDLRRep', nth: 1 }, then: { fault: 'drop' } },
    { when: { endpoint: 'getDLRRep', nth: 2 }, then: { fault: 'hang' } },
    { when: { endpoint: 'getDLRRep', nth: 3 }, then: { fault: 'http-503' } },
  )
  const client = mimClient(emu, { timeoutMs: 200, retry: { attempts: 4 } })
  const { messageId } = await client.send({ to: BD_NUMBER, text: 'Resilient' })
  emu.clock.advance('5s')
  expect((await client.status(messageId)).status).toBe('delivered')
  expect(emu.journal({ endpoint: 'getDLRRep' }).map((entry) => entry.fault)).toEqual(['drop', 'hang', 'http-503', undefined])
})
