// The reference consumer through every DiniSoft and MiM JSON cell with the vitest helper (MiM's are
// docs/certify.md's vitest example's); the naive consumer through the cells that show its mistakes, each failing for its reason.
import { Worker } from 'node:worker_threads'
import { beforeAll, describe, expect, test } from 'vitest'
import { certifyConsumer } from '../../src/vitest.js'
import * as client from '../../src/client/index.js'
import { type CellResult, summarise } from '../../src/contracts/kit/certify/index.js'
// @ts-expect-error -- a plain JavaScript fixture
import { main as reference } from '../../fixtures/consumers/reference.mjs'

type Main = (env: Readonly<Record<string, string>>, options: object) => Promise<number>

const providers = ['dinisoft', 'mimsms', 'mimsms-json'] as const
/** The cells that show each mistake of the naive consumer (all cells would show the same mistakes again). */
const NAIVE_CELLS = ['delivered', 'refused-108', 'refused-1002', 'refused-208', 'balance-exhausted', 'send-http-503', 'send-rate-limit', 'send-malformed', 'send-hang', 'ghost-accept', 'pending-forever']
/** Its loops never end by themselves: each cell lasts this long, room for its six sends and its polls on a loaded machine. */
const NAIVE_TIMEOUT_MS = 6000
let naiveResults: Promise<CellResult[][]> | undefined
/**
 * The naive consumer's run, in a worker thread of its own (./naive-worker.mjs): started by the naive
 * suites' beforeAll, beside the reference consumer's suites (which start theirs in theirs).
 */
const naiveStart = () =>
  (naiveResults ??= new Promise<CellResult[][]>((resolve, reject) => {
    const workerData = { providers, timeoutMs: NAIVE_TIMEOUT_MS, minPollIntervalMs: 1000, parallel: 64, cells: NAIVE_CELLS }
    const worker = new Worker(new URL('./naive-worker.mjs', import.meta.url), { workerData })
    worker.once('message', (results: CellResult[][]) => {
      resolve(results)
      // Whatever the consumers left pending (a fetch without a timeout) ends with the thread.
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the naive consumer's worker exited with ${code} before it reported`)))
  }))
const naiveRun = async (provider: string) => (await naiveStart())[providers.indexOf(provider as (typeof providers)[number])]

// The suites of this file are concurrent and start their runs in beforeAll: the reference consumer's
// two in this thread, the naive consumer's in its worker, so the file takes about as long as its slowest cell.
for (const provider of ['dinisoft', 'mimsms-json']) {
  certifyConsumer({ provider, title: `the reference consumer, certified for ${provider}`, run: ({ env, signal, log }) => (reference as Main)(env, { client, signal, log }) })
}

function verdict(results: readonly CellResult[], cell: string, rule: string) {
  const result = results.find((candidate) => candidate.id === cell)
  const found = result?.verdicts.find((candidate) => candidate.rule === rule)
  expect(found, `${cell} ${rule}`).toBeDefined()
  return { ...found, message: found?.message ?? `${found?.status}; the cell: ${JSON.stringify({ ...result, verdicts: result?.verdicts.filter((one) => one.status === 'failed') })}` }
}

describe.concurrent.each(providers)('%s', (provider) => {
  beforeAll(() => {
    naiveStart().catch(() => {})
  })
  test('the naive consumer fails the rules it breaks, each for the right reason', async () => {
    const results = (await naiveRun(provider)) ?? []
    // The refusals of the other providers are no cells of this one.
    expect(results.length).toBe(NAIVE_CELLS.length - 2)
    // DiniSoft's status is handed out once, MiM's getDLR too; the JSON API's DlrApi answers as often as asked.
    const oneShotRule = { dinisoft: 'status-after-final', mimsms: 'repeated-one-time-read', 'mimsms-json': undefined }[provider]
    // Polls for ever: never stops at the final status, reads it again, too fast.
    expect(verdict(results, 'delivered', 'polling-stops')?.message).toMatch(/read again after its final answer/)
    if (oneShotRule) expect(verdict(results, 'delivered', oneShotRule)?.status).toBe('failed')
    else for (const rule of ['status-after-final', 'repeated-one-time-read']) expect(verdict(results, 'delivered', rule)?.status).not.toBe('failed')
    expect(verdict(results, 'delivered', 'polling-too-fast')?.status).toBe('failed')
    expect(verdict(results, 'pending-forever', 'polling-stops')?.message).toMatch(/still polling/)
    // Retries a refusal that cannot succeed, and reports it as sent.
    const refusal = { dinisoft: 'refused-108', mimsms: 'refused-1002', 'mimsms-json': 'refused-208' }[provider]
    expect(verdict(results, refusal, 'no-retry-of-final-refusal')?.message).toMatch(/tried \d+ times/)
    expect(verdict(results, refusal, 'outcome-reported')?.message).toMatch(/reported success/)
    expect(verdict(results, 'balance-exhausted', 'no-retry-of-final-refusal')?.status).toBe('failed')
    // Retries an error page at once, without bound or back-off.
    expect(verdict(results, 'send-http-503', 'bounded-retries')?.message).toMatch(/6 attempts|apart on average: retries without back-off/)
    expect(verdict(results, 'send-rate-limit', 'retry-after-honoured')?.message).toMatch(/after a 429 that said Retry-After: 2/)
    // Resends after a cut answer: the SMS went out twice.
    expect(verdict(results, 'send-malformed', 'no-duplicate-sms')?.message).toMatch(/gets 2 SMS|gets \d+ SMS/)
    // No timeout: the hung send and the ghost accept hold it until the cell's time runs out.
    expect(verdict(results, 'send-hang', 'client-timeout')?.status).toBe('failed')
    expect(verdict(results, 'ghost-accept', 'client-timeout')?.status).toBe('failed')
    // What it does right stays right: a delivered SMS is one SMS, its parameters are the manual's.
    expect(verdict(results, 'delivered', 'no-duplicate-sms')?.status).toBe('passed')
    expect(verdict(results, 'delivered', 'sends-the-sms')?.status).toBe('passed')
    expect(verdict(results, 'delivered', 'misspelled-param')?.status).toBe('passed')
    // Evidence names the requests, never the credentials.
    const evidence = results.flatMap((cell) => cell.verdicts.flatMap((one) => one.evidence ?? []))
    expect(evidence.length).toBeGreaterThan(0)
    expect(evidence.join('\n')).not.toMatch(/certify-(key|secret)-/)
    expect(evidence.join('\n')).toMatch(/cert\*{4}\w{3}/)
    expect(summarise(provider, results).score.percent).toBeLessThan(70)
  }, 60_000)
})
