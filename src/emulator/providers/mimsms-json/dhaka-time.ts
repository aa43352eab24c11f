// PullSMS's `message_time`: Dhaka wall clock as .NET's `M/d/yyyy h:mm:ss tt` writes it.

/** Bangladesh has kept UTC+6 all year since 2010. */
const DHAKA_OFFSET_MS = 6 * 3_600_000

/** `9/21/2025 1:37:12 PM`: no leading zeros on month, day and hour; 12-hour clock. */
export function formatMessageTime(epochMs: number): string {
  const t = new Date(epochMs + DHAKA_OFFSET_MS)
  const hours = t.getUTCHours()
  const hour12 = hours % 12 === 0 ? 12 : hours % 12
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()} ${hour12}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
}
