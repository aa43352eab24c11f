// The README's contract-kit section runs: its vitest example is test/examples/contract-kit.test.ts, and
// each local `npx sms-emulator` command of the section runs against an emulator with the exit code it says.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { violationKindNames, violationKinds } from '../../src/contracts/kit/verify-consumer.js'
import { cli } from '../helpers/cli.js'
import { testEmulator } from '../helpers/emulator.js'

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
const section = readme.slice(readme.indexOf('## Contract-test kit'), readme.indexOf('\n## ', readme.indexOf('## Contract-test kit') + 5))

test('the README\'s vitest example is the one the test suite runs', async () => {
  const example = await readFile(new URL('../examples/contract-kit.test.ts', import.meta.url), 'utf8')
  const published = example.replace("'../../src/index.js'", "'sms-provider-emulator'").replace("'../../src/contracts/kit/vitest.js'", "'sms-provider-emulator/vitest'")
  expect(section).toContain(published)
})

test('every kind of consumer violation is in the README\'s table with its severity', () => {
  for (const kind of violationKindNames) expect(section).toContain(`| \`${kind}\` | ${violationKinds[kind].severity} |`)
})

test('every local sms-emulator command of the section runs with the exit code it states', async () => {
  const lines = section
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.startsWith('npx sms-emulator '))
  const local = lines.filter((line) => !/--(base|control)-url https?:\/\/(?!127\.0\.0\.1)/.test(line))
  expect(local.length).toBeGreaterThanOrEqual(5)
  expect(lines.length - local.length).toBe(1)
  const emu = await testEmulator()
  const ports: Record<string, string> = { '7788': emu.urls.dinisoft, '7799': emu.urls.mimsms, '7780': emu.urls.control }
  const dir = await mkdtemp(join(tmpdir(), 'kit-readme-'))
  for (const line of local) {
    const [command, comment] = line.split(/\s+#\s+/)
    const expected = Number(/exits (\d)/.exec(comment ?? '')?.[1] ?? 0)
    const [, , ...args] = (command ?? '').trim().split(/\s+/)
    const mapped = args.map((arg, i) => {
      if (['--out', '--junit', '--json'].includes(args[i - 1] ?? '')) return join(dir, arg.replace(/\//g, '_'))
      return arg.replace(/http:\/\/127\.0\.0\.1:(\d+)/, (whole, port: string) => ports[port] ?? whole)
    })
    // Each command stands alone: verify-provider's deliberate mistakes must not show in the next one's journal.
    emu.reset()
    const run = await cli(mapped)
    expect(run.code, `${line}\n${run.stdout}${run.stderr}`).toBe(expected)
  }
})
