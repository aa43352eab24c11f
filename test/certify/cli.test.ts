// `sms-emulator certify` run in process: its options, summary, reports, baselines and bad usage. The
// reference and naive consumers run in process too (their `main`, as consumers.test.ts runs them); the
// rest are real commands (plain node, no TypeScript loader, or a shell): a program with the real hosts
// written in, one that prints its environment, one that reads the trust files. docs/certify.md's lines
// run the reference and naive consumers as real processes (test/docs/certify-docs.test.ts).
// Each test allows a minute: real processes are slow on a loaded machine, and the grading makes no
// assumption about how long they take. The tests run at once: each writes its own files, and most of
// their time is spent waiting for the cells.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import * as client from '../../src/client/index.js'
import { type ConsumerFor, runCertifyCommand } from '../../src/cli/certify.js'
import { type CertifyReport, commandConsumer, functionConsumer } from '../../src/contracts/kit/certify/index.js'
// @ts-expect-error -- a plain JavaScript fixture
import { main as naive } from '../../fixtures/consumers/naive.mjs'
// @ts-expect-error -- a plain JavaScript fixture
import { main as reference } from '../../fixtures/consumers/reference.mjs'

const REFERENCE = 'fixtures/consumers/reference.mjs'
const NAIVE = 'fixtures/consumers/naive.mjs'
const HARD_CODED = 'fixtures/consumers/hard-coded.mjs'
const CELLS = 'delivered,refused-108,refused-1003,refused-208,send-http-503,send-malformed'
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certify-cli-'))
})

type Main = (env: Readonly<Record<string, string>>, options: object) => Promise<number>
const mains: Readonly<Record<string, Main>> = { [REFERENCE]: reference as Main, [NAIVE]: naive as Main }

/** `node REFERENCE` and `node NAIVE` as functions in this process; any other command as a process. */
const fixturesInProcess: ConsumerFor = (command, [script = '', ...rest], env) => {
  const main = command === 'node' && rest.length === 0 ? mains[script] : undefined
  return main ? functionConsumer(({ env: cellEnv, signal, log }) => main(cellEnv, { client, signal, log })) : commandConsumer(command, [script, ...rest], { env })
}

/** Runs the command in process: its exit code and what it printed. */
async function run(args: string[]): Promise<{ code: number; text: string }> {
  const printed: string[] = []
  const io = { out: (text: string) => printed.push(text), err: (text: string) => printed.push(text), env: process.env, stopped: () => new Promise<string>(() => {}), stdin: async () => '' }
  const code = await runCertifyCommand(args, io, fixturesInProcess)
  return { code, text: printed.join('\n') }
}

test.concurrent('the naive consumer fails, with evidence and a fix', async () => {
  // It polls for ever: each cell lasts the whole --timeout, long enough for its polls on a loaded machine.
  const args = ['--provider', 'mimsms', '--cells', 'delivered,refused-1003,send-malformed', '--timeout', '5s', '--', 'node', NAIVE]
  const { code, text } = await run(args)
  expect(code).toBe(1)
  expect(text).toMatch(/mimsms refused-1003: no-retry-of-final-refusal: the send was tried \d+ times/)
  expect(text).toMatch(/mimsms send-malformed: no-duplicate-sms: the recipient gets \d SMS/)
  expect(text).toMatch(/mimsms delivered: repeated-one-time-read: /)
  expect(text).toContain('  fix: ')
  expect(text).not.toMatch(/certify-(key|secret)-/)
}, 60_000)

// A tunnel and a TLS handshake per request, the certificate made on the first: the heaviest requests here.
test.concurrent('an app with the real host names written in reaches each cell through HTTPS_PROXY, trusting the CA certify gives it', async () => {
  // https://sms.dinisoftbd.com:7790, https://esms.mimsms.com, https://api.mimsms.com: CONNECT through the cell's port, TLS by its CA.
  const json = join(dir, 'hard-coded.json')
  const args = ['--provider', 'dinisoft', '--provider', 'mimsms', '--provider', 'mimsms-json', '--cells', 'delivered', '--timeout', '60s', '--json', json]
  const trusting = await run([...args, '--', 'node', HARD_CODED])
  expect(trusting.code, trusting.text).toBe(0)
  const report = JSON.parse(await readFile(json, 'utf8')) as CertifyReport
  for (const provider of report.providers) {
    expect(provider.score.percent, provider.provider).toBe(100)
    // Graded like any other consumer: it sent once, followed the delivery and reported it.
    expect(provider.cells.find((cell) => cell.id === 'delivered')?.output).toMatch(/^accepted as \w+\ndelivered/)
  }

  // Without the CA, the same program cannot reach the gateway: the trust is what certify's variables give.
  const untrusting = ['--provider', 'mimsms-json', '--cells', 'delivered', '--timeout', '60s', '--env', 'NODE_EXTRA_CA_CERTS={cell}.pem', '--json', json]
  expect((await run([...untrusting, '--', 'node', HARD_CODED])).code).toBe(1)
  const refused = (JSON.parse(await readFile(json, 'utf8')) as CertifyReport).providers[0]?.cells[0]
  expect(refused?.verdicts.find((verdict) => verdict.rule === 'sends-the-sms')?.status).toBe('failed')
  expect(refused?.output).toMatch(/certificate/i)
}, 180_000)

