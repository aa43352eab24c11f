// `sms-emulator start`, `healthcheck` and the command table, run in process (test/cli/smoke.test.ts spawns the real thing).
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { cli, runningCli } from './helpers/cli.js'

const FREE_PORTS = { SMS_EMULATOR_DINISOFT_PORT: '0', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_CONTROL_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0' }

test('start reads ports from SMS_EMULATOR_* variables, prints a banner with URLs and credentials, and serves', async () => {
  const run = runningCli(['start'], { env: { ...FREE_PORTS, SMS_EMULATOR_CLOCK: 'manual' } })
  const [, url] = await run.waitFor(/DiniSoft BD\s+(http:\/\/127\.0\.0\.1:\d+)/)
  await run.waitFor(/Press Ctrl\+C to stop/)
  expect(run.output()).toContain('apikey=demo-apikey secretkey=demo-secretkey client=demo')
  expect(run.output()).toContain('clock: manual')
  const res = await fetch(`${url}/login/sms/smsConfiguration/smsClientBalance.jsp?client=demo`)
  expect(await res.text()).toBe('1000.000000')
  expect(await run.stop()).toBe(0)
})

test('a flag beats its environment twin', async () => {
  const run = runningCli(['start', '--dinisoft-port', '0', '--control-port', '0'], { env: { SMS_EMULATOR_DINISOFT_PORT: 'not-a-port', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0' } })
  await run.waitFor(/Press Ctrl\+C to stop/)
  expect(await run.stop()).toBe(0)
})

test('start --help lists every option with its environment variable', async () => {
  const run = await cli(['start', '--help'])
  expect(run.code).toBe(0)
  for (const flag of ['--host', '--dinisoft-port', '--control-port', '--scenario', '--seed', '--clock']) expect(run.stdout).toContain(flag)
  expect(run.stdout).toContain('SMS_EMULATOR_DINISOFT_PORT')
})

test('a bad option value exits with code 2 and says what is expected', async () => {
  const run = await cli(['start', '--clock', 'sometimes'])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('--clock must be "real" or "manual", not "sometimes"')
})

test('an unknown command exits with code 2 and shows the usage', async () => {
  const run = await cli(['launch'])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('Unknown command "launch"')
  expect(run.stderr).toContain('Usage: sms-emulator <command>')
})

test('healthcheck exits 0 against a running emulator and 1 when nothing answers', async () => {
  const run = runningCli(['start'], { env: FREE_PORTS })
  const [, control] = await run.waitFor(/Control API\s+(http:\/\/127\.0\.0\.1:\d+)/)
  const healthy = await cli(['healthcheck', '--url', control as string])
  expect(healthy.code).toBe(0)
  expect(healthy.stdout).toContain('healthy')
  expect(await run.stop()).toBe(0)
  const down = await cli(['healthcheck', '--url', control as string, '--timeout-ms', '2000'])
  expect(down.code).toBe(1)
  expect(down.stderr).toContain('unhealthy')
})

test('healthcheck reads the control port from SMS_EMULATOR_CONTROL_PORT', async () => {
  const run = runningCli(['start'], { env: FREE_PORTS })
  const [, port] = await run.waitFor(/Control API\s+http:\/\/127\.0\.0\.1:(\d+)/)
  const healthy = await cli(['healthcheck'], { env: { SMS_EMULATOR_CONTROL_PORT: port as string } })
  expect(healthy).toMatchObject({ code: 0, stdout: `healthy: http://127.0.0.1:${port}\n` })
})

test('the banner shows the accounts as the scenario sets them: its balance, or its own account when the demo one is gone', async () => {
  const scenario = join(await mkdtemp(join(tmpdir(), 'banner-')), 'scenario.json')
  await writeFile(
    scenario,
    JSON.stringify({
      accounts: { dinisoft: [{ key: 'demo-apikey', secret: 'demo-secretkey', name: 'demo', balance: 5 }] },
      defaultAccounts: true,
    }),
  )
  const run = runningCli(['start', '--scenario', scenario], { env: FREE_PORTS })
  await run.waitFor(/Press Ctrl\+C to stop/)
  expect(run.output()).toContain('apikey=demo-apikey secretkey=demo-secretkey client=demo (balance 5)')
  expect(run.output()).toContain('api_key=demo-api-key username=demo password=demo-password senderid DEMO or 8809601000000 (balance 1000)')
  await run.stop()
  await writeFile(scenario, JSON.stringify({ defaultAccounts: false, accounts: { mimsms: [{ key: 'shop-key', secret: 'shop-pass', name: 'shop', balance: 42, senders: ['SHOP'] }] } }))
  const own = runningCli(['start', '--scenario', scenario], { env: FREE_PORTS })
  await own.waitFor(/Press Ctrl\+C to stop/)
  expect(own.output()).toContain('api_key=shop-key username=shop password=shop-pass senderid DEMO or 8809601000000 or SHOP (balance 42)')
  expect(own.output()).toContain('no accounts: the scenario defines none for this provider')
})


test('an unknown option names the one probably meant, and where the options are listed', async () => {
  const typo = await cli(['start', '--dinisoft-prot', '7000'])
  expect(typo).toMatchObject({ code: 2, stderr: 'sms-emulator start: unknown option --dinisoft-prot. Did you mean --dinisoft-port? Run "sms-emulator start --help" for the options.\n' })
  const bogus = await cli(['verify-consumer', '--bogus'])
  expect(bogus).toMatchObject({ code: 2, stderr: 'sms-emulator verify-consumer: unknown option --bogus. Run "sms-emulator verify-consumer --help" for the options.\n' })
  expect((await cli(['strat'])).stderr).toContain('Unknown command "strat". Did you mean "start"?')
})

test('a port in use names the option and the variable that move it', async () => {
  const first = runningCli(['start'], { env: FREE_PORTS })
  const [, port] = await first.waitFor(/MiM SMS\s+http:\/\/127\.0\.0\.1:(\d+)/)
  const second = await cli(['start', '--dinisoft-port', '0', '--control-port', '0'], { env: { SMS_EMULATOR_MIMSMS_PORT: port as string } })
  expect(second.code).toBe(2)
  expect(second.stderr).toBe(
    `sms-emulator start: port 127.0.0.1:${port} (the MiM SMS API) is in use: is another emulator running? Move it with --mimsms-port <port> or SMS_EMULATOR_MIMSMS_PORT=<port> (0 picks a free port).\n`,
  )
})
