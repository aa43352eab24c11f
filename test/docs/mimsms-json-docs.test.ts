import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { mimsmsJsonContract } from '../../src/contracts/mimsms-json/endpoints.js'
import { mimsmsJsonOptionsSchema } from '../../src/emulator/providers/mimsms-json/options.js'

const notes = readFileSync(new URL('../../docs/provider-notes.md', import.meta.url), 'utf8')
const section = notes.slice(notes.indexOf('## MiM SMS JSON API'), notes.indexOf('## Both providers'))

test('the provider notes document every JSON API switch with its default, and every endpoint id', () => {
  const defaults = mimsmsJsonOptionsSchema.parse({}) as Record<string, unknown>
  for (const [name, value] of Object.entries(defaults)) expect(section).toContain(`| \`${name}\` | \`${JSON.stringify(value)}\` |`)
  for (const endpoint of mimsmsJsonContract.endpoints) expect(section).toContain(`\`${endpoint.id}\``)
})
