import fc from 'fast-check'
import { expect, test } from 'vitest'
import { GatewayError, MimSmsClient, parseDiniSoftBody, parseDlrXml } from '../../src/index.js'
import { dinisoftClient, mimClient } from '../helpers/clients.js'
import { testEmulator } from '../helpers/emulator.js'

// Texts a user might send: any Unicode, Bangla, and the characters URL and form encoding trip over.
const texts = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'&$@+%=?#/ ;:,.\'"<>\\€[]{}~^|আপনারকোড১২৩৪'), minLength: 1, maxLength: 40 }),
  )
  .filter((text) => text.trim() !== '')

test('any text reaches the MiM emulator exactly as written, with type=unicode exactly when it is not GSM-7', async () => {
  const emu = await testEmulator()
  const client = mimClient(emu)
  await fc.assert(
    fc.asyncProperty(texts, async (text) => {
      emu.reset()
      await client.send({ to: '01712345678', text })
      const [message] = emu.messages()
      expect(message?.text).toBe(text)
      // What the handset shows equals the text: nothing was sent as GSM-7 that GSM-7 cannot carry.
      expect(message?.shownText).toBe(text)
    }),
    { numRuns: 60 },
  )
})

test('any text reaches the DiniSoft emulator exactly as written', async () => {
  const emu = await testEmulator()
  const client = dinisoftClient(emu)
  await fc.assert(
    fc.asyncProperty(texts, async (text) => {
      emu.reset()
      await client.send({ to: '01712345678', text })
      expect(emu.messages()[0]?.text).toBe(text)
    }),
    { numRuns: 60 },
  )
})

test('the body parsers answer a value or undefined for any input, never throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: fc.constantFrom(...'<>/&";dlrmesageDLRStatus{}0123') })), (body) => {
      const dinisoft = parseDiniSoftBody(body)
      if (dinisoft !== undefined) expect(typeof dinisoft.Status).toBe('string')
      const reports = parseDlrXml(body)
      if (reports !== undefined) expect(Array.isArray(reports)).toBe(true)
    }),
    { numRuns: 500 },
  )
})

test('whatever a MiM server answers, the client resolves or rejects with a GatewayError', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 80 }), fc.constantFrom(200, 200, 404, 500), async (body, status) => {
      const client = new MimSmsClient({ baseUrl: 'http://mim.test', api_key: 'key', sender: 'DEMO', fetch: async () => new Response(body, { status }), retry: false })
      for (const call of [() => client.send({ to: '01712345678', text: 'x' }), () => client.balance(), () => client.status('X'), () => client.deliveryReports()]) {
        await call().then(
          () => undefined,
          (error: unknown) => expect(error).toBeInstanceOf(GatewayError),
        )
      }
    }),
    { numRuns: 200 },
  )
})
