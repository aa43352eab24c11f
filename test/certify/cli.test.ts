// `sms-emulator certify` with the fixture consumers as real commands (plain node, no TypeScript loader):
// a few cells per provider, in parallel, short timeouts; the reports it writes; baselines; bad usage.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { certifyCommand } from '../../src/cli/certify.js'
import type { CertifyReport } from '../../src/contracts/kit/certify/index.js'

const REFERENCE = 'fixtures/consumers/reference.mjs'
const NAIVE = 'fixtures/consumers/naive.mjs'
const CELLS = 'delivered,refused-108,refused-1003,refused-208,send-http-503,send-malformed'
let dir: string
let printed: string[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certify-cli-'))
})

/** Runs the command in process (the consumers it starts are real processes), its output in `printed`. */
async function run(args: string[]): Promise<number> {
  printed = []
  const io = { out: (text: string) => printed.push(text), err: (text: string) => printed.push(text), env: process.env, stopped: () => new Promise<string>(() => {}), stdin: async () => '' }
  return certifyCommand.run(args, io)
}

test('the reference consumer passes every rule on both providers; the reports say so', async () => {
  const [json, junit, html] = ['reference.json', 'reference.xml', 'reference.html'].map((name) => join(dir, name)) as [string, string, string]
  const args = ['--provider', 'dinisoft', '--provider', 'mimsms', '--provider', 'mimsms-json', '--cells', CELLS, '--timeout', '15s', '--json', json, '--junit', junit, '--html', html, '--', 'node', REFERENCE]
  expect(await run(args)).toBe(0)
  const text = printed.join('\n')
  expect(text).toMatch(/certify dinisoft \(DiniSoft BD SMS API\): 4 cells, (\d+)\/\1 rules passed \(100%\)/)
  expect(text).toMatch(/certify mimsms \(MiM SMS API\): 4 cells, (\d+)\/\1 rules passed \(100%\)/)
  expect(text).toMatch(/certify mimsms-json \(.*\): 4 cells, (\d+)\/\1 rules passed \(100%\)/)
  const report = JSON.parse(await readFile(json, 'utf8')) as CertifyReport
  expect(report.ok).toBe(true)
  expect(report.consumer).toEqual(['node', REFERENCE])
  expect(report.providers.map((provider) => provider.cells.map((cell) => cell.id))).toEqual([
    ['delivered', 'refused-108', 'send-http-503', 'send-malformed'],
    ['delivered', 'refused-1003', 'send-http-503', 'send-malformed'],
    ['delivered', 'refused-208', 'send-http-503', 'send-malformed'],
  ])
  const xml = await readFile(junit, 'utf8')
  expect(xml).toContain('<testsuite name="certify dinisoft" tests="4" failures="0"')
  expect(await readFile(html, 'utf8')).toContain('<strong>')
})

test('the naive consumer fails, with evidence and a fix', async () => {
  const args = ['--provider', 'mimsms', '--cells', 'delivered,refused-1003,send-malformed', '--timeout', '3s', '--', 'node', NAIVE]
  expect(await run(args)).toBe(1)
  const text = printed.join('\n')
  expect(text).toMatch(/mimsms refused-1003: no-retry-of-final-refusal: the send was tried \d+ times/)
  expect(text).toMatch(/mimsms send-malformed: no-duplicate-sms: the recipient gets \d SMS/)
  expect(text).toMatch(/mimsms delivered: repeated-one-time-read: /)
  expect(text).toContain('  fix: ')
  expect(text).not.toMatch(/certify-(key|secret)-/)
})

test('a baseline of known failures passes the same run and fails a new one', async () => {
  // A consumer that sends nothing and always says it sent: it misreports every refusal.
  const script = join(dir, 'liar.mjs')
  await writeFile(script, "console.log('sent')\n")
  const json = join(dir, 'liar.json')
  const args = ['--provider', 'dinisoft', '--cells', 'refused-108,refused-109', '--timeout', '5s']
  expect(await run([...args, '--json', json, '--', 'node', script])).toBe(1)
  const baseline = join(dir, 'baseline.json')
  await writeFile(baseline, await readFile(json, 'utf8'))
  expect(await run([...args, '--baseline', baseline, '--', 'node', script])).toBe(0)
  expect(printed.join('\n')).toContain('No regression against the baseline.')

  // A baseline without refused-109's failure: that one is a regression.
  const report = JSON.parse(await readFile(json, 'utf8')) as CertifyReport
  const edited = { ...report, providers: report.providers.map((provider) => ({ ...provider, cells: provider.cells.filter((cell) => cell.id !== 'refused-109') })) }
  await writeFile(baseline, JSON.stringify(edited))
  expect(await run([...args, '--baseline', baseline, '--', 'node', script])).toBe(1)
  expect(printed.join('\n')).toMatch(/1 regression against the baseline:\n {2}dinisoft refused-109: outcome-reported/)
})

test('--env templates and --fail-pattern reach the command and its grading', async () => {
  // A consumer that prints its environment and reports nothing but through its output.
  const script = join(dir, 'print-env.mjs')
  await writeFile(script, "console.log(`OTP_URL=${process.env.OTP_URL} TO=${process.env.SMS_TO} key=${process.env.SMS_API_KEY}`); console.log('sms error')\n")
  const json = join(dir, 'env.json')
  const code = await run(['--provider', 'dinisoft', '--cells', 'refused-108', '--env', 'OTP_URL={url}/sendtext?to={to}', '--fail-pattern', 'sms error', '--json', json, '--', 'node', script])
  const report = JSON.parse(await readFile(json, 'utf8')) as CertifyReport
  const cell = report.providers[0]?.cells[0]
  expect(cell?.output).toMatch(/^OTP_URL=http:\/\/127\.0\.0\.1:\d+\/sendtext\?to=8801712345678 TO=8801712345678 key=cert\*{4}\w{3}\n/)
  // It sent nothing, so only the outcome rule applies: the pattern reported the failure.
  expect(cell?.verdicts.find((verdict) => verdict.rule === 'outcome-reported')?.status).toBe('passed')
  expect(code).toBe(0)
})

test('bad usage is refused before any cell runs', async () => {
  await expect(run(['--provider', 'dinisoft'])).rejects.toThrow(/after --/)
  await expect(run(['--provider', 'nope', '--', 'node', NAIVE])).rejects.toThrow(/no such provider/)
  await expect(run(['--cells', 'no-such-cell', '--', 'node', NAIVE])).rejects.toThrow(/no cell matches "no-such-cell"/)
  await expect(run(['--env', 'X={nope}', '--', 'node', NAIVE])).rejects.toThrow(/unknown placeholder \{nope\}/)
  await expect(run(['--timeout', 'soon', '--', 'node', NAIVE])).rejects.toThrow(/--timeout must be a duration/)
  await expect(run(['--fail-pattern', '(', '--', 'node', NAIVE])).rejects.toThrow(/not a valid regular expression/)
  await expect(run(['--baseline', join(dir, 'missing.json'), '--', 'node', NAIVE])).rejects.toThrow(/Failed to read the baseline/)
  // A report that could not be written fails before any cell runs, not after all of them.
  const underAFile = join(dir, 'a-file', 'report.xml')
  await writeFile(join(dir, 'a-file'), '')
  await expect(run(['--junit', underAFile, '--', 'node', NAIVE])).rejects.toThrow(/--junit .*a-file\/report.xml: cannot write/)
})
