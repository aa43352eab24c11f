// docs/persistence.md's examples: its TypeScript block is test/examples/persistence.test.ts, its commands use real options.
import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { envName, startOptions } from '../../src/config.js'

const doc = await readFile(new URL('../../docs/persistence.md', import.meta.url), 'utf8')
const blocks = (language: string) => [...doc.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? '')

test('the in-process example is the one the test suite runs', async () => {
  const example = await readFile(new URL('../examples/persistence.test.ts', import.meta.url), 'utf8')
  expect(blocks('ts')).toContain(example.replace("'../../src/index.js'", "'sms-provider-emulator'"))
})

test('the commands use only flags and environment variables the emulator has', () => {
  const commands = blocks('sh').join('\n')
  const flags = new Set(startOptions.map((spec) => spec.flag))
  const variables = new Set(startOptions.map((spec) => envName(spec.flag)))
  const emulatorArgs = commands.split('\n').map((line) => line.split('sms-emulator start')[1] ?? '')
  for (const [, flag] of emulatorArgs.join(' ').matchAll(/ --([a-z-]+)/g)) expect(flags).toContain(flag)
  for (const [, variable] of commands.matchAll(/(SMS_EMULATOR_[A-Z_]+)=/g)) expect(variables).toContain(variable)
  expect(commands).toContain('-v sms-data:/data -e SMS_EMULATOR_DB=/data/emulator.db')
})
