// The control API: inspect and steer a running emulator over HTTP (JSON).
import { Hono } from 'hono'
import type { EmulatorState } from '../core/state.js'

export function controlApi(state: EmulatorState): Hono {
  const app = new Hono()
  app.get('/api/health', (c) =>
    c.json({ status: 'ok', providers: [...state.providers.keys()], messages: state.store.size, clock: state.clock.snapshot() }),
  )
  app.notFound((c) => c.json({ error: 'not-found', message: `No control endpoint ${c.req.method} ${c.req.path}` }, 404))
  return app
}
