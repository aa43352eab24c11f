// Flag values the commands share: durations and counts, refused with a usage error naming the flag.
import { toMs } from '../emulator/core/duration.js'

/** `--timeout 20s`, `500ms`, `2m` (a bare number is milliseconds) in milliseconds; `undefined` when not given. */
export function durationFlag(flag: string, value: string | undefined, note = ''): number | undefined {
  if (value === undefined) return undefined
  try {
    return toMs(value)
  } catch {
    throw new Error(`--${flag} must be a duration such as 500ms, 2s or 1m${note}, not "${value}"`)
  }
}

/** `--parallel 4`: a whole number from 1; `undefined` when not given. */
export function countFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${flag} must be a whole number from 1, not "${value}"`)
  return number
}
