import { expect, test } from 'vitest'
import { statusCodes, submitCodes } from '../../src/contracts/dinisoft/codes.js'
import { deliveryEntryFor, entryForReason, entryForStatus } from '../../src/contracts/lookup.js'
import { dlrCodes, responseCodes } from '../../src/contracts/mimsms/codes.js'
import { deliveryReasonNames } from '../../src/contracts/reasons.js'
import { magicNumbers } from '../../src/emulator/core/magic-numbers.js'
import { DINISOFT_DEMO, testEmulator } from '../helpers/emulator.js'
import { call, get, MIMSMS_DEMO, shootIdOf } from '../helpers/mimsms.js'
import { getStatus } from '../helpers/send.js'

// What the server does after the client gave up shows within a second on an idle machine; more on a loaded one.
const LOADED = { timeout: 10_000 }

const dinisoftUrl = (base: string, to: string) =>
  `${base}/sendtext?${new URLSearchParams({ ...DINISOFT_DEMO, callerID: 'DEMO', toUser: to, messageContent: 'magic' })}`
const mimParams = (to: string) => ({ ...MIMSMS_DEMO, type: 'text', contacts: to, msg: 'magic' })

test('every delivery failure reason has a magic number, and no number is listed twice', () => {
  const outcomes = magicNumbers.flatMap(({ effect }) => (effect.kind === 'delivery' ? [effect.outcome] : []))
  expect(new Set(outcomes)).toEqual(new Set(deliveryReasonNames))
  expect(new Set(magicNumbers.map((magic) => magic.number)).size).toBe(magicNumbers.length)
})

for (const { number, summary, effect } of magicNumbers) {
  test(`magic number ${number}: ${summary}`, async () => {
    const emu = await testEmulator()
    switch (effect.kind) {
      case 'delivery': {
        const dinisoft = JSON.parse(await (await fetch(dinisoftUrl(emu.urls.dinisoft, `0${number.slice(3)}`))).text()).Message_ID
        const mim = shootIdOf((await call(emu.urls.mimsms, '/smsapi', mimParams(number))).text)
        if (effect.finalAfter === '0s') expect(emu.messages().map((m) => m.status.status)).toEqual(['delivered', 'delivered'])
        emu.clock.advance('11m')
        const status = entryForStatus(statusCodes, effect.outcome === 'delivered' ? 'delivered' : 'failed')
        expect((await getStatus(emu, dinisoft)).Status).toBe(status?.code)
        const dlr = deliveryEntryFor(dlrCodes, { reason: effect.outcome })
        expect((await get(emu.urls.mimsms, `/miscapi/demo-api-key/getDLRRep/${mim}`)).text).toContain(`<DLRStatus>${dlr?.code}</DLRStatus>`)
        expect(emu.messages().map((m) => m.status.reason)).toEqual([effect.outcome, effect.outcome])
        return
      }
      case 'stuck': {
        const id = JSON.parse(await (await fetch(dinisoftUrl(emu.urls.dinisoft, number))).text()).Message_ID
        emu.clock.advance('30d')
        expect((await getStatus(emu, id)).Status).toBe(entryForStatus(statusCodes, effect.status)?.code)
        return
      }
      case 'reject':
        expect(JSON.parse(await (await fetch(dinisoftUrl(emu.urls.dinisoft, number))).text()).Status).toBe(entryForReason(submitCodes, effect.reason)?.code)
        expect((await call(emu.urls.mimsms, '/smsapi', mimParams(number))).text).toBe(entryForReason(responseCodes, effect.reason)?.code)
        expect(emu.messages()).toHaveLength(0)
        return
      case 'latency':
        // Slow enough that a client with a short timeout gives up; the rule tests show a late answer arrives.
        await expect(fetch(dinisoftUrl(emu.urls.dinisoft, number), { signal: AbortSignal.timeout(250) })).rejects.toMatchObject({ name: 'TimeoutError' })
        // As with a real gateway, a client giving up does not take the request back: the SMS still goes.
        await expect.poll(() => emu.messages().length, LOADED).toBe(1)
        return
      case 'fault': {
        const outcome = await fetch(dinisoftUrl(emu.urls.dinisoft, number), { signal: AbortSignal.timeout(250) }).then(
          async (res) => ({ status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') }),
          (error: Error) => ({ error: error.name }),
        )
        const expected = {
          'http-500': { status: 500 },
          'http-502': { status: 502 },
          'http-503': { status: 503 },
          'rate-limit': { status: 429, retryAfter: '1' },
          malformed: { status: 200 },
          drop: { error: 'TypeError' },
          hang: { error: 'TimeoutError' },
        }[effect.fault]
        expect(outcome).toMatchObject(expected)
        if (effect.fault === 'malformed') expect(() => JSON.parse((outcome as { body: string }).body)).toThrow()
        await expect.poll(() => emu.journal()[0]?.rule ?? '', LOADED).toContain(`magic number ${number}`)
        return
      }
    }
  })
}
