import { readdir, readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { loadOptionsSchemas } from '../../src/emulator/core/provider-facts.js'
import { parseScenario } from '../../src/emulator/core/scenario.js'
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from '../../src/emulator/scenario-json-schema.js'
import { providers } from '../../src/emulator/server.js'

// Scenarios are validated against the providers' option schemas, which load on demand.
await loadOptionsSchemas(providers)

const root = new URL('../../', import.meta.url)

test('the published JSON Schema is the one the zod schema generates (run `npm run docs` when this fails)', async () => {
  const committed = await readFile(new URL(SCENARIO_SCHEMA_FILE, root), 'utf8')
  expect(committed, 'schema/scenario.schema.json is stale: run `npm run docs` and commit it').toBe(scenarioJsonSchemaText())
})

test('the package publishes the schema folder and exports the schema file', async () => {
  const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'))
  expect(pkg.files).toContain('schema')
  expect(pkg.exports['./schema/scenario.schema.json']).toBe('./schema/scenario.schema.json')
})

test('the JSON Schema offers the providers, endpoints, fault kinds and delivery outcomes for completion', async () => {
  const text = scenarioJsonSchemaText()
  for (const name of ['dinisoft', 'mimsms', 'sendtext', 'getDLRRep', 'rate-limit', 'absent-subscriber', 'pendingReports']) expect(text).toContain(`"${name}"`)
})

test('every example scenario points its $schema at the published schema and is valid', async () => {
  const dir = new URL('fixtures/scenarios/', root)
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json'))
  expect(files.length).toBeGreaterThanOrEqual(7)
  for (const file of files) {
    const json = JSON.parse(await readFile(new URL(file, dir), 'utf8'))
    expect(json.$schema, file).toBe('../../schema/scenario.schema.json')
    expect(() => parseScenario(json, providers, file)).not.toThrow()
  }
})
