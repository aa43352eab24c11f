// `sms-emulator healthcheck`: exit 0 when a running emulator's control API answers healthy (Docker HEALTHCHECK, CI waits).
import { parseArgs } from 'node:util'
import { envName } from '../config.js'
import { DEFAULT_CONTROL_PORT } from '../emulator/server.js'
import type { Command } from './command.js'
import { durationFlag } from './flags.js'
import { readRunFile } from './run-file.js'

const ONE_TRY_TIMEOUT_MS = 3000
const WAIT_TIMEOUT_MS = 30_000
const POLL_MS = 250

/** The host to call for an emulator listening on `host`: any-address listeners answer on loopback. */
function callableHost(host: string | undefined): string {
  if (host === undefined || host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/**
 * Where to look: --url, else the port as `start` reads it (flag, then environment variable), else where
 * the running `start` says it listens (so a --control-port given to a container's command counts), else
 * the default port.
 */
function controlUrl(values: { url?: string; 'control-port'?: string; host?: string }, env: NodeJS.ProcessEnv): string {
  if (values.url) return values.url
  const host = callableHost(values.host ?? env[envName('host')])
  const port = values['control-port'] || env[envName('control-port')]
  if (port) return `http://${host}:${port}`
  return readRunFile(env) ?? `http://${host}:${DEFAULT_CONTROL_PORT}`
}

async function check(base: string, timeoutMs: number): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    const res = await fetch(new URL('/api/health', base), { signal: AbortSignal.timeout(timeoutMs) })
    const text = await res.text()
    let status: unknown
    try {
      status = (JSON.parse(text) as { status?: unknown }).status
    } catch {
      status = undefined
    }
    if (res.ok && status === 'ok') return { ok: true }
    return { ok: false, why: `answered ${res.status} ${text.slice(0, 200)}` }
  } catch (error) {
    const err = error as Error & { cause?: { code?: string } }
    return { ok: false, why: err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message) }
  }
}

export const healthcheck: Command = {
  name: 'healthcheck',
  summary: "Exit 0 if the emulator's control API answers healthy; --wait polls until it does (Docker, CI)",
  help: () =>
    [
      'Usage: sms-emulator healthcheck [--wait] [--timeout 30s] [--url URL | --control-port N [--host H]]',
      '',
      '  --wait                 Poll until the emulator answers healthy (for CI: start it, then wait)',
      `  --timeout <value>      Give up after this long (default ${WAIT_TIMEOUT_MS / 1000}s with --wait, else ${ONE_TRY_TIMEOUT_MS / 1000}s)`,
      '  --url <value>          Control API base URL',
      `  --control-port <value> As for start (default ${envName('control-port')}, else where the running start listens, else ${DEFAULT_CONTROL_PORT})`,
      `  --host <value>         As for start (0.0.0.0 is called on 127.0.0.1; default ${envName('host')})`,
    ].join('\n'),
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        url: { type: 'string' },
        'control-port': { type: 'string' },
        host: { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    })
    if (values.help) {
      io.out(healthcheck.help())
      return 0
    }
    const wait = values.wait ?? false
    const budget = durationFlag(values.timeout === undefined ? 'timeout-ms' : 'timeout', values.timeout ?? values['timeout-ms']) ?? (wait ? WAIT_TIMEOUT_MS : ONE_TRY_TIMEOUT_MS)
    const deadline = performance.now() + budget
    let base = controlUrl(values, io.env)
    for (;;) {
      const left = Math.max(1, Math.round(deadline - performance.now()))
      const result = await check(base, Math.min(left, ONE_TRY_TIMEOUT_MS))
      if (result.ok) {
        io.out(`healthy: ${base}`)
        return 0
      }
      if (!wait || performance.now() + POLL_MS >= deadline) {
        io.err(`unhealthy: ${base}: ${result.why}${wait ? ` (waited ${budget} ms)` : ''}`)
        return 1
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      // The emulator may have written where it listens meanwhile.
      base = controlUrl(values, io.env)
    }
  },
}
