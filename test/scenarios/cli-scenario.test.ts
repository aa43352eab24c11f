import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, expect, test } from 'vitest'

const running: ReturnType<typeof spawn>[] = []
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL')
})

/** Runs `sms-emulator start` on free ports until `pattern` shows up in its output (or it exits). */
async function start(args: string[], pattern: RegExp): Promise<{ output: string; exitCode: number | null; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--dinisoft-port', '0', '--mimsms-port', '0', '--control-port', '0', '--dinisoft-tls-port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  while (!pattern.test(output) && child.exitCode === null) await Promise.race([once(child.stdout, 'data'), once(child.stderr, 'data'), once(child, 'exit')])
  return { output, exitCode: child.exitCode, child }
}

test('start --scenario runs the scenario, with its clock, and serves the inbox and control API', async () => {
  const { output, child } = await start(['--scenario', 'fixtures/scenarios/scheduled-messages.json'], /Press Ctrl\+C/)
  expect(output).toContain('clock: manual')
  expect(output).toContain('scenario "scheduled-messages"')
  const control = /Control API\s+(http:\/\/127\.0\.0\.1:\d+)\/api/.exec(output)?.[1]
  const clock = await (await fetch(`${control}/api/clock`)).json()
  expect(clock).toMatchObject({ iso: '2026-01-15T03:00:00.000Z', mode: 'manual' })
  expect((await fetch(`${control}/`)).headers.get('content-type')).toContain('text/html')
  child.kill('SIGTERM')
  await once(child, 'exit')
})

test('--clock beats the scenario clock', async () => {
  const { output } = await start(['--scenario', 'fixtures/scenarios/scheduled-messages.json', '--clock', 'real'], /Press Ctrl\+C/)
  expect(output).toContain('clock: real')
})

test('start --scenario with a broken file exits with code 2 and names the file and the JSON path', async () => {
  const { output, child } = await start(['--scenario', 'package.json'], /problem/)
  if (child.exitCode === null) await once(child, 'exit')
  expect(child.exitCode).toBe(2)
  expect(output).toContain('Failed to load package.json')
  expect(output).toMatch(/\$: unknown keys "license", "type"/)
  expect(output).toContain('$.version: Invalid input: expected 1')
})
