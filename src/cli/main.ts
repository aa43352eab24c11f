// The command table and the one place a command's error becomes an exit code.
import { ca } from './ca.js'
import { certifyCommand } from './certify.js'
import { type Command, type CommandIo, processIo } from './command.js'
import { healthcheck } from './healthcheck.js'
import { openapi } from './openapi.js'
import { start } from './start.js'
import { verifyConsumerCommand } from './verify-consumer.js'
import { verifyProviderCommand } from './verify-provider.js'

export const commands: readonly Command[] = [start, ca, openapi, verifyProviderCommand, verifyConsumerCommand, certifyCommand, healthcheck]

function usage(): string {
  const rows = commands.map((command) => `  ${command.name.padEnd(18)} ${command.summary}`).join('\n')
  return `Usage: sms-emulator <command> [options]\n\nCommands:\n${rows}\n\nRun "sms-emulator <command> --help" for a command's options.`
}

/** Runs `sms-emulator ...argv` and returns its exit code: 0 done, 1 a check failed, 2 bad usage. */
export async function runCli(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name === undefined ? 1 : 0
  }
  const command = commands.find((candidate) => candidate.name === name)
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`)
    return 2
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    io.err(`sms-emulator ${name}: ${(error as Error).message}`)
    return 2
  }
}
