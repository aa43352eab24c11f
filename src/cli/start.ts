// `sms-emulator start`: run the emulator until interrupted, with a banner of URLs and credentials.
import { parseArgs } from 'node:util'
import { optionsHelp, resolveStartOptions, startOptions } from '../config.js'
import { type Emulator, type ServiceName, startEmulator } from '../emulator/index.js'
import { providers, SHUTDOWN_GRACE_MS } from '../emulator/server.js'
import type { Command } from './command.js'
import { removeRunFile, writeRunFile } from './run-file.js'

/** The inbox and control API lines: a login link when a token was made up, a warning when there is none. */
function controlLines({ urls, controlToken, controlAccess }: Emulator): string[] {
  const row = (title: string, text: string) => `  ${title.padEnd(14)} ${text}`
  const api = row('Control API', `${urls.control}/api (docs/control-api.md)`)
  switch (controlAccess) {
    case 'loopback':
      return [row('Inbox', `${urls.control}/`), api]
    case 'none':
      return [row('Inbox', `${urls.control}/`), api, '', `WARNING: --control-token none: anyone who reaches ${urls.control} can read every account and message and change the emulator.`]
    case 'token':
      return [row('Inbox', `${urls.control}/ (log in with the control token you set)`), api, row('', 'send Authorization: Bearer <your control token>')]
    case 'generated':
      return [
        row('Inbox', `${urls.control}/?token=${controlToken}`),
        api,
        row('Control token', `${controlToken} (made up at start, as the control API listens beyond loopback; set your own with --control-token)`),
      ]
  }
}

export const start: Command = {
  name: 'start',
  summary: 'Run both providers and the control API',
  help: () => `Usage: sms-emulator start [options]\n\nOptions (each also read from its environment variable):\n${optionsHelp()}\n  --help                       Show this help`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        ...Object.fromEntries(startOptions.map((spec) => [spec.flag, { type: spec.type }])),
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
    const emulator = await startEmulator({ ...resolveStartOptions(values as Record<string, string | boolean | undefined>, io.env), log })
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
    lines.push(...controlLines(emulator), '', 'Press Ctrl+C to stop.')
    // `healthcheck` reads where the control API is, whatever flags this process was given.
    writeRunFile(emulator.urls.control, io.env)
    io.out(lines.join('\n'))
    io.out(`${await stopped}: finishing the requests in flight (up to ${SHUTDOWN_GRACE_MS / 1000} s; again to stop now)`)
    removeRunFile(io.env)
    await emulator.close()
    return 0
  },
}
