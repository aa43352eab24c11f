// The real `sms-emulator` process, as a user and Docker run it: the other CLI tests call the commands in process.
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { expect, test } from 'vitest'

// The command as npx and npm start run it: the launcher, which runs the sources here (tsx) unless a
// current build exists. Each process compiles with tsx as it starts: seconds on a loaded machine.
const CLI = ['bin/sms-emulator.js']
const PROCESS_TIMEOUT = 60_000

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { timeout: PROCESS_TIMEOUT }, (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }))
  })
}

test('start prints its banner, serves, answers healthcheck from another process, and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [...CLI, 'start', '--dinisoft-port', '0', '--mimsms-port', '0', '--control-port', '0', '--dinisoft-tls-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    while (!output.includes('Press Ctrl+C to stop') && child.exitCode === null) await Promise.race([once(child.stdout, 'data'), once(child, 'exit')])
    const control = /Control API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
    expect(control).toBeDefined()
    const healthy = await run(['healthcheck', '--url', control as string])
    expect(healthy).toMatchObject({ code: 0, stdout: `healthy: ${control}\n` })
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  } finally {
    child.kill('SIGKILL')
  }
}, PROCESS_TIMEOUT)

test('an exit code reaches the shell: 1 for a consumer with errors', async () => {
  const bad = await run(['verify-consumer', '--journal', 'fixtures/traffic/dinisoft-bad.jsonl'])
  expect(bad.code).toBe(1)
  expect(bad.stdout).toContain('12 requests checked: 8 errors, 1 warning')
}, PROCESS_TIMEOUT)
