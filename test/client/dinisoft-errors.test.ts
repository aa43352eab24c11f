import { expect, test } from 'vitest'
import { contracts, ProviderError } from '../../src/index.js'
import { dinisoftClient } from '../helpers/clients.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

const { submitCodes, statusCodes } = contracts.dinisoft
const refusals = (table: typeof submitCodes) => table.filter((entry) => entry.status === undefined)

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(ProviderError)
  return error as ProviderError
}

test.each(refusals(submitCodes))('send surfaces sendtext $code as a ProviderError with the manual meaning', async (entry) => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'sendtext' }, then: { code: entry.code } })
  const error = await caught(dinisoftClient(emu).send({ to: BD_NUMBER, text: 'Refused' }))
  expect(error).toMatchObject({ provider: 'dinisoft', code: entry.code, text: 'REJECTD', meaning: entry.meaning, retryable: entry.retryable, documented: true })
  expect(error.reasons).toEqual(entry.reasons)
  expect(error.message).toContain(`answered ${entry.code} REJECTD (${entry.meaning})`)
  expect(emu.messages()).toHaveLength(0)
})

test.each(refusals(statusCodes).filter((entry) => !entry.reasons.includes('unknown-message')))(
  'status surfaces getstatus $code as a ProviderError with the manual meaning',
  async (entry) => {
    const emu = await testEmulator()
    const client = dinisoftClient(emu, { retry: false })
    const { messageId } = await client.send({ to: BD_NUMBER, text: 'Ask about me' })
    emu.use({ when: { endpoint: 'getstatus' }, then: { code: entry.code } })
    const error = await caught(client.status(messageId))
    expect(error).toMatchObject({ provider: 'dinisoft', code: entry.code, meaning: entry.meaning, retryable: entry.retryable })
  },
)

test('the real refusals reach the client as the right codes: wrong secret 108, unknown key 109, empty text 114', async () => {
  const emu = await testEmulator()
  await expect(dinisoftClient(emu, { secretkey: 'wrong' }).send({ to: BD_NUMBER, text: 'x' })).rejects.toMatchObject({ code: '108' })
  await expect(dinisoftClient(emu, { apikey: 'nobody' }).send({ to: BD_NUMBER, text: 'x' })).rejects.toMatchObject({ code: '109' })
  await expect(dinisoftClient(emu).send({ to: BD_NUMBER, text: '' })).rejects.toMatchObject({ code: '114', meaning: 'Content not provided' })
})

test('status of a message of another account is -42 Authorization failed', async () => {
  const emu = await testEmulator({
    scenario: { accounts: { dinisoft: [{ key: 'other-key', secret: 'other-secret', name: 'other' }] } },
  })
  const { messageId } = await dinisoftClient(emu).send({ to: BD_NUMBER, text: 'Mine' })
  const error = await caught(dinisoftClient(emu, { apikey: 'other-key', secretkey: 'other-secret' }).status(messageId))
  expect(error).toMatchObject({ code: '-42', meaning: 'Authorization failed', retryable: false })
})

test('a source IP the account does not allow is 5400', async () => {
  const emu = await testEmulator({
    scenario: { accounts: { dinisoft: [{ key: 'locked', secret: 'locked-secret', name: 'locked', allowedIps: ['10.1.2.3'] }] } },
  })
  const error = await caught(dinisoftClient(emu, { apikey: 'locked', secretkey: 'locked-secret' }).send({ to: BD_NUMBER, text: 'x' }))
  expect(error).toMatchObject({ code: '5400', meaning: 'Source IP has not been allowed' })
  expect(error.reasons).toContain('ip-not-allowed')
})

test('a read refused with the retryable 101 is asked again and succeeds', async () => {
  const emu = await testEmulator()
  const client = dinisoftClient(emu)
  const { messageId } = await client.send({ to: BD_NUMBER, text: 'Retry me' })
  emu.use({ when: { endpoint: 'getstatus' }, then: { code: '101' }, once: true })
  expect((await client.status(messageId)).status).toBe('pending')
  expect(emu.journal({ endpoint: 'getstatus' }).map((entry) => entry.response)).toEqual([
    '{"Status": "101","Text": "REJECTD"}',
    '{"Status": "2","Text": "PENDING"}',
  ])
})

test('a send refused with 101 is not sent again: the client cannot know the SMS did not go', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'sendtext' }, then: { code: '101' }, once: true })
  await expect(dinisoftClient(emu).send({ to: BD_NUMBER, text: 'x' })).rejects.toMatchObject({ code: '101', retryable: true })
  expect(emu.journal({ endpoint: 'sendtext' })).toHaveLength(1)
})
