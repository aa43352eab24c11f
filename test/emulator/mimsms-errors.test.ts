import { expect, test } from 'vitest'
import { responseCodes } from '../../src/contracts/mimsms/codes.js'
import { ERROR_PATTERN } from '../../src/contracts/mimsms/endpoints.js'
import { testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, shapes } from '../helpers/mimsms.js'

const valid = { api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801712345678', senderid: 'DEMO', msg: 'Hello' }
const without = (name: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name))

test.each([
  ['1002', 'the sender ID is not approved for the account', { ...valid, senderid: 'NOTMINE' }],
  ['1002', 'the sender ID is missing', without('senderid')],
  ['1003', 'the API key is unknown', { ...valid, api_key: 'nobody' }],
  ['1003', 'the API key is missing', without('api_key')],
  ['1006', 'scheduledDateTime is not a date-time', { ...valid, scheduledDateTime: 'tomorrow at noon' }],
  ['1006', 'scheduledDateTime names a day that does not exist', { ...valid, scheduledDateTime: '2026-02-30 10:00:00' }],
  ['1008', 'the message is empty', { ...valid, msg: '' }],
  ['1008', 'the message is only spaces', { ...valid, msg: '   ' }],
  ['1008', 'the message is missing', without('msg')],
  ['1009', 'the type is missing', without('type')],
  ['1009', 'the type is not text or unicode (application/json is seen in the wild)', { ...valid, type: 'application/json' }],
  ['1012', 'no number is valid', { ...valid, contacts: '12345,0171234' }],
  ['1012', 'contacts is missing', without('contacts')],
] as const)('smsapi answers the bare code %s when %s', async (code, _why, params) => {
  const emu = await testEmulator()
  for (const shape of shapes) {
    const res = await call(emu.urls.mimsms, '/smsapi', params, shape)
    expect({ shape, status: res.status, text: res.text }).toEqual({ shape, status: 200, text: code })
  }
  expect(emu.messages()).toHaveLength(0)
})

test('smsapi answers 1004 when the text holds a spam keyword of the scenario, whatever its case', async () => {
  const emu = await testEmulator({ scenario: { spamKeywords: ['lottery'] } })
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, msg: 'You won the LOTTERY!' })).text).toBe('1004')
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, msg: 'Your code is 1234' })).text).not.toBe('1004')
})

test('smsapi answers 1007 when the balance does not cover every segment to every recipient, and charges nothing', async () => {
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'small', secret: 'pw', name: 'small', balance: 3 }] } } })
  const params = { ...valid, api_key: 'small', contacts: '8801712345678,8801812345678', msg: 'x'.repeat(200) }
  expect((await call(emu.urls.mimsms, '/smsapi', params)).text).toBe('1007')
  expect((await get(emu.urls.mimsms, '/miscapi/small/getBalance')).text).toBe('Your Balance is:BDT 3.00')
  expect((await call(emu.urls.mimsms, '/smsapi', { ...params, contacts: '8801712345678' })).text).toMatch(/^SMS SUBMITTED/)
  expect((await get(emu.urls.mimsms, '/miscapi/small/getBalance')).text).toBe('Your Balance is:BDT 1.00')
})

test('smsapi answers 1005 and 1006 when the scenario makes the gateway fail internally', async () => {
  const emu = await testEmulator({
    scenario: {
      rules: [
        { when: { provider: 'mimsms', nth: 1 }, then: { reject: 'internal-error' } },
        { when: { provider: 'mimsms', nth: 2 }, then: { code: '1006' } },
      ],
    },
  })
  expect((await call(emu.urls.mimsms, '/smsapi', valid)).text).toBe('1005')
  expect((await call(emu.urls.mimsms, '/smsapi', valid)).text).toBe('1006')
  expect((await call(emu.urls.mimsms, '/smsapi', valid)).text).toMatch(/^SMS SUBMITTED/)
})

