// The command table and the one place a command's error becomes an exit code.
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
    io.err(`Unknown command "${name}".\n\n${await usage()}`)
    return 2
  }
  try {
    return await (await load()).run(args, io)
  } catch (error) {
    io.err(`sms-emulator ${name}: ${(error as Error).message}`)
    return 2
  }
}
