// The shape of a CLI command: a name, a help text and a run function returning the exit code.

/**
 * Where a command writes and what it reads from its surroundings. The process passes its own
 * (console, process.env, signals); tests pass theirs and run commands in process.
 */
export interface CommandIo {
  /** Standard output, one call per line or block (no trailing newline needed). */
  out(text: string): void
  /** Standard error, likewise. */
  err(text: string): void
  readonly env: NodeJS.ProcessEnv
  /**
   * Resolves with the reason (SIGINT, SIGTERM) when the command should stop; listening starts at the
   * first call. The process exits at once on a second signal.
   */
  stopped(): Promise<string>
  /** Standard input as text (verify-consumer --journal -). */
  stdin(): Promise<string>
}

export interface Command {
  readonly name: string
  readonly summary: string
  help(): string
  run(args: string[], io: CommandIo): Promise<number>
}

/** The real process's io. */
export function processIo(): CommandIo {
  let stopped: Promise<string> | undefined
  return {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    env: process.env,
    stopped() {
      stopped ??= new Promise<string>((resolve) => {
        let signals = 0
        const onSignal = (signal: NodeJS.Signals) => {
          // A second Ctrl+C means "now": what was answered is already committed, so nothing is lost.
          if (++signals > 1) process.exit(130)
          resolve(signal)
        }
        process.on('SIGINT', onSignal)
        process.on('SIGTERM', onSignal)
      })
      return stopped
    },
    async stdin() {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
  }
}
