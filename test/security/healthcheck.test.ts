// `healthcheck --wait`: CI starts the emulator and waits for it, however slowly it comes up.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { cli, runningCli } from '../helpers/cli.js'

test('healthcheck --wait polls until the emulator is up, finding the control port its start was given', async () => {
  // Its own temporary folder: where start says it listens, as in a container.
  const env = { TMPDIR: mkdtempSync(join(tmpdir(), 'sms-emulator-wait-')), SMS_EMULATOR_DINISOFT_PORT: '0', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0' }
  const waiting = cli(['healthcheck', '--wait', '--timeout', '20s'], { env })
  const run = runningCli(['start', '--control-port', '0'], { env })
  const [, control] = await run.waitFor(/Control API\s+(http:\/\/127\.0\.0\.1:\d+)/)
  expect(await waiting).toMatchObject({ code: 0, stdout: `healthy: ${control}\n` })
  expect(await run.stop()).toBe(0)
})

test('healthcheck --wait gives up after --timeout, saying how long it waited', async () => {
  const started = performance.now()
  const down = await cli(['healthcheck', '--wait', '--timeout', '600ms', '--url', 'http://127.0.0.1:1'])
  expect(down.code).toBe(1)
  expect(down.stderr).toMatch(/^unhealthy: http:\/\/127\.0\.0\.1:1: .* \(waited 600 ms\)\n$/)
  expect(performance.now() - started).toBeGreaterThanOrEqual(500)
})
