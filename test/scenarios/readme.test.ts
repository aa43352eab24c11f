// docs/scenarios.md's in-process example runs and prints what its comments say; every curl example of
// docs/control-api.md succeeds against an emulator. (Its generated tables: test/docs/generated.test.ts;
// its curl blocks: test/docs/readme.test.ts.)
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, test, vi } from 'vitest'
import { blocksRunBy } from '../docs/blocks.js'
import { curlCommands, parseCurl, runCurl } from '../helpers/curl.js'
import { testEmulator } from '../helpers/emulator.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rootUrl = new URL(`file://${root}/`)

const scratch = await mkdtemp(path.join(tmpdir(), 'readme-scenario-'))
afterAll(() => rm(scratch, { recursive: true, force: true }))

test('the scenario example runs and prints what its comments say', async () => {
  const examples = blocksRunBy('scenarioExample')
  expect(examples.map((block) => block.file)).toEqual(['docs/scenarios.md'])
  const source = examples[0]?.text ?? ''
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

test('every curl example of docs/control-api.md succeeds against the emulator', async () => {
  const emu = await testEmulator()
  const commands = blocksRunBy('controlApiCurl').flatMap((block) => curlCommands(`\`\`\`sh\n${block.text}\n\`\`\``))
  expect(commands.length).toBeGreaterThan(2)
  for (const line of commands) {
    const { status, body } = await runCurl(emu, await parseCurl(line, rootUrl))
    expect(status, `${line}\n${body}`).toBeLessThan(300)
  }
})
