// The emulator's one source of randomness, seeded per emulator so runs repeat: a Mersenne Twister
// (MT19937) drawing 53-bit floats, and from them the same draws as @faker-js/faker's `number.int`,
// `number.float` and `string.alphanumeric` / `hexadecimal` with the same seed, so a seed gives the ids it
// always gave. faker itself cost ~30 ms of every start for these few functions (docs/decisions.md,
// "The command is bundled"); test/unit/random.test.ts holds the sequences equal to faker's.

export const DEFAULT_SEED = 20_210_121

export interface Random {
  readonly seed: number
  /** A float between 0 and 1. */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** Upper-case letters and digits, no separators (ids that clients can split and match safely). */
  alphanumeric(length: number): string
  /** Lower-case hexadecimal digits. */
  hexadecimal(length: number): string
  /** Starts the sequence again from `seed` (the same seed as before when omitted). */
  reseed(seed?: number): void
  /** Starts a sequence of its own from several numbers (a seed and a restart count); `seed` stays. */
  reseedWith(parts: readonly number[]): void
}

const SIZE = 624
const SHIFT = 397
const UPPER_BIT = 2 ** 31
const LOWER_BITS = 2 ** 31 - 1
const MATRIX = 2_567_483_615
const TWO_TO_MINUS_53 = 2 ** -53
const ALPHANUMERIC = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ']
// Drawn from faker's mixed-case set and lowered, as faker's `casing: 'lower'` does.
const HEXADECIMAL = [...'0123456789abcdefABCDEF'].map((digit) => digit.toLowerCase())

/** MT19937's init_genrand. */
function fromNumber(seed: number): number[] {
  const state = new Array<number>(SIZE)
  state[0] = seed
  for (let i = 1; i < SIZE; i++) {
    const previous = (state[i - 1] as number) ^ ((state[i - 1] as number) >>> 30)
    state[i] = Math.trunc(Math.imul(1_812_433_253, previous) + i)
  }
  return state
}

/** MT19937's init_by_array. */
function fromArray(key: readonly number[]): number[] {
  const state = fromNumber(19_650_218)
  let i = 1
  let j = 0
  for (let k = Math.max(SIZE, key.length); k !== 0; k--) {
    const previous = (state[i - 1] as number) ^ ((state[i - 1] as number) >>> 30)
    state[i] = Math.trunc(((state[i] as number) ^ Math.imul(previous, 1_664_525)) + (key[j] as number) + j)
    i++
    j++
    if (i >= SIZE) {
      state[0] = state[SIZE - 1] as number
      i = 1
    }
    if (j >= key.length) j = 0
  }
  for (let k = SIZE - 1; k !== 0; k--) {
    const previous = (state[i - 1] as number) ^ ((state[i - 1] as number) >>> 30)
    state[i] = Math.trunc(((state[i] as number) ^ Math.imul(previous, 1_566_083_941)) - i)
    i++
    if (i >= SIZE) {
      state[0] = state[SIZE - 1] as number
      i = 1
    }
  }
  state[0] = UPPER_BIT
  return state
}

/** The next 624 words of state. */
function twist(state: number[]): number[] {
  const mix = (a: number, b: number, far: number) => {
    const y = ((state[a] as number) & UPPER_BIT) + ((state[b] as number) & LOWER_BITS)
    return (state[far] as number) ^ (y >>> 1) ^ (-(y & 1) & MATRIX)
  }
  for (let i = 0; i < SIZE - SHIFT; i++) state[i] = mix(i, i + 1, i + SHIFT)
  for (let i = SIZE - SHIFT; i < SIZE - 1; i++) state[i] = mix(i, i + 1, i + SHIFT - SIZE)
  state[SIZE - 1] = mix(SIZE - 1, 0, SHIFT - 1)
  return state
}

export function createRandom(seed: number = DEFAULT_SEED): Random {
  let current = seed
  let state = twist(fromNumber(seed))
  let index = 0

  function word(): number {
    let y = state[index] as number
    y ^= y >>> 11
    y ^= (y << 7) & 2_636_928_640
    y ^= (y << 15) & 4_022_730_752
    y ^= y >>> 18
    if (++index >= SIZE) {
      state = twist(state)
      index = 0
    }
    return y >>> 0
  }
  const next = () => ((word() >>> 5) * 67_108_864 + (word() >>> 6)) * TWO_TO_MINUS_53
  function int(min: number, max: number): number {
    const low = Math.ceil(min)
    const high = Math.floor(max)
    if (low === high) return low
    if (high < low) throw new RangeError(`no integer between ${min} and ${max}`)
    return Math.floor(next() * (high - low + 1) + low)
  }
  const pick = (characters: readonly string[], length: number) => {
    let text = ''
    for (let i = 0; i < length; i++) text += characters[Math.floor(next() * characters.length)]
    return text
  }
  const restart = (initial: number[]) => {
    state = twist(initial)
    index = 0
  }

  return {
    get seed() {
      return current
    },
    next,
    int,
    alphanumeric: (length) => pick(ALPHANUMERIC, length),
    hexadecimal: (length) => pick(HEXADECIMAL, length),
    reseed(seed = current) {
      current = seed
      restart(fromNumber(seed))
    },
    reseedWith: (parts) => restart(fromArray(parts)),
  }
}
