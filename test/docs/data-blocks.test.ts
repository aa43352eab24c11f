// The docs' JSON blocks are JSON, and those that are scenarios (in the scenario, switch and host-alias
// references) load as the emulator loads a scenario file.
import { expect, test } from 'vitest'
import { loadOptionsSchemas } from '../../src/emulator/core/provider-facts.js'
import { parseScenario } from '../../src/emulator/core/scenario.js'
import { providers } from '../../src/emulator/server.js'
import { codeBlocks, docFiles } from './blocks.js'

// Scenarios are validated against the providers' option schemas, which load on demand.
await loadOptionsSchemas(providers)

const json = docFiles().flatMap(codeBlocks).filter((block) => block.lang === 'json')
const SCENARIO_DOCS = ['docs/scenarios.md', 'docs/mimsms.md', 'docs/interception.md']

test.each(json.map((block) => [`${block.file}:${block.line}`, block] as const))('%s is JSON', (_where, block) => {
  expect(() => JSON.parse(block.text)).not.toThrow()
})

test('every JSON block of the scenario, switch and host-alias references is a valid scenario', () => {
  const scenarios = json.filter((block) => SCENARIO_DOCS.includes(block.file))
  expect(scenarios.map((block) => block.file).sort()).toEqual([...SCENARIO_DOCS].sort())
  for (const block of scenarios) expect(() => parseScenario(JSON.parse(block.text), providers), `${block.file}:${block.line}`).not.toThrow()
})
