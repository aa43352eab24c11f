import { base, en, Faker } from '@faker-js/faker'
import { expect, test } from 'vitest'
import { createRandom } from '../../src/emulator/core/random.js'

test('the random source loads only faker\'s base and draws the same sequence as a full faker with the same seed', () => {
  const random = createRandom(42)
  const reference = new Faker({ locale: [en, base] })
  reference.seed(42)
  const drawn = [random.int(100_000, 899_999), random.alphanumeric(10), random.next(), random.int(0, 9)]
  const expected = [reference.number.int({ min: 100_000, max: 899_999 }), reference.string.alphanumeric({ length: 10, casing: 'upper' }), reference.number.float(), reference.number.int({ min: 0, max: 9 })]
  expect(drawn).toEqual(expected)
  random.reseed(42)
  expect(random.int(100_000, 899_999)).toBe(expected[0])
})
