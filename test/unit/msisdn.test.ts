import { expect, test } from 'vitest'
import { BANGLADESHI_MOBILE, parseMsisdn } from '../../src/contracts/msisdn.js'

test.each([
  ['8801312345678', '8801312345678', 'Grameenphone'],
  ['8801712345678', '8801712345678', 'Grameenphone'],
  ['+8801412345678', '8801412345678', 'Banglalink'],
  ['01912345678', '8801912345678', 'Banglalink'],
  ['01512345678', '8801512345678', 'Teletalk'],
  ['01612345678', '8801612345678', 'Airtel'],
  ['01812345678', '8801812345678', 'Robi'],
  [' 8801712345678 ', '8801712345678', 'Grameenphone'],
])('%j normalises to %s (%s)', (input, msisdn, operator) => {
  expect(parseMsisdn(input)).toEqual({ msisdn, operator })
})

test.each(['', '8801212345678', '01112345678', '880171234567', '88017123456789', '1712345678', '+88 01712345678', '8801712-345678', '447700900123', 'abc'])(
  '%j is not a Bangladeshi mobile number',
  (input) => {
    expect(parseMsisdn(input)).toBeUndefined()
  },
)

test('numbers are read exactly as BANGLADESHI_MOBILE matches them', () => {
  const reference = (input: string) => {
    const match = BANGLADESHI_MOBILE.exec(input.trim())
    return match ? `8801${match[1]}${match[2]}` : undefined
  }
  const alphabet = ['8', '8', '0', '1', '+', ' ', '3', '7', '9', '2', '5', 'a', '٣', '\t']
  let seed = 1
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
  const inputs = ['8801712345678', '+8801712345678', '01712345678']
  for (let i = 0; i < 20_000; i++) {
    const base = inputs[next(3)] as string
    const chars = [...base]
    for (let edits = next(3); edits > 0; edits--) chars.splice(next(chars.length + 1), next(2), alphabet[next(alphabet.length)] as string)
    inputs.push(chars.join(''))
  }
  for (const input of inputs) expect(parseMsisdn(input)?.msisdn, JSON.stringify(input)).toBe(reference(input))
})
