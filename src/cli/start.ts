// `sms-emulator start`: run the emulator until interrupted, with a banner of URLs and credentials.
import { parseArgs } from 'node:util'
import { optionsHelp, resolveStartOptions, startOptions } from '../config.js'
import { type ServiceName, startEmulator } from '../emulator/index.js'
import { providers, SHUTDOWN_GRACE_MS, tlsPorts } from '../emulator/server.js'
import type { Command } from './command.js'

export const start: Command = {
  name: 'start',
  summary: 'Run both providers and the control API',
  help: () => `Usage: sms-emulator start [options]\n\nOptions (each also read from its environment variable):\n${optionsHelp()}\n  --help                       Show this help`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        ...Object.fromEntries(startOptions.map((spec) => [spec.flag, { type: spec.type, multiple: spec.multiple === true }])),
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    })
    if (values.help) {
      io.out(start.help())
      return 0
    }
    // Listen for signals before anything is printed: a supervisor may stop us as soon as it reads the banner.
    const stopped = io.stopped()
    const log = { info: io.out, warn: io.err, error: (message: string, error?: unknown) => io.err(`${message} ${error instanceof Error ? error.message : (error ?? '')}`) }
    const emulator = await startEmulator({ ...resolveStartOptions(values as Record<string, string | boolean | string[] | undefined>, io.env), log })
    const scenario = emulator.state.scenario.current.name
    const lines = [
      `sms-provider-emulator is running (clock: ${emulator.clock.mode}, seed ${emulator.state.random.seed}${scenario ? `, scenario "${scenario}"` : ''})`,
      '',
    ]
    for (const provider of providers) {
      const url = emulator.urls[provider.name as ServiceName]
      lines.push(`  ${provider.title.padEnd(14)} ${url}`)
      for (const line of provider.describe(url)) lines.push(`  ${''.padEnd(14)} ${line}`)
    }
    for (const port of tlsPorts) {
      lines.push(`  ${port.title.padEnd(14)} ${emulator.urls[port.service]} (TLS and plain HTTP; trust the CA: sms-emulator ca --out ca.pem)`)
    }
    lines.push(`  ${'Inbox'.padEnd(14)} ${emulator.urls.control}/`, `  ${'Control API'.padEnd(14)} ${emulator.urls.control}/api (docs/control-api.md)`, '', 'Press Ctrl+C to stop.')
    io.out(lines.join('\n'))
    io.out(`${await stopped}: finishing the requests in flight (up to ${SHUTDOWN_GRACE_MS / 1000} s; again to stop now)`)
    await emulator.close()
    return 0
  },
}