test('a scenario rejection by reason answers the MiM code of that reason', async () => {
  const emu = await testEmulator()
  emu.use({ when: { provider: 'mimsms', endpoint: 'smsapi' }, then: { reject: 'insufficient-balance' }, once: true })
  expect((await call(emu.urls.mimsms, '/smsapi', valid)).text).toBe('1007')
})

test('an account limited to other IPs answers 1003, as if its key did not exist', async () => {
  const emu = await testEmulator({
    scenario: { accounts: { mimsms: [{ key: 'office', secret: 'pw', name: 'office', allowedIps: ['203.0.113.9'] }] } },
  })
  expect((await call(emu.urls.mimsms, '/smsapi', { ...valid, api_key: 'office' })).text).toBe('1003')
  expect((await get(emu.urls.mimsms, '/miscapi/office/getBalance')).text).toBe('1003')
})

test('the checks run in a fixed order: key, type, text, sender, schedule, numbers, spam, balance', async () => {
  const emu = await testEmulator({ scenario: { spamKeywords: ['win'], accounts: { mimsms: [{ key: 'empty', secret: 'pw', name: 'empty', balance: 0 }] } } })
  const send = async (params: Record<string, string>) => (await call(emu.urls.mimsms, '/smsapi', params)).text
  const allWrong = { api_key: 'nobody', type: 'flash', msg: '', senderid: 'NOPE', scheduledDateTime: 'soon', contacts: '123' }
  expect(await send(allWrong)).toBe('1003')
  expect(await send({ ...allWrong, api_key: 'empty' })).toBe('1009')
  expect(await send({ ...allWrong, api_key: 'empty', type: 'text' })).toBe('1008')
  expect(await send({ ...allWrong, api_key: 'empty', type: 'text', msg: 'win' })).toBe('1002')
  expect(await send({ ...allWrong, api_key: 'empty', type: 'text', msg: 'win', senderid: 'DEMO' })).toBe('1006')
  expect(await send({ ...allWrong, api_key: 'empty', type: 'text', msg: 'win', senderid: 'DEMO', scheduledDateTime: '' })).toBe('1012')
  const noSpam = { api_key: 'empty', type: 'text', msg: 'win', senderid: 'DEMO', contacts: '8801712345678' }
  expect(await send(noSpam)).toBe('1004')
  expect(await send({ ...noSpam, msg: 'hello' })).toBe('1007')
})

test('getkey answers 1010 for a wrong password and 1011 for an unknown user', async () => {
  const emu = await testEmulator()
  expect((await get(emu.urls.mimsms, '/getkey/demo/wrong')).text).toBe('1010')
  expect((await get(emu.urls.mimsms, '/getkey/nobody/demo-password')).text).toBe('1011')
})

test('every error code of the manual is reachable by a real request', async () => {
  const emu = await testEmulator({ scenario: { spamKeywords: ['casino'], accounts: { mimsms: [{ key: 'poor', secret: 'pw', name: 'poor', balance: 0 }] } } })
  emu.use({ when: { provider: 'mimsms', text: 'please fail' }, then: { reject: 'internal-error' } })
  const send = async (params: Record<string, string>) => (await call(emu.urls.mimsms, '/smsapi', params)).text
  const reached = [
    await send({ ...valid, senderid: 'X' }),
    await send({ ...valid, api_key: 'x' }),
    await send({ ...valid, msg: 'casino' }),
    await send({ ...valid, msg: 'please fail' }),
    await send({ ...valid, scheduledDateTime: 'x' }),
    await send({ ...valid, api_key: 'poor' }),
    await send({ ...valid, msg: '' }),
    await send({ ...valid, type: 'x' }),
    (await get(emu.urls.mimsms, '/getkey/demo/x')).text,
    (await get(emu.urls.mimsms, '/getkey/x/x')).text,
    await send({ ...valid, contacts: 'x' }),
  ]
  const errorCodes = responseCodes.map((entry) => entry.code).filter((code) => ERROR_PATTERN.test(code))
  expect(reached.sort()).toEqual(errorCodes.sort())
})
