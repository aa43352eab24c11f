import fc from 'fast-check'
import { expect, test } from 'vitest'
import { jsonErrorOffset } from '../../src/emulator/core/json-syntax.js'

test('valid JSON has no error offset', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      expect(jsonErrorOffset(JSON.stringify(value, null, pretty ? 2 : undefined))).toBeUndefined()
    }),
  )
})

test('text JSON.parse refuses always gets an error offset, and text it accepts never does', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '1', 'a', ' ', 'true', '-', '.', '\\', 'e') }), (text) => {
      let valid = true
      try {
        JSON.parse(text)
      } catch {
        valid = false
      }
      expect(jsonErrorOffset(text) === undefined).toBe(valid)
    }),
    { numRuns: 2000 },
  )
})

test('the offset points at the first offending character', () => {
  expect(jsonErrorOffset('{"a": [,]}')).toBe(7)
  expect(jsonErrorOffset('{"a": 1,}')).toBe(8)
  expect(jsonErrorOffset('{"a": 1')).toBe(7)
  expect(jsonErrorOffset('[1] x')).toBe(4)
})
