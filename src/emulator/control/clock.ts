// Control API: reading and moving the virtual clock.
import type { Context } from 'hono'
import { z } from 'zod'
import { DURATION } from '../core/duration.js'
import type { EmulatorState } from '../core/state.js'
import { badField, parseBody } from './problem.js'

/** The clock as the answer gives it; also tells the event stream that it moved. */
function clockJson(state: EmulatorState) {
  state.events.emit('clock', {})
  const { now, iso, mode } = state.clock.snapshot()
  return { now, iso, mode }
}

export function getClock(c: Context, state: EmulatorState): Response {
  const { now, iso, mode } = state.clock.snapshot()
  return c.json({ now, iso, mode })
}

const advanceBody = z
  .object({
    by: z.union([z.number().nonnegative(), z.string().regex(DURATION)], { error: 'expected a duration: milliseconds, or "250ms", "5s", "2m", "1h", "1d"' }),
  })
  .strict()

/** Moves time forward; every status change and scheduled release due meanwhile happens, in order. */
export async function advanceClock(c: Context, state: EmulatorState): Promise<Response> {
  const { by } = await parseBody(c, advanceBody)
  try {
    state.clock.advance(by)
  } catch (error) {
    if (error instanceof RangeError) throw badField('by', error.message)
    throw error
  }
  return c.json(clockJson(state))
}

const setBody = z
  .object({
    to: z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })], {
      error: 'expected an ISO 8601 date with a time zone (2026-01-15T10:00:00+06:00) or epoch milliseconds',
    }),
  })
  .strict()

/** Jumps to a moment, never backwards (reports already handed out cannot be taken back). */
export async function setClock(c: Context, state: EmulatorState): Promise<Response> {
  const { to } = await parseBody(c, setBody)
  try {
    state.clock.set(to)
  } catch (error) {
    if (error instanceof RangeError) throw badField('to', error.message)
    throw error
  }
  return c.json(clockJson(state))
}

export function freezeClock(c: Context, state: EmulatorState): Response {
  state.clock.freeze()
  return c.json(clockJson(state))
}

export function resumeClock(c: Context, state: EmulatorState): Response {
  state.clock.resume()
  return c.json(clockJson(state))
}
