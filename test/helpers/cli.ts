// Runs `sms-emulator` commands in this process (fast: no tsx start-up), with their output captured.
import type { CommandIo } from '../../src/cli/command.js'
import { runCli } from '../../src/cli/main.js'
import { closeAfterTest } from './cleanup.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** The command's environment (default: none of the test process's variables). */
  env?: NodeJS.ProcessEnv
  stdin?: string
}

function captureIo(options: CliOptions, stop: Promise<string>): { io: CommandIo; stdout: () => string; stderr: () => string; both: () => string } {
  let stdout = ''
  let stderr = ''
  let both = ''
  return {
    io: {
      out(text) {
        stdout += `${text}\n`
        both += `${text}\n`
      },
      err(text) {
        stderr += `${text}\n`
        both += `${text}\n`
      },
      env: options.env ?? {},
      stopped: () => stop,
      stdin: async () => options.stdin ?? '',
    },
    stdout: () => stdout,
    stderr: () => stderr,
    both: () => both,
  }
}

/** Runs a command that ends by itself (everything but `start`). */
export async function cli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const capture = captureIo(options, new Promise<string>(() => {}))
  const code = await runCli(args, capture.io)
  return { code, stdout: capture.stdout(), stderr: capture.stderr() }
}

export interface RunningCli {
  /** stdout and stderr interleaved, so far. */
  output(): string
  /** Resolves with the output's first match of `pattern`; rejects if the command ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>
  /** Sends the stop signal (as Ctrl+C would) and resolves with the exit code. */
  stop(): Promise<number>
  /** The exit code, once the command ends by itself. */
  readonly exited: Promise<number>
}

/** Runs a long-lived command (`start`) until stopped; stopped after each test at the latest. */
export function runningCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  let signal!: (reason: string) => void
  const stop = new Promise<string>((resolve) => (signal = resolve))
  const capture = captureIo(options, stop)
  let ended = false
  const waiters = new Set<() => void>()
  const io: CommandIo = {
    ...capture.io,
    out(text) {
      capture.io.out(text)
      for (const wake of waiters) wake()
    },
    err(text) {
      capture.io.err(text)
      for (const wake of waiters) wake()
    },
  }
  const exited = runCli(args, io).finally(() => {
    ended = true
    for (const wake of waiters) wake()
  })
  const run: RunningCli = {
    output: capture.both,
    async waitFor(pattern) {
      for (;;) {
        const match = capture.both().match(pattern)
        if (match) return match
        if (ended) throw new Error(`The command ended (${await exited}) before printing ${pattern}:\n${capture.both()}`)
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake)
            resolve()
          }
          waiters.add(wake)
        })
      }
    },
    async stop() {
      signal('stop')
      return exited
    },
    exited,
  }
  closeAfterTest(() => run.stop())
  return run
}
