// Start-up reads the default scenario and the providers' default switches as plain data, without zod:
// they must be exactly what validating an empty scenario and empty switches gives.
import { expect, test } from 'vitest'
import { loadOptionsSchemas, realmDefaultOptions } from '../../src/emulator/core/provider-facts.js'
import { createState, silentLogger } from '../../src/emulator/core/state.js'
import { defaultScenario } from '../../src/emulator/core/scenario-runtime.js'
import { realmOptionsSchemas } from '../../src/emulator/core/scenario-schema.js'
import { parseScenario } from '../../src/emulator/core/scenario.js'
import { providers } from '../../src/emulator/server.js'

await loadOptionsSchemas(providers)

test('the default scenario is what validating {} gives', () => {
  expect(defaultScenario()).toStrictEqual(parseScenario({}, providers))
})

test("each provider's default options are its schema's defaults", () => {
  for (const provider of providers) expect(provider.defaultOptions, provider.name).toStrictEqual(provider.optionsSchema.parse({}))
})

test("each realm's default options are its merged schema's defaults", () => {
  const schemas = realmOptionsSchemas(providers)
  const defaults = realmDefaultOptions(providers)
  expect([...defaults.keys()].sort()).toStrictEqual([...schemas.keys()].sort())
  for (const [realm, schema] of schemas) expect(defaults.get(realm), realm).toStrictEqual(schema.parse({}))
})

test('a state made without a scenario runs on the default switches', () => {
  const state = createState({ providers, log: silentLogger })
  expect(state.scenario.options('mimsms')).toStrictEqual(realmOptionsSchemas(providers).get('mimsms')?.parse({}))
  state.close()
})
