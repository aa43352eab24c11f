import { expect, test } from 'vitest'
import { createGateway, DiniSoftClient, type Emulator, MimSmsClient, ProviderError, type SmsGateway } from '../../src/index.js'
import { testEmulator } from '../helpers/emulator.js'

/** Application code that knows only the interface. */
async function sendOtp(gateway: SmsGateway, to: string, code: string) {
  const { messageId } = await gateway.send({ to, text: `আপনার কোড ${code}` })
  return messageId
}

function gatewayFor(provider: 'dinisoft' | 'mimsms', emu: Emulator, overrides: { secret?: string } = {}): SmsGateway {
  const common = { sender: 'DEMO', sleep: async () => {} }
  return provider === 'dinisoft'
    ? createGateway('dinisoft', { baseUrl: emu.urls.dinisoft, apikey: 'demo-apikey', secretkey: overrides.secret ?? 'demo-secretkey', client: 'demo', ...common })
    : createGateway('mimsms', { baseUrl: emu.urls.mimsms, api_key: overrides.secret ?? 'demo-api-key', ...common })
}

test('the same application code sends, tracks and pays through either provider via SmsGateway alone', async () => {
  const emu = await testEmulator()
  const seen: Record<string, unknown> = {}
  for (const provider of ['dinisoft', 'mimsms'] as const) {
    const gateway = gatewayFor(provider, emu)
    expect(gateway.provider).toBe(provider)
    const messageId = await sendOtp(gateway, '01712345678', '4321')
    expect(await gateway.status(messageId)).toMatchObject({ provider, messageId, final: false })
    emu.clock.advance('5s')
    const delivered = await gateway.status(messageId)
    expect(delivered).toMatchObject({ provider, messageId, status: 'delivered', final: true })
    expect(delivered.at).toBeInstanceOf(Date)
    expect(await gateway.balance()).toMatchObject({ provider, amount: 999 })
    const outcomes = await gateway.sendMany([
      { to: '01812345678', text: 'One' },
      { to: '01912345678', text: 'Two' },
    ])
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true)
    seen[provider] = emu.messages({ provider }).map((message) => [message.to, message.text])
  }
  const expected = [
    ['8801712345678', 'আপনার কোড 4321'],
    ['8801812345678', 'One'],
    ['8801912345678', 'Two'],
  ]
  expect(seen).toEqual({ dinisoft: expected, mimsms: expected })
})

test('a refusal of the credentials is a ProviderError with the neutral reason, whichever the provider', async () => {
  const emu = await testEmulator()
  for (const provider of ['dinisoft', 'mimsms'] as const) {
    const error = await sendOtp(gatewayFor(provider, emu, { secret: 'wrong' }), '01712345678', '1').catch((error: unknown) => error)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).reasons.some((reason) => reason === 'bad-credentials' || reason === 'unknown-account')).toBe(true)
  }
})

test('createGateway gives each provider its own client, and names the providers it knows for a typo', () => {
  expect(createGateway('dinisoft', { baseUrl: 'http://127.0.0.1:7788', apikey: 'a', secretkey: 'b', client: 'c' })).toBeInstanceOf(DiniSoftClient)
  expect(createGateway('mimsms', { baseUrl: 'http://127.0.0.1:7799', api_key: 'k' })).toBeInstanceOf(MimSmsClient)
  expect(() => createGateway('twilio' as 'mimsms', { baseUrl: 'http://x' })).toThrow('Unknown provider "twilio": expected dinisoft or mimsms or mimsms-json.')
})

test('scheduling is offered where the provider has it and refused before any request where it has not', async () => {
  const emu = await testEmulator()
  const later = new Date(emu.clock.now() + 3_600_000)
  for (const provider of ['dinisoft', 'mimsms'] as const) {
    const gateway = gatewayFor(provider, emu)
    const sending = gateway.send({ to: '01712345678', text: 'Later', scheduleAt: later })
    if (gateway.supports.scheduling) await expect(sending).resolves.toMatchObject({ provider })
    else await expect(sending).rejects.toThrow(/no scheduled sending/)
  }
  expect(emu.messages().map((message) => [message.provider, message.scheduledFor])).toEqual([['mimsms', later.getTime()]])
})
