import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { dlrCodes, responseCodes } from '../../src/contracts/mimsms/codes.js'
import { mimsmsOptionsSchema } from '../../src/emulator/providers/mimsms/options.js'

// The MiM panel API's reference, docs/mimsms.md.
const section = readFileSync(new URL('../../docs/mimsms.md', import.meta.url), 'utf8')
const notes = readFileSync(new URL('../../docs/provider-notes.md', import.meta.url), 'utf8')

test('docs/mimsms.md lists every MiM response code with the meaning of the contract table', () => {
  for (const entry of responseCodes) expect(section).toContain(`| ${entry.code} | ${entry.meaning} |`)
})

test('docs/mimsms.md lists every MiM DLR code with the text of the contract table', () => {
  for (const entry of dlrCodes) expect(section).toContain(`| ${entry.code} | ${entry.text} |`)
})

test('docs/mimsms.md and the provider notes document every MiM switch with its default', () => {
  const defaults = mimsmsOptionsSchema.parse({}) as Record<string, unknown>
  for (const [name, value] of Object.entries(defaults)) {
    const row = `| \`${name}\` | \`${JSON.stringify(value)}\` |`
    expect(section).toContain(row)
    expect(notes).toContain(row)
  }
})
