import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test, vi } from 'vitest'
import { type Durability, inMemory } from '../../src/emulator/core/durability.js'
import { testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-events-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

interface ServerEvent {
  readonly event: string
  readonly id: string
  readonly data: unknown
}

/** Reads server-sent events from a stream until `count` have arrived. */
async function collect(stream: ReadableStream<Uint8Array>, count: number): Promise<ServerEvent[]> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader()
  const events: ServerEvent[] = []
  let buffer = ''
  while (events.length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += value
    let end = buffer.indexOf('\n\n')
    while (end !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      )
      if (fields.event) events.push({ event: fields.event, id: fields.id ?? '', data: JSON.parse(fields.data ?? 'null') })
      end = buffer.indexOf('\n\n')
    }
  }
  await reader.cancel()
  return events
}

test('GET /api/events streams accepted messages and each DLR change as the clock moves', async () => {
  const emu = await testEmulator()
  const res = await fetch(`${emu.urls.control}/api/events`, { signal: AbortSignal.timeout(5000) })
  expect(res.headers.get('content-type')).toBe('text/event-stream')
  const events = collect(res.body as ReadableStream<Uint8Array>, 3)
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('3s')
  const received = await events
  expect(received.map((e) => e.event)).toEqual(['message.accepted', 'message.status', 'message.status'])
  expect(received.map((e) => e.id)).toEqual(['1', '2', '3'])
  expect(received[0]?.data).toMatchObject({ submissionId: id, status: 'accepted', to: '8801712345678' })
  expect(received[1]?.data).toMatchObject({ id: `${id}.1`, event: { status: 'sent', at: '2026-01-15T04:00:01.000Z' } })
  expect(received[2]?.data).toMatchObject({ id: `${id}.1`, event: { status: 'delivered', reason: 'delivered' }, message: { status: 'delivered' } })
})

test('GET /api/events announces a forced outcome and a reset', async () => {
  const emu = await testEmulator()
  const { id } = await sendDinisoft(emu)
  const res = await fetch(`${emu.urls.control}/api/events`, { signal: AbortSignal.timeout(5000) })
  const events = collect(res.body as ReadableStream<Uint8Array>, 2)
  await control(emu).post(`/api/messages/${id}/outcome`).send({ status: 'failed', reason: 'barred-subscriber' }).expect(200)
  await control(emu).delete('/api/messages').expect(204)
  const received = await events
  expect(received[0]).toMatchObject({ event: 'message.status', data: { id: `${id}.1`, event: { status: 'failed', reason: 'barred-subscriber' } } })
  expect(received[1]?.event).toBe('reset')
})

test('a stream that is closed stops receiving without failing the sender', async () => {
  const emu = await testEmulator()
  const controller = new AbortController()
  const res = await fetch(`${emu.urls.control}/api/events`, { signal: controller.signal })
  await res.body?.getReader().read()
  controller.abort()
  const sent = await sendDinisoft(emu)
  expect(sent.body.Status).toBe('0')
  await emu.clock.advance('5s')
  expect(emu.messages()[0]?.status.status).toBe('delivered')
})

/** A database stand-in whose commits the test settles: an acceptance opens a commit that waits for `settle`. */
function heldCommits() {
  let open = false
  const waiting: ((committed: boolean) => void)[] = []
  const durability: Durability = {
    ...inMemory,
    accepted() {
      open = true
    },
    afterCommit(then) {
      if (open) waiting.push(then)
      else then(true)
    },
  }
  return {
    durability,
    waiting: () => waiting.length,
    settle(committed: boolean) {
      open = false
      for (const then of waiting.splice(0)) then(committed)
    },
  }
}

test('an event goes out only once the change it announces is committed (--db): a commit that failed announces nothing', async () => {
  const emu = await testEmulator()
  const res = await fetch(`${emu.urls.control}/api/events`, { signal: AbortSignal.timeout(5000) })
  const events = collect(res.body as ReadableStream<Uint8Array>, 1)
  const held = heldCommits()
  emu.state.durability = held.durability
  const lost = sendDinisoft(emu).catch(() => 'closed')
  // The answer and the event both wait on the commit.
  await vi.waitFor(() => expect(held.waiting()).toBe(2))
  held.settle(false)
  expect(await lost).toBe('closed')
  emu.state.durability = inMemory
  const { id } = await sendDinisoft(emu)
  const [first] = await events
  expect(first).toMatchObject({ event: 'message.accepted', data: { submissionId: id } })
})

test('with --db, events come after their commit and in order: accepted, each change, a deletion', async () => {
  const emu = await testEmulator({ db: join(folder, 'events.db') })
  const res = await fetch(`${emu.urls.control}/api/events`, { signal: AbortSignal.timeout(5000) })
  const events = collect(res.body as ReadableStream<Uint8Array>, 4)
  const { id } = await sendDinisoft(emu)
  await emu.clock.advance('3s')
  await control(emu).delete(`/api/messages/${id}`).expect(204)
  expect((await events).map((e) => [e.event, e.id])).toEqual([
    ['message.accepted', '1'],
    ['message.status', '2'],
    ['message.status', '3'],
    ['message.deleted', '4'],
  ])
})
