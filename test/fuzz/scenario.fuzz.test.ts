import fc from 'fast-check'
import { expect, test } from 'vitest'
import { loadOptionsSchemas } from '../../src/emulator/core/provider-facts.js'
import { parseScenario, ScenarioError } from '../../src/emulator/core/scenario.js'
import { providers } from '../../src/emulator/server.js'

// Scenarios are validated against the providers' option schemas, which load on demand.
await loadOptionsSchemas(providers)

const ruleLike = fc.record(
  {
    name: fc.string(),
    when: fc.dictionary(fc.constantFrom('provider', 'endpoint', 'to', 'from', 'text', 'account', 'nth', 'every', 'after', 'probability', 'x'), fc.jsonValue()),
    then: fc.dictionary(fc.constantFrom('reject', 'code', 'dlr', 'latency', 'fault', 'y'), fc.jsonValue()),
    once: fc.jsonValue(),
  },
  { requiredKeys: [] },
)

test('any JSON is either a valid scenario or refused with a ScenarioError whose issues all carry a JSON path', () => {
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), fc.record({ rules: fc.array(ruleLike, { maxLength: 4 }), seed: fc.jsonValue(), dlr: fc.jsonValue() }, { requiredKeys: [] })), (input) => {
      try {
        parseScenario(input, providers)
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError)
        const { issues } = error as ScenarioError
        expect(issues.length).toBeGreaterThan(0)
        for (const issue of issues) expect(issue.path).toMatch(/^\$/)
      }
    }),
    { numRuns: 1000 },
  )
  // 1000 parses take seconds on a loaded 2-core machine.
}, 60_000)
