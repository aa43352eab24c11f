#!/usr/bin/env node
// `sms-emulator`: the command table and the one place a command's error becomes an exit code.
import { ca } from './cli/ca.js'
import type { Command } from './cli/command.js'
import { healthcheck } from './cli/healthcheck.js'
import { openapi } from './cli/openapi.js'
import { start } from './cli/start.js'
import { verifyConsumerCommand } from './cli/verify-consumer.js'
import { verifyProviderCommand } from './cli/verify-provider.js'

const commands: readonly Command[] = [start, ca, openapi, verifyProviderCommand, verifyConsumerCommand, healthcheck]

function usage(): string {
  const rows = commands.map((command) => `  ${command.name.padEnd(18)} ${command.summary}`).join('\n')
  return `Usage: sms-emulator <command> [options]\n\nCommands:\n${rows}\n\nRun "sms-emulator <command> --help" for a command's options.`
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage())
    return name === undefined ? 1 : 0
  }
  const command = commands.find((candidate) => candidate.name === name)
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`)
    return 2
  }
  try {
    return await command.run(args)
  } catch (error) {
    console.error(`sms-emulator ${name}: ${(error as Error).message}`)
    return 2
  }
}

process.exitCode = await main(process.argv.slice(2))
