import { Agent, get } from 'node:http'
import { expect, test } from 'vitest'
import { startEmulator } from '../../src/index.js'
import { aSubmission, sendtext } from '../helpers/dinisoft.js'

test('close() answers a request in flight before it resolves, and refuses new connections after', async () => {
  const emu = await startEmulator({ ports: 0, clock: 'manual', log: false })
  emu.use({ when: { endpoint: 'sendtext' }, then: { latency: '300ms' } })
  const answered = sendtext(emu.urls.dinisoft, aSubmission({ messageContent: 'just in time' })).then((res) => res.text)
  // Latency is wall-clock time: let the request reach the server, where it waits out its 300 ms.
  await new Promise((resolve) => setTimeout(resolve, 100))
  await emu.close()
  expect(await answered).toMatch(/"Status":"0"/)
  expect(emu.messages().map((message) => message.text)).toEqual(['just in time'])
  await expect(fetch(`${emu.urls.dinisoft}/sendtext`)).rejects.toThrow()
})

test('close() does not wait for idle keep-alive connections or an open event stream', async () => {
  const emu = await startEmulator({ ports: 0, clock: 'manual', log: false })
  const agent = new Agent({ keepAlive: true })
  await new Promise<void>((resolve) => get(`${emu.urls.control}/api/health`, { agent }, (res) => res.resume().on('end', resolve)))
  const stream = await fetch(`${emu.urls.control}/api/events`, { headers: { accept: 'text/event-stream' } })
  expect(stream.status).toBe(200)
  const started = Date.now()
  await emu.close()
  expect(Date.now() - started).toBeLessThan(1000)
  agent.destroy()
})

test('close({ graceMs: 0 }) cuts a request a hang fault holds at once', async () => {
  const emu = await startEmulator({ ports: 0, clock: 'manual', log: false })
  emu.use({ when: { endpoint: 'sendtext' }, then: { fault: 'hang' } })
  // fetch keeps the socket of an aborted request open, so the server still holds the request.
  await expect(fetch(`${emu.urls.dinisoft}/sendtext`, { signal: AbortSignal.timeout(200) })).rejects.toThrow()
  const started = Date.now()
  await emu.close({ graceMs: 0 })
  expect(Date.now() - started).toBeLessThan(1000)
})
