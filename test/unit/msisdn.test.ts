import { expect, test } from 'vitest'
import { parseMsisdn } from '../../src/contracts/msisdn.js'

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