test.concurrent('the reference consumer passes every rule on every provider; the reports say so', async () => {
  const [json, junit, html] = ['reference.json', 'reference.xml', 'reference.html'].map((name) => join(dir, name)) as [string, string, string]
  const args = ['--provider', 'dinisoft', '--provider', 'mimsms', '--provider', 'mimsms-json', '--cells', CELLS, '--timeout', '15s', '--json', json, '--junit', junit, '--html', html, '--', 'node', REFERENCE]
  const { code, text } = await run(args)
  expect(code, text).toBe(0)
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
}, 60_000)

test.concurrent('a baseline of known failures passes the same run and fails a new one', async () => {
  // A consumer that sends nothing and always says it sent: it misreports every refusal. A shell, not
  // node: a command of any kind is certified the same, and six node start-ups are CPU this test does not need.
  const liar = ['sh', '-c', 'echo sent']
  const json = join(dir, 'liar.json')
  const args = ['--provider', 'dinisoft', '--cells', 'refused-108,refused-109', '--timeout', '5s']
  expect((await run([...args, '--json', json, '--', ...liar])).code).toBe(1)
  const baseline = join(dir, 'baseline.json')
  await writeFile(baseline, await readFile(json, 'utf8'))
  const same = await run([...args, '--baseline', baseline, '--', ...liar])
  expect(same.code).toBe(0)
  expect(same.text).toContain('No regression against the baseline.')

  // A baseline without refused-109's failure: that one is a regression.
  const report = JSON.parse(await readFile(json, 'utf8')) as CertifyReport
  const edited = { ...report, providers: report.providers.map((provider) => ({ ...provider, cells: provider.cells.filter((cell) => cell.id !== 'refused-109') })) }
  await writeFile(baseline, JSON.stringify(edited))
  const regressed = await run([...args, '--baseline', baseline, '--', ...liar])
  expect(regressed.code).toBe(1)
  expect(regressed.text).toMatch(/1 regression against the baseline:\n {2}dinisoft refused-109: outcome-reported/)
}, 60_000)

test.concurrent('--env templates and --fail-pattern reach the command and its grading', async () => {
  // A consumer that prints its environment and reports nothing but through its output.
  const script = join(dir, 'print-env.mjs')
  await writeFile(script, "console.log(`OTP_URL=${process.env.OTP_URL} TO=${process.env.SMS_TO} key=${process.env.SMS_API_KEY}`); console.log('sms error')\n")
  const json = join(dir, 'env.json')
  const { code } = await run(['--provider', 'dinisoft', '--cells', 'refused-108', '--env', 'OTP_URL={url}/sendtext?to={to}', '--fail-pattern', 'sms error', '--json', json, '--', 'node', script])
  const report = JSON.parse(await readFile(json, 'utf8')) as CertifyReport
  const cell = report.providers[0]?.cells[0]
  expect(cell?.output).toMatch(/^OTP_URL=http:\/\/127\.0\.0\.1:\d+\/sendtext\?to=8801712345678 TO=8801712345678 key=cert\*{4}\w{3}\n/)
  // It sent nothing, so only the outcome rule applies: the pattern reported the failure.
  expect(cell?.verdicts.find((verdict) => verdict.rule === 'outcome-reported')?.status).toBe('passed')
  expect(code).toBe(0)
}, 60_000)


test.concurrent('the proxy variables and the trust files: loopback kept off the proxy, the CA without its key', async () => {
  const script = join(dir, 'print-proxy.mjs')
  await writeFile(
    script,
    [
      "import { readFileSync } from 'node:fs'",
      'const env = process.env',
      "const count = (file) => (readFileSync(file, 'utf8').match(/BEGIN CERTIFICATE/g) ?? []).length",
      "const keys = (file) => readFileSync(file, 'utf8').includes('PRIVATE KEY')",
      "for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) console.log(`${name}=${env[name]}`)",
      "for (const name of ['SMS_EMULATOR_CA', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'CURL_CA_BUNDLE', 'REQUESTS_CA_BUNDLE']) console.log(`${name} ${count(env[name])} ${keys(env[name])}`)",
      'console.log(`SAME ${env.SMS_EMULATOR_URL === env.HTTPS_PROXY}`)',
    ].join('\n'),
  )
  const json = join(dir, 'proxy.json')
  await run(['--provider', 'mimsms-json', '--cells', 'refused-208', '--json', json, '--', 'node', script])
  const output = (JSON.parse(await readFile(json, 'utf8')) as CertifyReport).providers[0]?.cells[0]?.output ?? ''
  for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) expect(output).toMatch(new RegExp(`^${name}=http://127\\.0\\.0\\.1:\\d+$`, 'm'))
  expect(output).toMatch(/^NO_PROXY=127\.0\.0\.1,localhost,::1$/m)
  expect(output).toMatch(/^no_proxy=127\.0\.0\.1,localhost,::1$/m)
  // The CA alone where a variable adds to the trusted ones; the CA and Node's roots where it replaces them.
  expect(output).toMatch(/^SMS_EMULATOR_CA 1 false$/m)
  expect(output).toMatch(/^NODE_EXTRA_CA_CERTS 1 false$/m)
  for (const name of ['SSL_CERT_FILE', 'CURL_CA_BUNDLE', 'REQUESTS_CA_BUNDLE']) expect(output).toMatch(new RegExp(`^${name} ([1-9]\\d{2,}) false$`, 'm'))
  // The proxy is the cell's own provider port.
  expect(output).toContain('SAME true')
}, 60_000)

test.concurrent('bad usage is refused before any cell runs', async () => {
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
