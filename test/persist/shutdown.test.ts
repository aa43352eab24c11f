import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
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

test('SIGTERM with 50 requests in flight: every one is answered and stored, then the process exits 0 within 5 s', async () => {
  const slow = scenarioFile({ rules: [{ when: { endpoint: 'sendtext' }, then: { latency: '1500ms' } }] })
  const db = join(folder, 'shutdown.db')
  const emu = await startProcess(['--clock', 'manual', '--scenario', slow, '--db', db])
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

  // The file itself (the process is gone, its lock too): a restart reading it is restart.test.ts's and crash.test.ts's job.
  const file = new Sqlite(db, { readonly: true })
  const stored = file.prepare('SELECT submission_id FROM messages').pluck().all() as string[]
  file.close()
  const answered = results.map((result) => ('body' in result ? (JSON.parse(result.body) as { Message_ID: string }).Message_ID : ''))
  expect(stored.sort()).toEqual(answered.sort())
}, 60_000) // a real process: seconds to start on a loaded machine

test('npm start leaves no emulator behind when npm is stopped', async () => {
  const npm = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, SMS_EMULATOR_DINISOFT_PORT: '0', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_CONTROL_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  npm.stdout.on('data', (chunk) => (output += chunk))
  npm.stderr.on('data', (chunk) => (output += chunk))
  while (!/Control API\s+(http:\/\/\S+)\/api/.test(output)) {
    if (npm.exitCode !== null) throw new Error(`npm start exited before its banner:\n${output}`)
    await once(npm.stdout, 'data')
  }
  const control = /Control API\s+(http:\/\/\S+)\/api/.exec(output)?.[1] as string
  expect((await fetch(`${control}/api/health`)).status).toBe(200)
  npm.kill('SIGTERM')
  await once(npm, 'exit')
  await expect.poll(() => fetch(`${control}/api/health`).then(() => 'still serving', () => 'gone'), { timeout: 10_000 }).toBe('gone')
}, 60_000)
