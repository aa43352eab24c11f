import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { dlrCodes, responseCodes } from '../../src/contracts/mimsms/codes.js'
import { mimsmsOptionsSchema } from '../../src/emulator/providers/mimsms/options.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const section = readme.slice(readme.indexOf('## MiM SMS'), readme.indexOf('\n## ', readme.indexOf('## MiM SMS') + 1))
const notes = readFileSync(new URL('../../docs/provider-notes.md', import.meta.url), 'utf8')

test('the README lists every MiM response code with the meaning of the contract table', () => {
  for (const entry of responseCodes) expect(section).toContain(`| ${entry.code} | ${entry.meaning} |`)
})

test('the README lists every MiM DLR code with the text of the contract table', () => {
  for (const entry of dlrCodes) expect(section).toContain(`| ${entry.code} | ${entry.text} |`)
})

test('the README and the provider notes document every MiM switch with its default', () => {
  const defaults = mimsmsOptionsSchema.parse({}) as Record<string, unknown>
  for (const [name, value] of Object.entries(defaults)) {
    const row = `| \`${name}\` | \`${JSON.stringify(value)}\` |`
    expect(section).toContain(row)
    expect(notes).toContain(row)
  }
})
