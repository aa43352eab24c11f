// The kit's commands as CI runs them (in process here; test/cli/smoke.test.ts spawns one): exit codes, reports on disk.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLValidator } from 'fast-xml-parser'
import { expect, test } from 'vitest'
import { cli as runCli } from '../helpers/cli.js'
import { testEmulator } from '../helpers/emulator.js'
import { validateOpenApi } from '../helpers/openapi.js'

const cli = (...args: string[]) => runCli(args)

test(
  'openapi --provider mimsms --out FILE writes a valid OpenAPI 3.1 document',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kit-cli-'))
    const out = join(dir, 'mimsms.json')
    const run = await cli('openapi', '--provider', 'mimsms', '--out', out)
    expect(run.code).toBe(0)
    const document = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>
    expect(await validateOpenApi(document)).toEqual({ valid: true, errors: undefined })
    expect(Object.keys(document.paths as object)).toContain('/miscapi/{apiKey}/getDLRRep/{shootId}')
  },
)

test(
  'verify-provider exits 0 when every check passes, and writes JUnit and JSON',
  async () => {
    const emu = await testEmulator()
    const dir = await mkdtemp(join(tmpdir(), 'kit-cli-'))
    const run = await cli('verify-provider', '--provider', 'dinisoft', '--base-url', emu.urls.dinisoft, '--demo', '--junit', join(dir, 'junit.xml'), '--json', join(dir, 'report.json'))
    expect(run.stdout).toContain(`DiniSoft BD SMS API at ${emu.urls.dinisoft}`)
    expect(run.stdout).toMatch(/14 passed, 0 failed, 3 skipped/)
    expect(run.code).toBe(0)
    expect(XMLValidator.validate(await readFile(join(dir, 'junit.xml'), 'utf8'))).toBe(true)
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))).toMatchObject({ provider: 'dinisoft', ok: true, failed: 0 })
    expect(emu.messages()).toEqual([])
  },
)

test(
  'verify-provider --provider mimsms-json --demo uses the MiM demo account through the JSON API',
  async () => {
    const emu = await testEmulator()
    const run = await cli('verify-provider', '--provider', 'mimsms-json', '--base-url', emu.urls['mimsms-json'], '--demo', '--only', 'jsonBalance')
    expect(run.stdout).toContain('PASS  jsonBalance  jsonBalance answers in the documented form')
    expect(run.stdout).toMatch(/5 passed, 0 failed, 0 skipped/)
    expect(run.code).toBe(0)
  },
)

test(
  'verify-provider exits 1 against a provider that answers a code the endpoint does not document, naming the failed checks',
  async () => {
    const emu = await testEmulator()
    // 1002 (sender not approved) belongs to sending; getBalance never answers it.
    emu.use({ when: { provider: 'mimsms', endpoint: 'getBalance' }, then: { code: '1002' } })
    const run = await cli('verify-provider', '--provider', 'mimsms', '--base-url', emu.urls.mimsms, '--api-key', 'demo-api-key', '--only', 'getBalance')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('  FAIL  getBalance  getBalance answers 1003 for an unknown apiKey')
    expect(run.stdout).toMatch(/0 passed, 2 failed, 0 skipped/)
  },
)

test(
  'verify-consumer exits 1 on a consumer with errors, 0 on a good one, and --fail-on warning counts warnings',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kit-cli-'))
    const junit = join(dir, 'consumer.xml')
    const [bad, good, warningsOnly] = await Promise.all([
      cli('verify-consumer', '--journal', 'fixtures/traffic/dinisoft-bad.jsonl', '--junit', junit),
      cli('verify-consumer', '--journal', 'fixtures/traffic/mimsms-good.jsonl'),
      cli(
        'verify-consumer',
        '--journal',
        'fixtures/traffic/dinisoft-bad.jsonl',
        '--ignore',
        'misspelled-param,text-cut-at-ampersand,invalid-number,missing-param,wrong-encoding,unknown-endpoint,status-after-final',
        '--fail-on',
        'warning',
      ),
    ])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('ERROR   misspelled-param: sendtext has no parameter "callerId"')
    expect(bad.stdout).toContain('12 requests checked: 8 errors, 1 warning')
    expect(XMLValidator.validate(await readFile(junit, 'utf8'))).toBe(true)
    expect(good).toMatchObject({ code: 0, stdout: '11 requests checked: 0 errors, 0 warnings\n' })
    expect(warningsOnly.code).toBe(1)
    expect(warningsOnly.stdout).toContain('12 requests checked: 0 errors, 1 warning')
  },
)

