// Garbage in proxy requests (CONNECT targets, absolute-form URLs, Host headers, first bytes) is answered or
// dropped, never crashed on, never proxied anywhere, and makes no message.
import { connect, type Socket } from 'node:net'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'

/** Writes raw bytes to a port and answers the status line's code (0 when the server hung up without one). */
function send(port: number, bytes: string | Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1')
    let text = ''
    socket.setTimeout(2000, () => socket.destroy())
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
      // A tunnel stays open after its 200: one status line is all this test needs.
      if (text.includes('\r\n\r\n') && text.startsWith('HTTP/1.1 200 Connection')) socket.destroy()
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)))
    socket.end(bytes)
  })
}

const hostish = fc.oneof(fc.domain(), fc.constantFrom('esms.mimsms.com', 'SMS.DINISOFTBD.COM.', 'api.mimsms.com', '[::1]', '127.0.0.1', '', 'esms.mimsms.com@evil.example', 'esms.mimsms.com.evil.example'), fc.string({ maxLength: 30 }))
const portish = fc.oneof(fc.constantFrom('', ':443', ':7790', ':0', ':99999', ':x'), fc.nat({ max: 70000 }).map((n) => `:${n}`))

test('fuzzed CONNECT targets, absolute-form URLs and Host headers: 200, 403, 400 or routed; never a 5xx or a message', async () => {
  const emu = await testEmulator()
  const port = Number(new URL(emu.urls.mimsms).port)
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('CONNECT', 'GET', 'POST'), fc.constantFrom('', 'http://', 'https://', 'ftp://'), hostish, portish, hostish, async (method, scheme, host, hostPort, header) => {
      const target = method === 'CONNECT' ? `${host}${hostPort}` : `${scheme}${host}${hostPort}/smsapi?api_key=nope`
      const status = await send(port, `${method} ${target} HTTP/1.1\r\nHost: ${header}\r\nContent-Length: 0\r\n\r\n`)
      expect([0, 200, 400, 403, 404, 405]).toContain(status)
    }),
    { numRuns: 200 },
  )
  expect(emu.messages()).toEqual([])
  expect(emu.journal().every((entry) => entry.status < 500)).toBe(true)
})

test('fuzzed first bytes on the TLS port: answered or dropped, and the port still serves', async () => {
  const emu = await testEmulator()
  const port = Number(new URL(emu.urls['dinisoft-tls']).port)
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((rest) => Uint8Array.from([0x16, 3, 1, ...rest]))), async (bytes) => {
      expect([0, 400]).toContain(await send(port, bytes))
    }),
    { numRuns: 100 },
  )
  expect((await fetch(`${emu.urls['dinisoft-tls'].replace('https:', 'http:')}/sendtext`)).status).toBe(200)
})
