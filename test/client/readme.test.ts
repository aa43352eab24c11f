import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, test, vi } from 'vitest'
import { blocksRunBy } from '../docs/blocks.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The docs' client examples (README.md, docs/client.md), each a TypeScript module as a reader would copy it. */
function clientExamples(): { file: string; text: string }[] {
  return blocksRunBy('clientExample').map(({ file, text }) => ({ file, text }))
}

const scratch = await mkdtemp(path.join(tmpdir(), 'readme-client-'))
afterAll(() => rm(scratch, { recursive: true, force: true }))

/** Runs an example as written, the package name pointing at this checkout's sources; answers what it logged. */
async function run(source: string, name: string): Promise<string[]> {
  const file = path.join(scratch, `${name}.ts`)
  const published = source
    .replaceAll("from 'sms-provider-emulator/client'", `from ${JSON.stringify(path.join(root, 'src/client/index.ts'))}`)
    .replaceAll("from 'sms-provider-emulator'", `from ${JSON.stringify(path.join(root, 'src/index.ts'))}`)
  await writeFile(file, published)
  const logged: string[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(' ')))
  try {
    await import(file)
  } finally {
    spy.mockRestore()
  }
  return logged
}

test('the README and docs/client.md have the three runnable client examples', () => {
  expect(clientExamples().map((example) => example.file)).toEqual(['README.md', 'docs/client.md', 'docs/client.md'])
  expect(clientExamples().every((example) => /from 'sms-provider-emulator(\/client)?'/.test(example.text))).toBe(true)
})

test("the README's send-and-track example runs against the emulator and prints what its comments say", async () => {
  const [example] = clientExamples()
  expect(await run(example?.text ?? '', 'send-and-track')).toEqual(['delivered 1 Delivered', '999'])
})

test('the production configuration example builds both clients from the environment, sending nothing', async () => {
  const [, example] = clientExamples()
  const names = ['DINISOFT_APIKEY', 'DINISOFT_SECRETKEY', 'DINISOFT_CLIENT', 'MIMSMS_API_KEY']
  for (const name of names) vi.stubEnv(name, `doc-${name.toLowerCase()}`)
  const fetchSpy = vi.spyOn(globalThis, 'fetch')
  try {
    expect(await run(example?.text ?? '', 'production')).toEqual([])
    expect(fetchSpy).not.toHaveBeenCalled()
  } finally {
    fetchSpy.mockRestore()
    vi.unstubAllEnvs()
  }
})

test('the error-handling example runs and reports the refusal as its comment says', async () => {
  const [, , example] = clientExamples()
  expect(await run(example?.text ?? '', 'errors')).toEqual(['108 Wrong password / not provided ["bad-credentials"] false'])
})
