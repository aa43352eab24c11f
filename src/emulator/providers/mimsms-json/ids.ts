// The JSON API's ids: trxnId as a Windows FILETIME of the request (2024 on), or the older 15-character form.

/** Milliseconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n
const TICKS_PER_MS = 10_000n
export const ALNUM_ID_LENGTH = 15

/**
 * 100-ns ticks since 1601-01-01 UTC at `clockMs`, plus `jitter` ticks (0..9999, from the seeded random
 * source); never at or below `last`, so ids of one emulator strictly increase.
 */
export function filetimeId(clockMs: number, jitter: number, last: bigint | undefined): bigint {
  const ticks = (BigInt(Math.floor(clockMs)) + FILETIME_EPOCH_OFFSET_MS) * TICKS_PER_MS + BigInt(jitter)
  return last !== undefined && ticks <= last ? last + 1n : ticks
}

/** The instant a FILETIME id stands for (ms since 1970), for tests and readers. */
export function filetimeToMs(id: string): number {
  return Number(BigInt(id) / TICKS_PER_MS - FILETIME_EPOCH_OFFSET_MS)
}
