// The command table and the one place a command's error becomes an exit code.
import { closest } from '../contracts/nearest.js'
import { type Command, type CommandIo, processIo } from './command.js'

/** Each command is loaded when run: `start` does not pay for the contract kit or certify at start-up. */
export const commands: Readonly<Record<string, () => Promise<Command>>> = {
  start: async () => (await import('./start.js')).start,
  ca: async () => (await import('./ca.js')).ca,
  openapi: async () => (await import('./openapi.js')).openapi,
  'verify-provider': async () => (await import('./verify-provider.js')).verifyProviderCommand,
  'verify-consumer': async () => (await import('./verify-consumer.js')).verifyConsumerCommand,
  certify: async () => (await import('./certify.js')).certifyCommand,
  healthcheck: async () => (await import('./healthcheck.js')).healthcheck,
}

async function usage(): Promise<string> {
  const loaded = await Promise.all(Object.values(commands).map((load) => load()))
  const rows = loaded.map((command) => `  ${command.name.padEnd(18)} ${command.summary}`).join('\n')
  return `Usage: sms-emulator <command> [options]\n\nCommands:\n${rows}\n\nRun "sms-emulator <command> --help" for a command's options.`
}

/** Runs `sms-emulator ...argv` and returns its exit code: 0 done, 1 a check failed, 2 bad usage. */
export async function runCli(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(await usage())
    return name === undefined ? 1 : 0
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!load) {
    const meant = closest(name, Object.keys(commands))
    io.err(`Unknown command "${name}".${meant ? ` Did you mean "${meant}"?` : ''}\n\n${await usage()}`)
    return 2
  }
  const command = await load()
  try {
    return await command.run(args, io)
  } catch (error) {
    io.err(`sms-emulator ${name}: ${explain(error as NodeJS.ErrnoException, command)}`)
    return 2
  }
}

/** parseArgs' refusals, with the option that was probably meant and where the options are listed. */
function explain(error: NodeJS.ErrnoException, command: Command): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? ''
  const known = [...new Set(command.help().match(/--[a-z][a-z0-9-]*/g) ?? [])]
  const meant = closest(option, known)
  return `unknown option ${option}.${meant ? ` Did you mean ${meant}?` : ''} Run "sms-emulator ${command.name} --help" for the options.`
}
