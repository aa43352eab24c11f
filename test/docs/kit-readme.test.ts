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

test('every local sms-emulator command of the section runs, in order against one emulator, with the exit code it states', async () => {
  const lines = section
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.startsWith('npx sms-emulator ') || line.startsWith('curl -X DELETE '))
  const local = lines.filter((line) => !/--(base|control)-url https?:\/\/(?!127\.0\.0\.1)/.test(line))
  expect(local.filter((line) => line.startsWith('npx ')).length).toBeGreaterThanOrEqual(5)
  expect(lines.length - local.length).toBe(1)
  const emu = await testEmulator()
  const ports: Record<string, string> = { '7788': emu.urls.dinisoft, '7799': emu.urls.mimsms, '7780': emu.urls.control }
  const local127 = (text: string) => text.replace(/http:\/\/127\.0\.0\.1:(\d+)/, (whole, port: string) => ports[port] ?? whole)
  const dir = await mkdtemp(join(tmpdir(), 'kit-readme-'))
  // No reset between commands: a reader runs them one after another against one emulator, so the
  // section must empty the journal (its curl line) before verify-consumer reads it.
  for (const line of local) {
    if (line.startsWith('curl ')) {
      expect((await fetch(local127(line.split(/\s+/)[3] ?? ''), { method: 'DELETE' })).status, line).toBeLessThan(300)
      continue
    }
    const [command, comment] = line.split(/\s+#\s+/)
    const expected = Number(/exits (\d)/.exec(comment ?? '')?.[1] ?? 0)
    const [, , ...args] = (command ?? '').trim().split(/\s+/)
    const mapped = args.map((arg, i) => (['--out', '--junit', '--json'].includes(args[i - 1] ?? '') ? join(dir, arg) : local127(arg)))
    const run = await cli(mapped)
    expect(run.code, `${line}\n${run.stdout}${run.stderr}`).toBe(expected)
  }
})
