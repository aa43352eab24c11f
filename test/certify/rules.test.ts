// Each certify rule has a consumer that passes it and one that fails it: fixtures/consumers/flawed.mjs
// with no flaw, then with the one flaw that breaks the rule, in the cell that shows it.
import { describe, expect, test } from 'vitest'
import { startCellEmulator } from '../../src/certify.js'
import { type CellResult, certifyRules, functionConsumer, runCertification } from '../../src/contracts/kit/certify/index.js'
// @ts-expect-error -- a plain JavaScript fixture
import { flaws, main } from '../../fixtures/consumers/flawed.mjs'

type Main = (env: Readonly<Record<string, string>>, options: object) => Promise<number>
const flawOf = flaws as Readonly<Record<string, string>>

/** The cell that shows each flaw, per provider. */
const cases = [
  { flaw: 'resend', provider: 'dinisoft', cell: 'send-malformed', message: /gets 2 SMS/ },
  { flaw: 'retry-refusal', provider: 'mimsms', cell: 'refused-1002', message: /tried 2 times/ },
  { flaw: 'ignore-retry-after', provider: 'dinisoft', cell: 'send-rate-limit', message: /Retry-After: 2/ },
  { flaw: 'retry-storm', provider: 'mimsms', cell: 'send-http-502', message: /7 attempts/ },
  { flaw: 'no-timeout', provider: 'dinisoft', cell: 'send-hang', message: /still waiting/ },
  { flaw: 'poll-after-final', provider: 'mimsms', cell: 'delivered', message: /read again after its final answer/ },
  { flaw: 'poll-fast', provider: 'mimsms', cell: 'pending-forever', message: /ms after the previous read/ },
  { flaw: 'report-sent', provider: 'dinisoft', cell: 'refused-109', message: /reported success/ },
  { flaw: 'no-send', provider: 'mimsms', cell: 'delivered', message: /never called the send endpoint/ },
  { flaw: 'misspell', provider: 'dinisoft', cell: 'delivered', message: /callerId/ },
  { flaw: 'raw-ampersand', provider: 'mimsms', cell: 'delivered', message: /cut at an unencoded "&"/ },
  // MiM's JSON API: every flaw but the raw "&", which a JSON body cannot be cut at.
  { flaw: 'resend', provider: 'mimsms-json', cell: 'send-malformed', message: /gets 2 SMS/ },
  { flaw: 'retry-refusal', provider: 'mimsms-json', cell: 'refused-208', message: /tried 2 times/ },
  { flaw: 'ignore-retry-after', provider: 'mimsms-json', cell: 'send-rate-limit', message: /Retry-After: 2/ },
  { flaw: 'retry-storm', provider: 'mimsms-json', cell: 'send-http-500', message: /7 attempts/ },
  { flaw: 'no-timeout', provider: 'mimsms-json', cell: 'send-hang', message: /still waiting/ },
  { flaw: 'poll-after-final', provider: 'mimsms-json', cell: 'delivered', message: /read again after its final answer/ },
  { flaw: 'poll-fast', provider: 'mimsms-json', cell: 'pending-forever', message: /ms after the previous read/ },
  { flaw: 'report-sent', provider: 'mimsms-json', cell: 'refused-216', message: /reported success/ },
  { flaw: 'no-send', provider: 'mimsms-json', cell: 'delivered', message: /never called the send endpoint/ },
  { flaw: 'misspell', provider: 'mimsms-json', cell: 'delivered', message: /SenderNme/ },
] as const

function runWith(flaw: string, provider: string, cell: string): Promise<CellResult[]> {
  const consumer = functionConsumer(({ env, log }) => (main as Main)(env, { flaw, log }))
  // Each cell ends by itself but the one without a timeout, stopped once the careful one (3 s) has given up.
  return runCertification({ provider, cells: [cell], consumer, startEmulator: startCellEmulator, timeoutMs: flaw === 'no-timeout' ? 4000 : 10_000 })
}

// Every pair started with the file, all at once: the runs begun together share one CA, and certify holds
// their consumers until every cell's emulator has started, so the consumers do not stall one another's
// timers. The flaws act at once (no short waits a loaded machine could stretch); each test awaits its pair.
const runs = cases.map((one) => ({ ...one, careful: runWith('none', one.provider, one.cell), flawed: runWith(one.flaw, one.provider, one.cell) }))

test('every certify rule and flaw is covered here', () => {
  const covered = new Set(cases.map((one) => flawOf[one.flaw]))
  for (const rule of certifyRules) expect(covered, rule.id).toContain(rule.id)
  expect(Object.keys(flawOf).sort()).toEqual([...new Set(cases.map((one) => one.flaw))].sort())
  for (const provider of ['dinisoft', 'mimsms']) expect(cases.filter((one) => one.provider === provider).length, provider).toBeGreaterThan(0)
  const json = cases.filter((one) => one.provider === 'mimsms-json').map((one) => one.flaw)
  expect(json.sort()).toEqual(Object.keys(flawOf).filter((flaw) => flaw !== 'raw-ampersand').sort())
})

describe.each(runs)('$flaw in $provider $cell', ({ flaw, careful, flawed, message }) => {
  const rule = flawOf[flaw] ?? ''
  test(`without the flaw, ${rule} passes; with it, it fails for that reason`, async () => {
    const [good] = await careful
    const [bad] = await flawed
    expect(good?.verdicts.filter((verdict) => verdict.status === 'failed'), good?.output).toEqual([])
    expect(good?.verdicts.find((verdict) => verdict.rule === rule)?.status).toBe('passed')
    const verdict = bad?.verdicts.find((one) => one.rule === rule)
    expect(verdict?.status, JSON.stringify(bad)).toBe('failed')
    expect(verdict?.message).toMatch(message)
    expect(verdict?.evidence?.length).toBeGreaterThan(0)
    expect(verdict?.fix).toBeTruthy()
  }, 60_000)
})
