import { expect, test } from 'vitest'
import { asGsm7Display, countSegments, detectEncoding, segmentParts } from '../../src/contracts/encoding.js'

test.each([
  ['', 'GSM-7', 0, 1],
  ['a'.repeat(160), 'GSM-7', 160, 1],
  ['a'.repeat(161), 'GSM-7', 161, 2],
  ['a'.repeat(306), 'GSM-7', 306, 2],
  ['a'.repeat(307), 'GSM-7', 307, 3],
  ['€'.repeat(80), 'GSM-7', 160, 1],
  ['€'.repeat(81), 'GSM-7', 162, 2],
  ['আ'.repeat(70), 'UCS-2', 70, 1],
  ['আ'.repeat(71), 'UCS-2', 71, 2],
  ['আ'.repeat(134), 'UCS-2', 134, 2],
  ['আ'.repeat(135), 'UCS-2', 135, 3],
  ['Hello 😀', 'UCS-2', 8, 1],
] as const)('%j is %s with %i units in %i segment(s)', (text, encoding, units, segments) => {
  expect(countSegments(text)).toEqual({ encoding, units, segments })
})

test('an escape pair is never split across parts, so a part may hold 152 septets', () => {
  // 152 plain characters, then a two-septet euro sign that does not fit in part one.
  expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(100)}`).segments).toBe(2)
  expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3)
})

test('a surrogate pair is never split across UCS-2 parts', () => {
  expect(countSegments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`, 'UCS-2').segments).toBe(3)
})

test('GSM-7 detection knows the basic and extension tables', () => {
  expect(detectEncoding('Hello @ £ $ ¥ è é ù ì ò Ç Ø ø Å å Δ _ { } [ ] ~ | ^ \\ €')).toBe('GSM-7')
  expect(detectEncoding('আমার সোনার বাংলা')).toBe('UCS-2')
  expect(detectEncoding('curly ’quote')).toBe('UCS-2')
})

test('a handset shows ? for each character outside GSM-7, one per code point', () => {
  expect(asGsm7Display('Hi আমি 😀!')).toBe('Hi ??? ?!')
})

test('counting agrees with splitting, for every length around the limits, escapes and surrogate pairs included', () => {
  const pieces = ['a', '€', '😀', 'অ', '^']
  for (const piece of pieces) {
    for (const encoding of ['GSM-7', 'UCS-2'] as const) {
      for (let n = 60; n <= 330; n += 1) {
        const text = `${'b'.repeat(n % 7)}${piece.repeat(Math.ceil(n / 2))}${'c'.repeat(n >> 1)}`
        const { parts, units } = segmentParts(text, encoding)
        expect(countSegments(text, encoding), `${encoding} ${n} ${piece}`).toEqual({ encoding, units, segments: parts.length })
      }
    }
  }
})
