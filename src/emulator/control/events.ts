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
    const send = (event: string, data: unknown) => {
      stream.writeSSE({ event, data: JSON.stringify(data), id: String(++seq) }).catch(() => stream.abort())
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
