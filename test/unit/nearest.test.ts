import { expect, test } from 'vitest'
import { closest, levenshtein } from '../../src/contracts/nearest.js'

test('edit distance counts insertions, deletions, substitutions and a swap of neighbours as one each', () => {
  expect(levenshtein('start', 'start')).toBe(0)
  expect(levenshtein('strat', 'start')).toBe(1)
  expect(levenshtein('callerId', 'callerID')).toBe(1)
  expect(levenshtein('sendtxt', 'sendtext')).toBe(1)
  expect(levenshtein('abc', '')).toBe(3)
  expect(levenshtein('kitten', 'sitting')).toBe(3)
})

test('closest prefers a same-but-case name, then the nearest within one edit (two for long names)', () => {
  expect(closest('CALLERID', ['callerID', 'toUser'])).toBe('callerID')
  expect(closest('strat', ['start', 'openapi'])).toBe('start')
  expect(closest('--dinisoft-prot', ['--dinisoft-port', '--mimsms-port'])).toBe('--dinisoft-port')
  expect(closest('bogus', ['start', 'openapi'])).toBeUndefined()
})
