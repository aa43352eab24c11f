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
  async run(args) {
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
      console.log(start.help())
      return 0
    }
    // Listen for signals before anything is printed: a supervisor may stop us as soon as it reads the banner.
    const stopped = new Promise<void>((resolve) => {
      let signals = 0
      const onSignal = (signal: NodeJS.Signals) => {
        // A second Ctrl+C means "now": what was answered is already committed, so nothing is lost.
        if (++signals > 1) process.exit(130)
        console.log(`${signal}: finishing the requests in flight (up to ${SHUTDOWN_GRACE_MS / 1000} s; again to stop now)`)
        resolve()
      }
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
    })
    const emulator = await startEmulator(resolveStartOptions(values as Record<string, string | boolean | string[] | undefined>))
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
    console.log(lines.join('\n'))
    await stopped
    await emulator.close()
    return 0
  },
}
