import { expect, test } from 'vitest'
import { compileRules, RuleIndex } from '../../src/emulator/core/rules.js'
import type { Rule } from '../../src/emulator/core/scenario-schema.js'

const rules: Rule[] = [
  { name: 'open first', when: { from: 'X' }, then: { code: '1' } },
  { name: 'exact', when: { to: '01711111111' }, then: { code: '2' } },
  { name: 'prefix', when: { to: { prefix: '018' } }, then: { code: '3' } },
  { name: 'list', when: { to: ['+8801500000001', '8801711111111'] }, then: { code: '4' } },
  { name: 'equals', when: { to: { equals: '8801500000001' } }, then: { code: '5' } },
]
const index = new RuleIndex(compileRules(rules, (rule) => rule.name ?? ''))
const names = (to?: string[]) => index.candidates(to).map((rule) => rule.label)

test('a request to no named recipient tests only the rules that name none, in order', () => {
  expect(names(['8801712345678'])).toEqual(['open first', 'prefix'])
  expect(names(undefined)).toEqual(['open first', 'prefix'])
})

test('the rules naming a recipient join in their place, each once, whichever spelling the rule used', () => {
  expect(names(['8801711111111'])).toEqual(['open first', 'exact', 'prefix', 'list'])
  expect(names(['8801500000001', '8801711111111', '8801500000001'])).toEqual(['open first', 'exact', 'prefix', 'list', 'equals'])
  expect(index.rules.map((rule) => rule.label)).toEqual(rules.map((rule) => rule.name))
})
