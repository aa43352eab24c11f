import { expect, test } from 'vitest'
import { formatDhaka, parseSchedule } from '../../src/emulator/providers/mimsms/dhaka-time.js'

test('formatDhaka writes the Dhaka wall clock, six hours ahead of UTC, across a day and year boundary', () => {
  expect(formatDhaka(Date.parse('2026-12-31T18:00:00Z'))).toBe('2027-01-01 00:00:00')
  expect(formatDhaka(Date.parse('2026-01-15T04:05:06.999Z'))).toBe('2026-01-15 10:05:06')
})

test('parseSchedule reads a Dhaka wall-clock time as the instant it names', () => {
  expect(parseSchedule('2026-01-15 10:00:00')).toEqual({ kind: 'at', at: Date.parse('2026-01-15T04:00:00Z') })
  expect(parseSchedule(' 2028-02-29T23:59 ')).toEqual({ kind: 'at', at: Date.parse('2028-02-29T17:59:00Z') })
})

test('parseSchedule treats missing, empty and "now" as at once', () => {
  for (const value of [undefined, '', '   ', 'now', 'NOW']) expect(parseSchedule(value)).toEqual({ kind: 'now' })
})

test('parseSchedule refuses dates the calendar does not have instead of rolling them over', () => {
  for (const value of ['2027-02-29 10:00:00', '2026-04-31 10:00:00', '2026-01-15 10:60:00', '2026-01-15 10:00:60', '0099-01-01 00:00:00']) {
    expect(parseSchedule(value), value).toEqual({ kind: 'invalid' })
  }
})

test('formatDhaka and parseSchedule are inverses to the second', () => {
  const at = Date.parse('2026-07-04T13:14:15Z')
  expect(parseSchedule(formatDhaka(at))).toEqual({ kind: 'at', at })
})
