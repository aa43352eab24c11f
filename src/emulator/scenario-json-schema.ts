// The JSON Schema of scenario files, generated from the zod schema and the providers' contracts.
import { z } from 'zod'
import { loadOptionsSchemas } from './core/provider-facts.js'
import { SCENARIO_VERSION, scenarioSchema } from './core/scenario-schema.js'
import { providers } from './server.js'

await loadOptionsSchemas(providers)

/** Where the package ships the schema; scenario files point `$schema` at it. */
export const SCENARIO_SCHEMA_FILE = 'schema/scenario.schema.json'

/** The schema as published: editors read it for completion and checking. */
export function scenarioJsonSchema(): Record<string, unknown> {
  // io 'input': fields with defaults are optional in a file; repeated parts (durations, matchers) go to $defs.
  const schema = z.toJSONSchema(scenarioSchema(providers), { io: 'input', target: 'draft-2020-12', reused: 'ref', unrepresentable: 'any' })
  return {
    ...schema,
    title: `sms-provider-emulator scenario (version ${SCENARIO_VERSION})`,
    description: 'Accounts, delivery timing, a random seed, spam keywords and ordered rules for the SMS provider emulator. See docs/scenarios.md.',
  }
}

/** The file's exact text (two-space JSON and a final newline), so a test can compare it byte for byte. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`
}
