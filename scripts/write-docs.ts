// Regenerates what the docs derive from data (npm run docs): the scenario JSON Schema and the README's magic-number table.
import { readFile, writeFile } from 'node:fs/promises'
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from '../src/emulator/scenario-json-schema.js'
import { MAGIC_BEGIN, MAGIC_END, magicNumbersTable, replaceBetween } from './readme-tables.js'

const root = new URL('../', import.meta.url)
await writeFile(new URL(SCENARIO_SCHEMA_FILE, root), scenarioJsonSchemaText())
const readme = new URL('README.md', root)
await writeFile(readme, replaceBetween(await readFile(readme, 'utf8'), MAGIC_BEGIN, MAGIC_END, magicNumbersTable()))
console.log(`Wrote ${SCENARIO_SCHEMA_FILE} and the magic-number table of README.md`)
