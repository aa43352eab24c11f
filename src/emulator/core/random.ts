// The emulator's one source of randomness: a faker instance seeded per emulator, so runs repeat.
// Only faker's locale-free base is loaded: the package root imports every locale (~300 ms at start-up),
// and numbers and ids need none. Its class comes from the base instance (the subpath exports no class).
import type { Faker } from '@faker-js/faker'
import { faker as baseFaker } from '@faker-js/faker/locale/base'

const FakerClass = baseFaker.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker

export const DEFAULT_SEED = 20_210_121

export interface Random {
  readonly seed: number
  /** The seeded faker (base locale: numbers, strings, dates), for incidental data. */
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
  const faker = new FakerClass({ locale: baseFaker.rawDefinitions })
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
