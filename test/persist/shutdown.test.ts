import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, test } from 'vitest'
import { DINISOFT_DEMO } from '../helpers/emulator.js'
import { killAll, startProcess } from './process.js'

afterEach(killAll)
const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-shutdown-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** One GET on its own connection; resolves with the status and body, or the socket error's code. */
function getOnce(url: string, sent: () => void): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    })
    request.on('finish', sent)
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
  })
}

function scenarioFile(scenario: object): string {
  const path = join(folder, 'scenario.json')
  writeFileSync(path, JSON.stringify(scenario))
  return path
}

test('SIGTERM with 50 requests in flight: every one is answered, then the process exits 0 within 5 s', async () => {
  const slow = scenarioFile({ rules: [{ when: { endpoint: 'sendtext' }, then: { latency: '1500ms' } }] })
  const emu = await startProcess(['--clock', 'manual', '--scenario', slow])
  let sent = 0
  let allSent: () => void = () => {}
  const written = new Promise<void>((resolve) => (allSent = resolve))
  const answers = Array.from({ length: 50 }, (_, i) => {
    const query = new URLSearchParams({ ...DINISOFT_DEMO, callerID: 'DEMO', toUser: '8801712345678', messageContent: `in flight ${i}` })
    return getOnce(`${emu.urls.dinisoft}/sendtext?${query}`, () => ++sent === 50 && allSent())
  })
  await written
  // Give the server a moment to read the requests it was sent; each then waits out its 1.5 s latency.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const signalled = Date.now()
  emu.child.kill('SIGTERM')
  const results = await Promise.all(answers)
  expect(await emu.exited()).toBe(0)
  expect(Date.now() - signalled).toBeLessThan(5000)
  expect(results.filter((result) => !('status' in result && result.status === 200 && /"Status":"0"/.test(result.body)))).toEqual([])
}, 60_000) // a real process: seconds to start on a loaded machine
