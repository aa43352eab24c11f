#!/usr/bin/env node
// `sms-emulator`: runs one command (src/cli/main.ts) in this process and exits with its code.
import { runCli } from './cli/main.js'

process.exitCode = await runCli(process.argv.slice(2))
