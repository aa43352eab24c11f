// certify's documentation runs: the README's vitest example is test/examples/certify.test.ts, every
// `npx sms-emulator certify` line of the README section and docs/certify.md runs with the exit code it
// states, and docs/certify.md names every rule and every kind of cell.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { certifyCommand } from '../../src/cli/certify.js'
import { cellsFor, ruleCatalogue } from '../../src/contracts/kit/certify/index.js'
import { providerContracts } from '../../src/contracts/kit/registry.js'
import { violationKindNames } from '../../src/contracts/kit/verify-consumer.js'

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
const start = readme.indexOf('## certify')
const section = readme.slice(start, readme.indexOf('\n## ', start + 5))
const doc = await readFile(new URL('../../docs/certify.md', import.meta.url), 'utf8')

test("the README's vitest example is the one the test suite runs", async () => {
  const example = await readFile(new URL('../examples/certify.test.ts', import.meta.url), 'utf8')
  const published = example.replace("'../../src/client/index.js'", "'sms-provider-emulator/client'").replace("'../../src/vitest.js'", "'sms-provider-emulator/vitest'")
  expect(section).toContain(published)
  expect(section).toContain('(docs/certify.md)')
})

test('docs/certify.md names every rule and every kind of cell', () => {
  for (const rule of ruleCatalogue().filter((rule) => !violationKindNames.includes(rule.id as never))) expect(doc).toContain(`| \`${rule.id}\` |`)
  for (const kind of new Set(Object.values(providerContracts).flatMap((contract) => cellsFor(contract).map((cell) => cell.kind)))) expect(doc).toContain(`kind:${kind}`)
})

test('every certify command of the README and docs/certify.md runs with the exit code it states', async () => {
  const lines = [...section.split('\n'), ...doc.split('\n')].filter((line) => line.startsWith('npx sms-emulator certify '))
  expect(lines.length).toBeGreaterThanOrEqual(4)
  const dir = await mkdtemp(join(tmpdir(), 'certify-docs-'))
  const io = { out: () => {}, err: () => {}, env: process.env, stopped: () => new Promise<string>(() => {}), stdin: async () => '' }
  // One after the other: the baseline example reads the report the line before it wrote.
  for (const line of lines) {
    const [command, comment] = line.split(/\s+#\s+/)
    const expected = Number(/exits (\d)/.exec(comment ?? '')?.[1] ?? 0)
    const args = (command ?? '').trim().split(/\s+/).slice(3)
    const mapped = args.map((arg, i) => (['--json', '--junit', '--html', '--baseline'].includes(args[i - 1] ?? '') ? join(dir, arg.replace(/\//g, '_')) : arg))
    expect(await certifyCommand.run(mapped, io), line).toBe(expected)
  }
}, 60_000)
