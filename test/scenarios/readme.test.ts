import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, test, vi } from 'vitest'
import { MAGIC_BEGIN, MAGIC_END, magicNumbersTable } from '../../scripts/readme-tables.js'
import { curlCommands, parseCurl, runCurl } from '../helpers/curl.js'
import { testEmulator } from '../helpers/emulator.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rootUrl = new URL(`file://${root}/`)
const readme = await readFile(path.join(root, 'README.md'), 'utf8')

test('the README magic-number table is the one the data gives (run `npm run docs` when this fails)', () => {
  const start = readme.indexOf(MAGIC_BEGIN)
  const end = readme.indexOf(MAGIC_END)
  expect(start, 'the README lost its magic-number markers').toBeGreaterThan(-1)
  expect(readme.slice(start + MAGIC_BEGIN.length, end).trim()).toBe(magicNumbersTable())
})

const scratch = await mkdtemp(path.join(tmpdir(), 'readme-scenario-'))
afterAll(() => rm(scratch, { recursive: true, force: true }))

test('the README scenario example runs and prints what its comments say', async () => {
  const marker = '<!-- scenario-example: the tests run this block against the emulator -->'
  const source = /^\s*```ts\n([\s\S]*?)\n```/.exec(readme.split(marker)[1] ?? '')?.[1] ?? ''
  expect(source).toContain("from 'sms-provider-emulator'")
  const expected = [...source.matchAll(/^\/\/ (.+)$/gm)].map((match) => match[1])
  const file = path.join(scratch, 'scenario-example.ts')
  await writeFile(file, source.replaceAll("from 'sms-provider-emulator'", `from ${JSON.stringify(path.join(root, 'src/index.ts'))}`))
  const logged: string[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.join(' ')))
  try {
    await import(file)
  } finally {
    spy.mockRestore()
  }
  expect(logged).toEqual(expected)
})

// The README's curl commands run in test/docs/readme.test.ts; these are the control API reference's.
for (const [name, text] of [['docs/control-api.md', await readFile(path.join(root, 'docs/control-api.md'), 'utf8')]] as const) {
  test(`every curl example of ${name} succeeds against the emulator`, async () => {
    const emu = await testEmulator()
    const commands = curlCommands(text)
    expect(commands.length).toBeGreaterThan(2)
    for (const line of commands) {
      const { status, body } = await runCurl(emu, await parseCurl(line, rootUrl))
      expect(status, `${line}\n${body}`).toBeLessThan(300)
    }
  })
}
