// Regenerates what the docs derive from data (npm run docs): the scenario JSON Schema and the docs' generated tables.
import { readFile, writeFile } from 'node:fs/promises'
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from '../src/emulator/scenario-json-schema.js'
import { generatedTables, replaceBetween } from './doc-tables.js'

const root = new URL('../', import.meta.url)
await writeFile(new URL(SCENARIO_SCHEMA_FILE, root), scenarioJsonSchemaText())
for (const table of generatedTables) {
  const file = new URL(table.file, root)
  await writeFile(file, replaceBetween(await readFile(file, 'utf8'), table.begin, table.end, table.content()))
}
console.log(`Wrote ${SCENARIO_SCHEMA_FILE} and the tables of ${[...new Set(generatedTables.map((table) => table.file))].join(', ')}`)
