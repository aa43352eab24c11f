// Control API: a server-sent-events stream of accepted messages, status changes and resets.
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { EmulatorState } from '../core/state.js'
import { eventJson, messageJson } from './views.js'

// Proxies and load balancers close a silent connection; a comment line now and then keeps it open.
const KEEP_ALIVE_MS = 15_000

/**
 * `message.accepted` (data: the message), `message.status` (data: { id, event, message }),
 * `message.deleted` (data: { id }), `clock` (data: the clock) and `reset`; each event's `id` is a running number.
 */
export function streamEvents(c: Context, state: EmulatorState): Response {
  return streamSSE(c, async (stream) => {
    let seq = 0
    const write = (event: string, data: string) => {
      stream.writeSSE({ event, data, id: String(++seq) }).catch(() => stream.abort())
    }
    // The data is the state as the event found it; it goes out once that state is committed (--db), so
    // no observer hears of a change a crash would undo, and never when the commit failed. Asked from a
    // microtask: the change that emitted it is told to the database later in the same step (a
    // submission is written after its messages are tracked). In memory, afterCommit answers at once.
    const send = (event: string, value: unknown) => {
      const data = JSON.stringify(value)
      queueMicrotask(() => state.durability.afterCommit((committed) => committed && write(event, data)))
    }
    const unsubscribe = [
      state.events.on('message.accepted', ({ message }) => send('message.accepted', messageJson(state, message))),
      state.events.on('message.status', ({ message, event }) => send('message.status', { id: message.id, event: eventJson(event), message: messageJson(state, message) })),
      state.events.on('message.deleted', ({ message }) => send('message.deleted', { id: message.id })),
      state.events.on('clock', () => send('clock', state.clock.snapshot())),
      state.events.on('reset', () => send('reset', {})),
    ]
    const keepAlive = setInterval(() => {
      stream.write(': keep-alive\n\n').catch(() => stream.abort())
    }, KEEP_ALIVE_MS)
    keepAlive.unref()
    await stream.write(': connected\n\n')
    await new Promise<void>((resolve) => {
      stream.onAbort(resolve)
      c.req.raw.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    clearInterval(keepAlive)
    for (const off of unsubscribe) off()
  })
}
