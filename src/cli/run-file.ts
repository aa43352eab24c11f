// Where a running `sms-emulator start` says its control API listens, so `healthcheck` finds it whatever the flags.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface RunFile {
  readonly pid: number
  readonly control: string
}

/** In the temporary folder: one per machine (a container runs one emulator); TMPDIR moves it. */
export function runFilePath(env: NodeJS.ProcessEnv): string {
  return join(env.TMPDIR || tmpdir(), 'sms-emulator-control.json')
}

export function writeRunFile(control: string, env: NodeJS.ProcessEnv): void {
  try {
    writeFileSync(runFilePath(env), `${JSON.stringify({ pid: process.pid, control } satisfies RunFile)}\n`)
  } catch {
    // A read-only temporary folder only costs healthcheck its shortcut.
  }
}

/** The control URL a running emulator wrote, if its process is still alive. */
export function readRunFile(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const file = JSON.parse(readFileSync(runFilePath(env), 'utf8')) as Partial<RunFile>
    if (typeof file.control !== 'string' || typeof file.pid !== 'number') return undefined
    process.kill(file.pid, 0)
    return file.control
  } catch {
    return undefined
  }
}

/** Removes the file if it is still this process's. */
export function removeRunFile(env: NodeJS.ProcessEnv): void {
  try {
    const file = JSON.parse(readFileSync(runFilePath(env), 'utf8')) as Partial<RunFile>
    if (file.pid === process.pid) rmSync(runFilePath(env))
  } catch {
    // Already gone.
  }
}
