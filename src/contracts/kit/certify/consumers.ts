// A consumer is run once per cell: a command (its process group stopped when the cell's time runs out)
// or a function in this process (its signal aborted).
import { spawn } from 'node:child_process'
import type { Cell } from './matrix.js'

const OUTPUT_KEPT = 4000

/** What a consumer run reports back. */
export interface ConsumerRun {
  /** `null` when it was stopped. */
  readonly exitCode: number | null
  readonly timedOut: boolean
  readonly output: string
}

/** Runs the consumer once, with `env` pointing it at the cell's emulator, within `timeoutMs`. */
export type Consumer = (env: Readonly<Record<string, string>>, context: { readonly cell: Cell; readonly timeoutMs: number }) => Promise<ConsumerRun>

/** The end of a program's output, from a line's start: a line cut in its middle could show part of a credential. */
export function tail(text: string): string {
  if (text.length <= OUTPUT_KEPT) return text
  const end = text.slice(-OUTPUT_KEPT)
  return `...${end.slice(end.indexOf('\n') + 1)}`
}

/**
 * A consumer that is a command: run with the cell's environment added to `env` (this process's by default), stopped
 * (with its whole process group) when the cell's time runs out.
 */
export function commandConsumer(command: string, args: readonly string[], options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {}): Consumer {
  return (env, { timeoutMs }) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: options.cwd, env: { ...(options.env ?? process.env), ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' })
      let output = ''
      const collect = (chunk: Buffer) => {
        output = tail(output + chunk.toString('utf8'))
      }
      child.stdout.on('data', collect)
      child.stderr.on('data', collect)
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        try {
          if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL')
          else child.kill('SIGKILL')
        } catch {
          child.kill('SIGKILL')
        }
      }, timeoutMs)
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(new Error(`Failed to run ${command}: ${error.message}`, { cause: error }))
      })
      child.once('close', (code) => {
        clearTimeout(timer)
        resolve({ exitCode: timedOut ? null : code, timedOut, output })
      })
    })
}

/** What an in-process consumer gets: the cell's environment, and a signal aborted when its time runs out. */
export interface InProcessContext {
  readonly env: Readonly<Record<string, string>>
  readonly cell: Cell
  readonly signal: AbortSignal
  /** Adds a line to the consumer's output (graded by `failPattern`, shown in reports). */
  readonly log: (line: string) => void
}

/**
 * A consumer that is a function in this process: resolving is success (exit code 0, or the number it
 * resolves to), throwing is failure (exit code 1, its message as output). Past the cell's time its
 * signal aborts and the cell is graded as stopped.
 */
export function functionConsumer(run: (context: InProcessContext) => unknown): Consumer {
  return async (env, { cell, timeoutMs }) => {
    const controller = new AbortController()
    let output = ''
    const log = (line: string) => {
      output = tail(`${output}${line}\n`)
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<ConsumerRun>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`certify: the cell's ${timeoutMs} ms ran out`))
        resolve({ exitCode: null, timedOut: true, output })
      }, timeoutMs)
    })
    const ran = (async (): Promise<ConsumerRun> => {
      try {
        const value = await run({ env, cell, signal: controller.signal, log })
        return { exitCode: typeof value === 'number' ? value : 0, timedOut: false, output }
      } catch (error) {
        log(error instanceof Error ? error.message : String(error))
        return { exitCode: 1, timedOut: false, output }
      }
    })()
    try {
      return await Promise.race([ran, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