test(
  'verify-consumer --control-url reads a running emulator\'s journal and exits 1 on a misused API',
  async () => {
    const emu = await testEmulator()
    await fetch(`${emu.urls.mimsms}/smsapi?api_key=demo-api-key&type=text&contacts=8801712345678&senderid=DEMO&msg=${encodeURIComponent('আপনার কোড 1234')}`)
    const run = await cli('verify-consumer', '--control-url', emu.urls.control)
    expect(run.stdout).toContain('ERROR   non-gsm-text: msg holds characters GSM-7 cannot carry')
    expect(run.stdout).toContain('1 request checked: 1 error, 0 warnings')
    expect(run.code).toBe(1)
  },
)

test(
  'the kit commands refuse bad usage with exit code 2 and a clear message',
  async () => {
    const [noProvider, sendWithoutTo, badKind] = await Promise.all([
      cli('verify-provider', '--base-url', 'http://127.0.0.1:1'),
      cli('verify-provider', '--provider', 'dinisoft', '--base-url', 'http://127.0.0.1:1', '--allow-send'),
      cli('verify-consumer', '--journal', 'fixtures/traffic/dinisoft-bad.jsonl', '--ignore', 'typo'),
    ])
    expect(noProvider).toMatchObject({ code: 2, stderr: expect.stringContaining('--provider is required: one of dinisoft, mimsms') })
    expect(sendWithoutTo).toMatchObject({ code: 2, stderr: expect.stringContaining('--allow-send needs --to') })
    expect(badKind).toMatchObject({ code: 2, stderr: expect.stringContaining('--ignore knows no kind "typo"') })
  },
)

test('--junit and --json make their folders (reports/... in a fresh checkout), for both verify commands', async () => {
  const emu = await testEmulator()
  const dir = await mkdtemp(join(tmpdir(), 'kit-cli-'))
  const provider = await cli('verify-provider', '--provider', 'mimsms', '--base-url', emu.urls.mimsms, '--demo', '--only', 'getBalance', '--junit', join(dir, 'reports/mimsms.xml'), '--json', join(dir, 'out/json/mimsms.json'))
  expect(provider.code).toBe(0)
  expect(XMLValidator.validate(await readFile(join(dir, 'reports/mimsms.xml'), 'utf8'))).toBe(true)
  expect(JSON.parse(await readFile(join(dir, 'out/json/mimsms.json'), 'utf8'))).toMatchObject({ provider: 'mimsms', ok: true })
  const consumer = await cli('verify-consumer', '--journal', 'fixtures/traffic/mimsms-good.jsonl', '--junit', join(dir, 'reports/consumer/junit.xml'), '--json', join(dir, 'reports/consumer.json'))
  expect(consumer.code).toBe(0)
  expect(XMLValidator.validate(await readFile(join(dir, 'reports/consumer/junit.xml'), 'utf8'))).toBe(true)
  expect(JSON.parse(await readFile(join(dir, 'reports/consumer.json'), 'utf8'))).toMatchObject({ ok: true, errors: 0 })
})

test('a report path that cannot be written is refused (exit 2) before any check sends a request', async () => {
  const emu = await testEmulator()
  const dir = await mkdtemp(join(tmpdir(), 'kit-cli-'))
  await writeFile(join(dir, 'a-file'), '')
  const run = await cli('verify-provider', '--provider', 'dinisoft', '--base-url', emu.urls.dinisoft, '--demo', '--junit', join(dir, 'a-file/junit.xml'))
  expect(run.code).toBe(2)
  expect(run.stderr).toContain(`--junit ${join(dir, 'a-file/junit.xml')}: cannot write to ${join(dir, 'a-file')}`)
  expect(emu.journal()).toEqual([])
})
