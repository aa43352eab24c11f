// `sms-emulator start`: run the emulator until interrupted, with a banner of URLs and credentials.
import { parseArgs } from 'node:util'
import { envName, optionsHelp, portOptionFor, resolveStartOptions, startOptions } from '../config.js'
import { launchEmulator, type RunningEmulator, type ServiceName } from '../emulator/index.js'
import { providers, SHUTDOWN_GRACE_MS, tlsPorts } from '../emulator/server.js'
import type { Command } from './command.js'
import { removeRunFile, writeRunFile } from './run-file.js'

/** The inbox and control API lines: a login link when a token was made up, a warning when there is none. */
function controlLines({ urls, controlToken, controlAccess }: RunningEmulator): string[] {
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

/** A clear usage error for a port already taken, naming the option that moves it; undefined for other errors. */
function portInUse(error: Error, flags: Record<string, string | boolean | string[] | undefined>, env: NodeJS.ProcessEnv): Error | undefined {
  const cause = error.cause as NodeJS.ErrnoException & { port?: number; address?: string }
  if (cause?.code !== 'EADDRINUSE' || cause.port === undefined) return undefined
  const spec = portOptionFor(cause.port, flags, env)
  const where = `${cause.address ?? 'its address'}:${cause.port}`
  if (!spec) return new Error(`port ${where} is in use (another emulator running?)`, { cause })
  const service = spec.help.replace(/^Port of /, '').replace(/ \(.*\)$/, '')
  return new Error(
    `port ${where} (${service}) is in use: is another emulator running? Move it with --${spec.flag} <port> or ${envName(spec.flag)}=<port> (0 picks a free port).`,
    { cause },
  )
}

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
    const flags = values as Record<string, string | boolean | string[] | undefined>
    const emulator = await launchEmulator({ ...resolveStartOptions(flags, io.env), log }).catch((error: Error) => {
      throw portInUse(error, flags, io.env) ?? error
    })
    const scenario = emulator.state.scenario.current.name
    const lines = [
      `sms-provider-emulator is running (clock: ${emulator.clock.mode}, seed ${emulator.state.random.seed}${scenario ? `, scenario "${scenario}"` : ''})`,
      '',
    ]
    for (const provider of providers) {
      const url = emulator.urls[provider.name as ServiceName]
      lines.push(`  ${provider.title.padEnd(14)} ${url}`)
      // The demo account as the scenario left it (its balance may differ), else the scenario's first.
      const demo = provider.defaultAccounts[0]
      const accounts = emulator.state.accounts
      const account = (demo && accounts.byKey(provider.name, demo.key)) ?? accounts.list(provider.name)[0]
      const described = account ? provider.describe(url, account) : ['no accounts: the scenario defines none for this provider']
      for (const line of described) lines.push(`  ${''.padEnd(14)} ${line}`)
    }
    for (const port of tlsPorts) {
      lines.push(`  ${port.title.padEnd(14)} ${emulator.urls[port.service]} (TLS and plain HTTP; trust the CA: sms-emulator ca --out ca.pem)`)
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
