// Writes schema/scenario.schema.json from the zod schema (npm run schema); a test fails while it is stale.
import { writeFile } from 'node:fs/promises'
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from '../src/emulator/scenario-json-schema.js'

await writeFile(new URL(`../${SCENARIO_SCHEMA_FILE}`, import.meta.url), scenarioJsonSchemaText())
console.log(`Wrote ${SCENARIO_SCHEMA_FILE}`)
