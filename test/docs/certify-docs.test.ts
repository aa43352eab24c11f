// certify's documentation runs: docs/certify.md's vitest example is test/examples/certify.test.ts, every
// `npx sms-emulator certify` line of it runs with the exit code it states, and it names every rule and
// every kind of cell.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { certifyCommand } from '../../src/cli/certify.js'
import { cellsFor, ruleCatalogue } from '../../src/contracts/kit/certify/index.js'
import { providerContracts } from '../../src/contracts/kit/registry.js'
import { violationKindNames } from '../../src/contracts/kit/verify-consumer.js'
import { blocksRunBy, commandLines, publishedExample, readDoc } from './blocks.js'

const doc = readDoc('docs/certify.md')

test("docs/certify.md's vitest example is the one the test suite runs, and the README leads there", () => {
  expect(doc).toContain(publishedExample('certify.test.ts'))
  expect(readDoc('README.md')).toContain('(docs/certify.md)')
})

test('docs/certify.md names every rule and every kind of cell', () => {
  for (const rule of ruleCatalogue().filter((rule) => !violationKindNames.includes(rule.id as never))) expect(doc).toContain(`| \`${rule.id}\` |`)
  for (const kind of new Set(Object.values(providerContracts).flatMap((contract) => cellsFor(contract).map((cell) => cell.kind)))) expect(doc).toContain(`kind:${kind}`)
})

test('every certify command of docs/certify.md runs with the exit code it states', async () => {
  const lines = blocksRunBy('certify').flatMap(commandLines)
  expect(lines.length).toBeGreaterThanOrEqual(4)
  const dir = await mkdtemp(join(tmpdir(), 'certify-docs-'))
  const io = { out: () => {}, err: () => {}, env: process.env, stopped: () => new Promise<string>(() => {}), stdin: async () => '' }
  // At once, but a line that reads a --baseline waits for the line before it that wrote that report.
  const written = new Map<string, Promise<unknown>>()
  const runs = lines.map((line) => {
    const [command, comment] = line.split(/\s+#\s+/)
    const expected = Number(/exits (\d)/.exec(comment ?? '')?.[1] ?? 0)
    const args = (command ?? '').trim().split(/\s+/).slice(3)
    const mapped = args.map((arg, i) => (['--json', '--junit', '--html', '--baseline'].includes(args[i - 1] ?? '') ? join(dir, arg.replace(/\//g, '_')) : arg))
    const after = mapped.includes('--baseline') ? written.get(mapped[mapped.indexOf('--baseline') + 1] ?? '') : undefined
    const code = (async () => {
      await after
      return certifyCommand.run(mapped, io)
    })()
    if (mapped.includes('--json')) written.set(mapped[mapped.indexOf('--json') + 1] ?? '', code.catch(() => {}))
    return { line, expected, code }
  })
  for (const { line, expected, code } of runs) expect(await code, line).toBe(expected)
}, 60_000)
