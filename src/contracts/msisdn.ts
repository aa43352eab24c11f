// Bangladeshi mobile numbers: the accepted spellings, their one normal form, and the operator by prefix.

export const operators = {
  '13': 'Grameenphone',
  '17': 'Grameenphone',
  '14': 'Banglalink',
  '19': 'Banglalink',
  '15': 'Teletalk',
  '16': 'Airtel',
  '18': 'Robi',
} as const satisfies Record<string, string>

export type Operator = (typeof operators)[keyof typeof operators]

export interface Msisdn {
  /** The normal form: `8801` followed by nine digits. */
  readonly msisdn: string
  readonly operator: Operator
}

// 8801XXXXXXXXX, +8801XXXXXXXXX or 01XXXXXXXXX, operator digit 3-9.
export const BANGLADESHI_MOBILE = /^(?:\+?88)?01([3-9])(\d{8})$/

const PLUS = 0x2b
const ZERO = 0x30
const ONE = 0x31
const THREE = 0x33
const EIGHT = 0x38
const NINE = 0x39

/** The operator by the digit after `01`, '3' to '9' (their prefixes 13-19). */
const OPERATOR_OF_DIGIT: readonly Operator[] = [operators['13'], operators['14'], operators['15'], operators['16'], operators['17'], operators['18'], operators['19']]

/** Where `01` starts in an accepted spelling, by its length, or -1 (what BANGLADESHI_MOBILE matches, without a match object). */
function localStart(text: string): number {
  switch (text.length) {
    case 11:
      return 0
    case 13:
      return text.charCodeAt(0) === EIGHT && text.charCodeAt(1) === EIGHT ? 2 : -1
    case 14:
      return text.charCodeAt(0) === PLUS && text.charCodeAt(1) === EIGHT && text.charCodeAt(2) === EIGHT ? 3 : -1
    default:
      return -1
  }
}

/** Normalises a Bangladeshi mobile number to `8801XXXXXXXXX`, or answers `undefined`. */
export function parseMsisdn(input: string): Msisdn | undefined {
  const trimmed = input.trim()
  const start = localStart(trimmed)
  if (start < 0 || trimmed.charCodeAt(start) !== ZERO || trimmed.charCodeAt(start + 1) !== ONE) return undefined
  const digit = trimmed.charCodeAt(start + 2)
  if (digit < THREE || digit > NINE) return undefined
  for (let i = start + 3; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i)
    if (c < ZERO || c > NINE) return undefined
  }
  // A number already in normal form is kept as it came: one flat string, not a new concatenation.
  const msisdn = start === 2 ? trimmed : start === 0 ? `88${trimmed}` : trimmed.slice(1)
  return { msisdn, operator: OPERATOR_OF_DIGIT[digit - THREE] as Operator }
}

export function normaliseMsisdn(input: string): string | undefined {
  return parseMsisdn(input)?.msisdn
}
