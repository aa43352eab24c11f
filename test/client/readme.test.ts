import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, test, vi } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const MARKER = '<!-- client-example: the tests run this block against the emulator -->'

/** The README's client examples, each a TypeScript module as a reader would copy it. */
async function readmeExamples(): Promise<string[]> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8')
  return readme
    .split(MARKER)
    .slice(1)
    .map((part) => /^\s*```ts\n([\s\S]*?)\n```/.exec(part)?.[1] ?? '')
}

const scratch = await mkdtemp(path.join(tmpdir(), 'readme-client-'))
afterAll(() => rm(scratch, { recursive: true, force: true }))

/** Runs an example as written, the package name pointing at this checkout's sources; answers what it logged. */
async function run(source: string, name: string): Promise<string[]> {
  const file = path.join(scratch, `${name}.ts`)
  await writeFile(file, source.replaceAll("from 'sms-provider-emulator'", `from ${JSON.stringify(path.join(root, 'src/index.ts'))}`))
  const logged: string[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(' ')))
  try {
    await import(file)
  } finally {
    spy.mockRestore()
  }
  return logged
}

test('the README has the two runnable client examples', async () => {
  const examples = await readmeExamples()
  expect(examples).toHaveLength(2)
  expect(examples.every((example) => example.includes("from 'sms-provider-emulator'"))).toBe(true)
})

test('the README send-and-track example runs against the emulator and prints what its comments say', async () => {
  const [example] = await readmeExamples()
  expect(await run(example ?? '', 'send-and-track')).toEqual(['delivered 1 Delivered', '999'])
})

test('the README error-handling example runs and reports the refusal as its comment says', async () => {
  const [, example] = await readmeExamples()
  expect(await run(example ?? '', 'errors')).toEqual(['108 Wrong password / not provided ["bad-credentials"] false'])
})
