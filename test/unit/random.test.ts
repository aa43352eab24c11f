import { base, en, Faker } from '@faker-js/faker'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { createRandom } from '../../src/emulator/core/random.js'

/** What each Random method draws, as faker draws it. */
const draws = [
  { draw: (random: ReturnType<typeof createRandom>) => random.int(100_000, 899_999), reference: (faker: Faker) => faker.number.int({ min: 100_000, max: 899_999 }) },
  { draw: (random: ReturnType<typeof createRandom>) => random.int(0, 9), reference: (faker: Faker) => faker.number.int({ min: 0, max: 9 }) },
  { draw: (random: ReturnType<typeof createRandom>) => random.next(), reference: (faker: Faker) => faker.number.float() },
  { draw: (random: ReturnType<typeof createRandom>) => random.alphanumeric(10), reference: (faker: Faker) => faker.string.alphanumeric({ length: 10, casing: 'upper' }) },
  { draw: (random: ReturnType<typeof createRandom>) => random.hexadecimal(32), reference: (faker: Faker) => faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }) },
]

test('the random source draws the same sequences as faker with the same seed, across its state refills, and after reseeding', () => {
  const reference = new Faker({ locale: [en, base] })
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.array(fc.integer({ min: 0, max: draws.length - 1 }), { minLength: 1, maxLength: 400 }), (seed, order) => {
      const random = createRandom(seed)
      reference.seed(seed)
      for (const i of order) expect(draws[i]?.draw(random)).toEqual(draws[i]?.reference(reference))
      random.reseed()
      reference.seed(seed)
      expect(random.alphanumeric(12)).toBe(reference.string.alphanumeric({ length: 12, casing: 'upper' }))
    }),
    { numRuns: 60 },
  )
})

test('a sequence of several numbers (a seed and a restart count) draws as faker seeded with the same array, and keeps the seed', () => {
  const reference = new Faker({ locale: [en, base] })
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 3 }), (parts) => {
      const random = createRandom(7)
      random.reseedWith(parts)
      reference.seed(parts)
      expect([random.int(100_000, 899_999), random.alphanumeric(8)]).toEqual([reference.number.int({ min: 100_000, max: 899_999 }), reference.string.alphanumeric({ length: 8, casing: 'upper' })])
      expect(random.seed).toBe(7)
    }),
    { numRuns: 40 },
  )
})
