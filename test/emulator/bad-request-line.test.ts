import { connect } from 'node:net'
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'

/** Sends raw bytes on the request line, as a client that forgot to URL-encode Bangla text does. */
function rawGet(base: string, target: string): Promise<string> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(Buffer.concat([Buffer.from(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`, 'utf8')]))
    })
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

test('a request line with raw (unencoded) Bangla gets a 400 that says to URL-encode, on every port', async () => {
  const emu = await testEmulator()
  for (const base of [emu.urls.dinisoft, emu.urls.mimsms, emu.urls.control]) {
    const answer = await rawGet(base, '/smsapi?msg=আমি')
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(answer).toContain('URL-encode every parameter value')
  }
})
