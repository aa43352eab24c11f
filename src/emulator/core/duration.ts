// Durations as people write them in scenarios and control calls: `250ms`, `5s`, `2m`, `1h`, or milliseconds.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
/** A duration written as text; the JSON Schema of scenario files carries it as a pattern. */
export const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/

export type Duration = number | string

/** Parses `'5s'` (or `5000`) into milliseconds; throws a readable error on anything else. */
export function toMs(duration: Duration): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) throw new RangeError(`Invalid duration ${duration}: expected a non-negative number of milliseconds`)
    return duration
  }
  const match = DURATION.exec(duration)
  if (!match) throw new RangeError(`Invalid duration "${duration}": expected a number with an optional unit (ms, s, m, h, d), e.g. "5s"`)
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1))
}

export function isDuration(value: unknown): value is Duration {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0
  return typeof value === 'string' && DURATION.test(value)
}
