// Value formats both providers share: Bangladeshi mobile numbers and the GSM-7 alphabet.

/**
 * A Bangladeshi mobile number as the providers accept it: 8801XXXXXXXXX, +8801XXXXXXXXX or
 * 01XXXXXXXXX, operator digit 3-9. Group 1 is the operator digit, group 2 the subscriber number.
 */
export const BANGLADESHI_MOBILE = /^(?:\+?88)?01([3-9])(\d{8})$/

/** GSM 03.38 default alphabet (without ESC). */
export const GSM7_BASIC: ReadonlySet<string> = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)

/** The GSM 03.38 extension table: each character costs two septets. */
export const GSM7_EXTENSION: ReadonlySet<string> = new Set('\f^{}\\[~]|€')

export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return false
  return true
}

/** The characters of `text` a GSM-7 handset cannot show, each once, in order of appearance. */
export function nonGsm7Characters(text: string): string[] {
  const found = new Set<string>()
  for (const char of text) if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) found.add(char)
  return [...found]
}
