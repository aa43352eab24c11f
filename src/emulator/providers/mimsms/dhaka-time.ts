// MiM's wall-clock times: `YYYY-MM-DD HH:mm:ss` in Asia/Dhaka, read from scheduledDateTime and written in reports.

/** Bangladesh has kept UTC+6 all year since 2010 (its one summer-time year was 2009). */
const DHAKA_OFFSET_MS = 6 * 3_600_000

// `YYYY-MM-DD HH:MM:SS`, the panel's format; also without seconds and with a `T` (what an HTML
// datetime-local field submits), which clients built on web forms send.
const SCHEDULE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** `YYYY-MM-DD HH:mm:ss` of an instant, on the Dhaka wall clock. */
export function formatDhaka(epochMs: number): string {
  const t = new Date(epochMs + DHAKA_OFFSET_MS)
  return (
    `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
  )
}

export type Schedule = { readonly kind: 'now' } | { readonly kind: 'at'; readonly at: number } | { readonly kind: 'invalid' }

/**
 * Reads `scheduledDateTime`: missing, empty or `now` mean at once; a Dhaka wall-clock time means then.
 * A date that does not exist on the calendar (2026-02-30, 24:00) is invalid, not rolled over.
 */
export function parseSchedule(value: string | undefined): Schedule {
  const trimmed = value?.trim() ?? ''
  if (trimmed === '' || trimmed.toLowerCase() === 'now') return { kind: 'now' }
  const match = SCHEDULE.exec(trimmed)
  if (!match) return { kind: 'invalid' }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number]
  const utc = Date.UTC(year, month - 1, day, hour, minute, second)
  const check = new Date(utc)
  const exists =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second
  return exists ? { kind: 'at', at: utc - DHAKA_OFFSET_MS } : { kind: 'invalid' }
}
