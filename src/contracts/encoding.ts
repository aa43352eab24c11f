// SMS encoding and segment arithmetic: GSM-7 (160 / 153 septets) and UCS-2 (70 / 67 code units).

export type Encoding = 'GSM-7' | 'UCS-2'

// GSM 03.38 default alphabet (without ESC) and its extension table (each costs two septets).
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€')

const LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const satisfies Record<Encoding, { single: number; part: number }>

export interface SegmentInfo {
  readonly encoding: Encoding
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number
  readonly segments: number
}

// The same alphabets by UTF-16 code unit (every GSM-7 character is one), for per-message checks without
// a string per character.
const GSM7_BASIC_CODES = new Set([...GSM7_BASIC].map((char) => char.charCodeAt(0)))
const GSM7_EXTENSION_CODES = new Set([...GSM7_EXTENSION].map((char) => char.charCodeAt(0)))

export function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (!GSM7_BASIC_CODES.has(code) && !GSM7_EXTENSION_CODES.has(code)) return false
  }
  return true
}

export function detectEncoding(text: string): Encoding {
  return isGsm7(text) ? 'GSM-7' : 'UCS-2'
}

/** What a handset shows for `text` sent as GSM-7: each character outside the alphabet becomes `?`. */
export function asGsm7Display(text: string): string {
  if (isGsm7(text)) return text
  let shown = ''
  for (const char of text) shown += GSM7_BASIC.has(char) || GSM7_EXTENSION.has(char) ? char : '?'
  return shown
}

/** The characters of `text` that GSM-7 cannot carry (what forces UCS-2), each once, in order. */
export function nonGsm7Characters(text: string): string[] {
  const found = new Set<string>()
  for (const char of text) if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) found.add(char)
  return [...found]
}

/**
 * Splits `text` the way an SMSC does: parts never cut an escape pair (GSM-7) or a surrogate pair
 * (UCS-2), so a part can hold one unit less than the nominal limit. One part when it fits a single SMS.
 */
export function segmentParts(text: string, encoding: Encoding = detectEncoding(text)): { parts: string[]; units: number } {
  const chars: { char: string; size: number }[] = []
  for (const char of text) chars.push({ char, size: encoding === 'GSM-7' ? (GSM7_EXTENSION.has(char) ? 2 : 1) : char.length })
  const units = chars.reduce((sum, { size }) => sum + size, 0)
  const { single, part } = LIMITS[encoding]
  if (units <= single) return { parts: [text], units }
  const parts: string[] = []
  let current = ''
  let used = 0
  for (const { char, size } of chars) {
    if (used + size > part) {
      parts.push(current)
      current = ''
      used = 0
    }
    current += char
    used += size
  }
  parts.push(current)
  return { parts, units }
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** Counts segments the way an SMSC splits a message (see `segmentParts`), without building the parts. */
export function countSegments(text: string, encoding: Encoding = detectEncoding(text)): SegmentInfo {
  const gsm7 = encoding === 'GSM-7'
  // UCS-2 counts code units (a surrogate pair is two); GSM-7 counts characters, escapes as two septets.
  let units = text.length
  if (gsm7) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (GSM7_EXTENSION_CODES.has(code)) units++
      else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
        units--
        i++
      }
    }
  }
  const { single, part } = LIMITS[encoding]
  if (units <= single) return { encoding, units, segments: 1 }
  let segments = 1
  let used = 0
  for (const char of text) {
    const size = gsm7 ? (GSM7_EXTENSION.has(char) ? 2 : 1) : char.length
    if (used + size > part) {
      segments++
      used = 0
    }
    used += size
  }
  return { encoding, units, segments }
}
