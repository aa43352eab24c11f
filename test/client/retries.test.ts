import net from 'node:net'
import { expect, test, vi } from 'vitest'
import { TransportError } from '../../src/index.js'
import { countingFetch, dinisoftClient, recordedSleep } from '../helpers/clients.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

async function caught(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(TransportError)
  return error as TransportError
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Starts forwarding `port` to `target`: the provider "comes back up" on a port that refused connections. */
async function forward(port: number, target: string): Promise<{ close(): void }> {
  const { hostname, port: targetPort } = new URL(target)
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    const upstream = net.connect(Number(targetPort), hostname)
    sockets.add(socket).add(upstream)
    socket.pipe(upstream).pipe(socket)
    socket.on('error', () => upstream.destroy())
    upstream.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    close() {
      server.close()
      for (const socket of sockets) socket.destroy()
    },
  }
}

test('a read whose connection is dropped is asked again and succeeds', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'drop' }, once: true })
  const fetch = countingFetch()
  expect((await dinisoftClient(emu, { fetch }).balance()).amount).toBe(1000)
  expect(fetch.calls).toBe(2)
})

test('a read that gets a 503 page is asked again and succeeds', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'http-503' }, once: true })
  const fetch = countingFetch()
  expect((await dinisoftClient(emu, { fetch }).balance()).amount).toBe(1000)
  expect(fetch.calls).toBe(2)
})

test('a read that never answers times out and is asked again', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'hang' }, once: true })
  const fetch = countingFetch()
  expect((await dinisoftClient(emu, { fetch, timeoutMs: 200 }).balance()).amount).toBe(1000)
  expect(fetch.calls).toBe(2)
})

test('a read fails after the configured attempts, saying why and how often it tried', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'http-503' } })
  const fetch = countingFetch()
  const error = await caught(dinisoftClient(emu, { fetch, retry: { attempts: 4 } }).balance())
  expect(fetch.calls).toBe(4)
  expect(error).toMatchObject({ failure: 'http-status', status: 503, retryable: true, details: { attempts: 4 } })
  expect(error.message).toMatch(/^Failed to read the DiniSoft BD balance of client demo: HTTP 503 from GET http:\/\/127\.0\.0\.1:\d+\/login\/sms\/smsConfiguration\/smsClientBalance\.jsp, body ".*503 Service Unavailable.*"\..*\(4 attempts\)$/s)
})

test('retry: false makes a single attempt', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'http-503' }, once: true })
  const fetch = countingFetch()
  await caught(dinisoftClient(emu, { fetch, retry: false }).balance())
  expect(fetch.calls).toBe(1)
})

test('back-off grows exponentially with full jitter, capped at maxDelayMs', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'http-503' } })
  const sleep = recordedSleep()
  const client = dinisoftClient(emu, { sleep, random: () => 0.5, retry: { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 } })
  await caught(client.balance())
  expect(sleep.waits).toEqual([50, 100, 200, 400, 500])
})

test('a rate-limited read waits at least the Retry-After it was given', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: { kind: 'rate-limit', retryAfter: '2s' } }, once: true })
  const sleep = recordedSleep()
  expect((await dinisoftClient(emu, { sleep, random: () => 0 }).balance()).amount).toBe(1000)
  expect(sleep.waits).toEqual([2000])
})

test('a Retry-After beyond maxDelayMs ends the retries at once', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: { kind: 'rate-limit', retryAfter: '60s' } } })
  const fetch = countingFetch()
  const error = await caught(dinisoftClient(emu, { fetch }).balance())
  expect(error).toMatchObject({ failure: 'http-status', status: 429 })
  expect(fetch.calls).toBe(1)
})

test('a send whose connection is dropped after the request went out is not sent again', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'sendtext' }, then: { fault: 'drop' }, once: true })
  const fetch = countingFetch()
  const error = await caught(dinisoftClient(emu, { fetch }).send({ to: BD_NUMBER, text: 'Only once' }))
  expect(error.failure).toBe('network')
  expect(error.message).toMatch(/may have reached the provider/)
  expect(fetch.calls).toBe(1)
})

test('a send that gets a 503 is not sent again', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'sendtext' }, then: { fault: 'http-503' }, once: true })
  const fetch = countingFetch()
  const error = await caught(dinisoftClient(emu, { fetch }).send({ to: BD_NUMBER, text: 'Only once' }))
  expect(error).toMatchObject({ failure: 'http-status', status: 503 })
  expect(fetch.calls).toBe(1)
})

test('a send that times out after the provider accepted it is not sent again: one SMS, not two', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'sendtext' }, then: { latency: 400 }, once: true })
  const fetch = countingFetch()
  const error = await caught(dinisoftClient(emu, { fetch, timeoutMs: 100 }).send({ to: BD_NUMBER, text: 'Slow gateway' }))
  expect(error.failure).toBe('timeout')
  expect(fetch.calls).toBe(1)
  await vi.waitFor(() => expect(emu.journal({ endpoint: 'sendtext' })).toHaveLength(1))
  expect(emu.messages().filter((message) => message.text === 'Slow gateway')).toHaveLength(1)
})

test('a send that never answers times out and is not sent again', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'sendtext' }, then: { fault: 'hang' }, once: true })
  const fetch = countingFetch()
  const error = await caught(dinisoftClient(emu, { fetch, timeoutMs: 150 }).send({ to: BD_NUMBER, text: 'x' }))
  expect(error.failure).toBe('timeout')
  expect(error.message).toMatch(/no answer within 150 ms/)
  expect(fetch.calls).toBe(1)
})

test('a send whose connection was refused is sent again once the provider is back, and arrives once', async () => {
  const emu = await testEmulator()
  const port = await freePort()
  let proxy: { close(): void } | undefined
  const fetch = countingFetch()
  const client = dinisoftClient(emu, {
    baseUrl: `http://127.0.0.1:${port}`,
    fetch,
    // The provider comes back during the back-off.
    sleep: async () => {
      proxy ??= await forward(port, emu.urls.dinisoft)
    },
  })
  try {
    const { messageId } = await client.send({ to: BD_NUMBER, text: 'After the outage' })
    expect(fetch.calls).toBe(2)
    expect(emu.messages().map((message) => message.submissionId)).toEqual([messageId])
  } finally {
    proxy?.close()
  }
})

test("sends: 'never' does not resend even when the connection was refused", async () => {
  const emu = await testEmulator()
  const fetch = countingFetch()
  const client = dinisoftClient(emu, { baseUrl: `http://127.0.0.1:${await freePort()}`, fetch, retry: { sends: 'never' } })
  const error = await caught(client.send({ to: BD_NUMBER, text: 'x' }))
  expect(error).toMatchObject({ failure: 'not-sent', retryable: true })
  expect(error.message).toMatch(/could not connect \(ECONNREFUSED\); the request was not sent/)
  expect(fetch.calls).toBe(1)
})

test('an abort signal cancels a call and its retries with the signal reason', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'hang' } })
  const controller = new AbortController()
  const client = dinisoftClient(emu, { signal: controller.signal })
  const pending = client.balance()
  setTimeout(() => controller.abort(new Error('shutting down')), 50)
  await expect(pending).rejects.toThrow('shutting down')
})

test('error messages never show the keys', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'sendtext' }, then: { fault: 'http-503' } })
  const error = await caught(dinisoftClient(emu).send({ to: BD_NUMBER, text: 'x' }))
  expect(error.message).not.toMatch(/demo-apikey|demo-secretkey/)
})
