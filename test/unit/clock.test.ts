import { expect, test } from 'vitest'
import { createClock } from '../../src/emulator/core/clock.js'
import { toMs } from '../../src/emulator/core/duration.js'

test('a manual clock stands still until advanced', () => {
  const clock = createClock({ mode: 'manual', start: '2026-01-01T00:00:00Z' })
  const start = clock.now()
  expect(clock.now()).toBe(start)
  expect(clock.advance('1.5s')).toBe(start + 1500)
  expect(clock.snapshot()).toEqual({ now: start + 1500, iso: '2026-01-01T00:00:01.500Z', mode: 'manual' })
})

test('timers fire in time order, each seeing its own moment', () => {
  const clock = createClock({ mode: 'manual', start: 0 })
  const seen: [string, number][] = []
  clock.at(3000, () => seen.push(['c', clock.now()]))
  clock.at(1000, () => seen.push(['a', clock.now()]))
  clock.at(2000, () => seen.push(['b', clock.now()]))
  const cancel = clock.at(2500, () => seen.push(['cancelled', clock.now()]))
  cancel()
  clock.advance('2500ms')
  expect(seen).toEqual([
    ['a', 1000],
    ['b', 2000],
  ])
  clock.advance('10s')
  expect(seen.at(-1)).toEqual(['c', 3000])
  expect(clock.now()).toBe(12_500)
})

test('the clock refuses to go backwards', () => {
  const clock = createClock({ mode: 'manual', start: 10_000 })
  expect(() => clock.set(5_000)).toThrow(/backwards/)
  expect(clock.set(20_000)).toBe(20_000)
})

test('freeze and resume keep the timeline continuous', () => {
  const clock = createClock({ mode: 'real' })
  clock.freeze()
  const frozen = clock.now()
  clock.advance('1h')
  clock.resume()
  expect(clock.mode).toBe('real')
  expect(clock.now()).toBeGreaterThanOrEqual(frozen + 3_600_000)
  expect(clock.now()).toBeLessThan(frozen + 3_600_000 + 5_000)
})

test('durations read as people write them', () => {
  expect([toMs(250), toMs('250ms'), toMs('5s'), toMs('2m'), toMs('1h'), toMs('1d'), toMs('1.5s')]).toEqual([250, 250, 5000, 120_000, 3_600_000, 86_400_000, 1500])
  expect(() => toMs('soon')).toThrow(/Invalid duration "soon"/)
  expect(() => toMs(-1)).toThrow(/Invalid duration/)
})
