// The emulator's one source of randomness: a faker instance seeded per emulator, so runs repeat.
import type { Faker } from '@faker-js/faker'
// The English-only entry: the package's main entry loads every locale (about 5x the start-up time),
// and each test file and CLI start pays it. Its instance's class makes our own seeded instances.
import { faker as englishFaker } from '@faker-js/faker/locale/en'

const FakerClass = englishFaker.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker

export const DEFAULT_SEED = 20_210_121

export interface Random {
  readonly seed: number
  /** The seeded faker, for incidental data (names in examples, inbox fillers). */
  readonly faker: Faker
  /** A float between 0 and 1. */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** Upper-case letters and digits, no separators (ids that clients can split and match safely). */
  alphanumeric(length: number): string
  /** Starts the sequence again from `seed` (the same seed as before when omitted). */
  reseed(seed?: number): void
}

export function createRandom(seed: number = DEFAULT_SEED): Random {
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions })
  let current = seed
  faker.seed(current)
  return {
    get seed() {
      return current
    },
    faker,
    next: () => faker.number.float(),
    int: (min, max) => faker.number.int({ min, max }),
    alphanumeric: (length) => faker.string.alphanumeric({ length, casing: 'upper' }),
    reseed(seed = current) {
      current = seed
      faker.seed(current)
    },
  }
}
