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

const NORMAL_LENGTH = 13
const EIGHT = 0x38

/** Normalises a Bangladeshi mobile number to `8801XXXXXXXXX`, or answers `undefined`. */
export function parseMsisdn(input: string): Msisdn | undefined {
  const trimmed = input.trim()
  const match = BANGLADESHI_MOBILE.exec(trimmed)
  if (!match) return undefined
  const prefix = `1${match[1]}` as keyof typeof operators
  // A number already in normal form is kept as it came: one flat string, not a new concatenation.
  const msisdn = trimmed.length === NORMAL_LENGTH && trimmed.charCodeAt(0) === EIGHT ? trimmed : `8801${match[1]}${match[2]}`
  return { msisdn, operator: operators[prefix] }
}

export function normaliseMsisdn(input: string): string | undefined {
  return parseMsisdn(input)?.msisdn
}
