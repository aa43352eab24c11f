// `sms-emulator start --scenario`, run in process.
import { expect, test } from 'vitest'
import { cli, runningCli } from '../helpers/cli.js'

const FREE_PORTS = ['--dinisoft-port', '0', '--mimsms-port', '0', '--control-port', '0', '--dinisoft-tls-port', '0']

test('start --scenario runs the scenario, with its clock, and serves the inbox and control API', async () => {
  const run = runningCli(['start', ...FREE_PORTS, '--scenario', 'fixtures/scenarios/scheduled-messages.json'])
  await run.waitFor(/Press Ctrl\+C/)
  expect(run.output()).toContain('clock: manual')
  expect(run.output()).toContain('scenario "scheduled-messages"')
  const control = /Control API\s+(http:\/\/127\.0\.0\.1:\d+)\/api/.exec(run.output())?.[1]
  const clock = await (await fetch(`${control}/api/clock`)).json()
  expect(clock).toMatchObject({ iso: '2026-01-15T03:00:00.000Z', mode: 'manual' })
  expect((await fetch(`${control}/`)).headers.get('content-type')).toContain('text/html')
  expect(await run.stop()).toBe(0)
})

test('--clock beats the scenario clock', async () => {
  const run = runningCli(['start', ...FREE_PORTS, '--scenario', 'fixtures/scenarios/scheduled-messages.json', '--clock', 'real'])
  await run.waitFor(/Press Ctrl\+C/)
  expect(run.output()).toContain('clock: real')
})

test('start --scenario with a broken file exits with code 2 and names the file and the JSON path', async () => {
  const run = await cli(['start', ...FREE_PORTS, '--scenario', 'package.json'])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('Failed to load package.json')
  expect(run.stderr).toMatch(/\$: unknown keys "license", "type"/)
  expect(run.stderr).toContain('$.version: Invalid input: expected 1')
})
