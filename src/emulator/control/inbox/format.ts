// How the inbox writes times and counts: the providers are Bangladeshi, their panels show Dhaka time.
const dhakaTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Dhaka',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/** `15/01/2026 10:00:03` in Dhaka time. */
export const dhaka = (at: number | string): string => dhakaTime.format(new Date(at)).replace(',', '')

/** `10:00:03` in Dhaka time. */
export const dhakaClock = (at: number | string): string => dhaka(at).slice(11)

export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

