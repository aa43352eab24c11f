// The emulator's virtual clock: real time shifted by an offset, or frozen and moved only by hand.
import { type Duration, toMs } from './duration.js'
import { MinHeap } from './heap.js'

export type ClockMode = 'real' | 'manual'

export interface ClockSnapshot {
  readonly now: number
  readonly iso: string
  readonly mode: ClockMode
}

interface Timer {
  readonly at: number
  readonly seq: number
  readonly fn: () => void
  cancelled: boolean
}

export interface Clock {
  /** Milliseconds since the epoch, on the emulator's timeline. */
  now(): number
  readonly mode: ClockMode
  /** Moves the timeline forward (both modes), firing due timers in order; returns the new time. */
  advance(by: Duration): number
  /** Jumps to a moment; time never moves backwards, so an earlier moment is refused. */
  set(to: number | string | Date): number
  /** Stops time where it is: from now on it moves only through `advance` and `set`. */
  freeze(): void
  /** Lets time flow with the wall clock again, from wherever the timeline is. */
  resume(): void
  /** Runs `fn` once the timeline reaches `at`; returns a cancel function. */
  at(at: number, fn: () => void): () => void
  snapshot(): ClockSnapshot
  /** Calls `moved` after each `advance`, `set`, `freeze` and `resume` (to save the clock's position). */
  observe(moved: () => void): void
  /** Cancels every timer and the wall-clock wake-up. */
  close(): void
}

export interface ClockOptions {
  mode?: ClockMode
  /** Where the timeline starts (defaults to the wall clock's now). */
  start?: number | string | Date
}

/**
 * The moments the timeline may reach: 1970 to the end of year 9999. Dates go on to +275760, but every
 * format the providers print (ISO 8601, MiM's `YYYY-MM-DD HH:mm:ss`) has a four-digit year, and a
 * timeline at the very edge of JavaScript dates would run past it a moment later and break every answer.
 */
export const MIN_TIME = 0
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
const RANGE = `from ${new Date(MIN_TIME).toISOString()} to ${new Date(MAX_TIME).toISOString()}`

export function toEpoch(value: number | string | Date): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid time "${String(value)}": expected epoch milliseconds or an ISO 8601 date`)
  if (ms < MIN_TIME || ms > MAX_TIME) throw new RangeError(`The clock cannot show ${String(value)}: the valid range is ${RANGE}`)
  return ms
}

const MAX_TIMEOUT = 2_147_483_647

export function createClock({ mode = 'real', start }: ClockOptions = {}): Clock {
  let currentMode: ClockMode = mode
  // real mode: now = wall + offset; manual mode: now = frozenAt
  // One reading of the wall clock: two could straddle a millisecond and start a frozen clock 1 ms late.
  const wall = Date.now()
  let offset = start === undefined ? 0 : toEpoch(start) - wall
  let frozenAt = wall + offset
  const timers = new MinHeap<Timer>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq))
  let seq = 0
  let wakeUp: ReturnType<typeof setTimeout> | undefined
  let wakeUpAt = Number.POSITIVE_INFINITY
  const observers: (() => void)[] = []
  const moved = <T>(result: T): T => {
    for (const observer of observers) observer()
    return result
  }

  const now = () => (currentMode === 'manual' ? frozenAt : Date.now() + offset)

  /** Fires every timer due by `until`, each seeing the clock at its own moment in manual mode. */
  function fireDue(until = now()): void {
    for (let timer = timers.peek(); timer && timer.at <= until; timer = timers.peek()) {
      timers.pop()
      if (timer.cancelled) continue
      if (currentMode === 'manual' && timer.at > frozenAt) frozenAt = timer.at
      timer.fn()
    }
    armWakeUp()
  }

  function armWakeUp(): void {
    while (timers.peek()?.cancelled) timers.pop()
    const next = timers.peek()?.at
    if (currentMode !== 'real' || next === undefined) {
      if (wakeUp) clearTimeout(wakeUp)
      wakeUp = undefined
      wakeUpAt = Number.POSITIVE_INFINITY
      return
    }
    if (wakeUp && wakeUpAt === next) return
    if (wakeUp) clearTimeout(wakeUp)
    wakeUpAt = next
    wakeUp = setTimeout(() => {
      wakeUp = undefined
      wakeUpAt = Number.POSITIVE_INFINITY
      fireDue()
    }, Math.max(0, Math.min(next - now(), MAX_TIMEOUT)))
    wakeUp.unref()
  }

  function moveTo(target: number): number {
    // Past this a Date is invalid, and every time the emulator shows would be too.
    if (!(target <= MAX_TIME)) throw new RangeError(`Cannot move the clock past ${new Date(MAX_TIME).toISOString()}: the valid range is ${RANGE}`)
    if (currentMode === 'manual') {
      fireDue(target)
      frozenAt = target
    } else {
      offset += target - now()
      fireDue()
    }
    return now()
  }

  return {
    now,
    get mode() {
      return currentMode
    },
    advance(by) {
      return moved(moveTo(now() + toMs(by)))
    },
    set(to) {
      const target = toEpoch(to)
      const current = now()
      if (target < current) {
        throw new RangeError(`Cannot move the clock backwards from ${new Date(current).toISOString()} to ${new Date(target).toISOString()}`)
      }
      return moved(moveTo(target))
    },
    freeze() {
      frozenAt = now()
      currentMode = 'manual'
      armWakeUp()
      moved(undefined)
    },
    resume() {
      offset = now() - Date.now()
      currentMode = 'real'
      fireDue()
      moved(undefined)
    },
    observe(observer) {
      observers.push(observer)
    },
    at(at, fn) {
      const timer: Timer = { at, seq: seq++, fn, cancelled: false }
      timers.push(timer)
      if (at <= now()) queueMicrotask(() => fireDue())
      else armWakeUp()
      return () => {
        timer.cancelled = true
      }
    },
    snapshot() {
      const t = now()
      return { now: t, iso: new Date(t).toISOString(), mode: currentMode }
    },
    close() {
      while (timers.size > 0) timers.pop()
      armWakeUp()
    },
  }
}
