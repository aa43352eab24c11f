import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, expect, test } from 'vitest'

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  return {
    child,
    output: () => output,
    async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      for (;;) {
        const match = output.match(pattern)
        if (match) return match
        if (child.exitCode !== null) throw new Error(`CLI exited (${child.exitCode}) before printing ${pattern}:\n${output}`)
        await Promise.race([once(child.stdout as NodeJS.ReadableStream, 'data'), once(child, 'exit')])
      }
    },
    async exit(): Promise<number | string | null> {
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
      return child.exitCode ?? `${child.signalCode}: ${output}`
    },
  }
}

test('start reads ports from SMS_EMULATOR_* variables, prints a banner with URLs and credentials, and serves', async () => {
  const run = cli(['start'], { SMS_EMULATOR_DINISOFT_PORT: '0', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_CONTROL_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0', SMS_EMULATOR_CLOCK: 'manual' })
  const [, url] = await run.waitFor(/DiniSoft BD\s+(http:\/\/127\.0\.0\.1:\d+)/)
  await run.waitFor(/Press Ctrl\+C to stop/)
  expect(run.output()).toContain('apikey=demo-apikey secretkey=demo-secretkey client=demo')
  expect(run.output()).toContain('clock: manual')
  const res = await fetch(`${url}/login/sms/smsConfiguration/smsClientBalance.jsp?client=demo`)
  expect(await res.text()).toBe('1000.000000')
  run.child.kill('SIGTERM')
  expect(await run.exit()).toBe(0)
})

test('a flag beats its environment twin', async () => {
  const run = cli(['start', '--dinisoft-port', '0', '--control-port', '0'], { SMS_EMULATOR_DINISOFT_PORT: 'not-a-port', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0' })
  await run.waitFor(/Press Ctrl\+C to stop/)
  run.child.kill('SIGTERM')
  expect(await run.exit()).toBe(0)
})

test('start --help lists every option with its environment variable', async () => {
  const run = cli(['start', '--help'])
  expect(await run.exit()).toBe(0)
  for (const flag of ['--host', '--dinisoft-port', '--control-port', '--scenario', '--seed', '--clock']) expect(run.output()).toContain(flag)
  expect(run.output()).toContain('SMS_EMULATOR_DINISOFT_PORT')
})

test('a bad option value exits with code 2 and says what is expected', async () => {
  const run = cli(['start', '--clock', 'sometimes'])
  expect(await run.exit()).toBe(2)
  expect(run.output()).toContain('--clock must be "real" or "manual", not "sometimes"')
})

test('an unknown command exits with code 2 and shows the usage', async () => {
  const run = cli(['launch'])
  expect(await run.exit()).toBe(2)
  expect(run.output()).toContain('Unknown command "launch"')
  expect(run.output()).toContain('Usage: sms-emulator <command>')
})

test('healthcheck exits 0 against a running emulator and 1 when nothing answers', async () => {
  const run = cli(['start'], { SMS_EMULATOR_DINISOFT_PORT: '0', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_CONTROL_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0' })
  const [, control] = await run.waitFor(/Control API\s+(http:\/\/127\.0\.0\.1:\d+)/)
  const healthy = cli(['healthcheck', '--url', control as string])
  expect(await healthy.exit()).toBe(0)
  expect(healthy.output()).toContain('healthy')
  run.child.kill('SIGTERM')
  expect(await run.exit()).toBe(0)
  const down = cli(['healthcheck', '--url', control as string, '--timeout-ms', '2000'])
  expect(await down.exit()).toBe(1)
  expect(down.output()).toContain('unhealthy')
}, 45_000) // three processes one after another: on a loaded 2-core machine each takes seconds to start
