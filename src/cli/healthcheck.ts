// `sms-emulator healthcheck`: exit 0 when a running emulator's control API answers healthy (Docker HEALTHCHECK).
import { parseArgs } from 'node:util'
import { envName } from '../config.js'
import { DEFAULT_CONTROL_PORT } from '../emulator/server.js'
import type { Command } from './command.js'

const DEFAULT_TIMEOUT_MS = 3000

export const healthcheck: Command = {
  name: 'healthcheck',
  summary: "Exit 0 if the emulator's control API answers healthy (for Docker and CI)",
  help: () =>
    [
      'Usage: sms-emulator healthcheck [--url URL] [--timeout-ms N]',
      '',
      `  --url <value>         Control API base URL (default http://127.0.0.1:<${envName('control-port')} or ${DEFAULT_CONTROL_PORT}>)`,
      `  --timeout-ms <value>  Give up after this long (default ${DEFAULT_TIMEOUT_MS})`,
    ].join('\n'),
  async run(args, io) {
    const { values } = parseArgs({ args, options: { url: { type: 'string' }, 'timeout-ms': { type: 'string' }, help: { type: 'boolean' } }, strict: true })
    if (values.help) {
      io.out(healthcheck.help())
      return 0
    }
    const port = io.env[envName('control-port')] ?? String(DEFAULT_CONTROL_PORT)
    const base = values.url ?? `http://127.0.0.1:${port}`
    const timeout = Number(values['timeout-ms'] ?? DEFAULT_TIMEOUT_MS)
    try {
      const res = await fetch(new URL('/api/health', base), { signal: AbortSignal.timeout(timeout) })
      const body = (await res.json()) as { status?: string }
      if (res.ok && body.status === 'ok') {
        io.out(`healthy: ${base}`)
        return 0
      }
      io.err(`unhealthy: ${base} answered ${res.status} ${JSON.stringify(body)}`)
    } catch (error) {
      io.err(`unhealthy: ${base}: ${(error as Error).message}`)
    }
    return 1
  },
}
