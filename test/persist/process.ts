// An emulator in a real child process (`sms-emulator start`), for what only a process can show: signals, kills, restarts.
// Started through the launcher as users start it: the current build when there is one (as after
// `npm ci`: half the start-up CPU of compiling the sources with tsx), the sources otherwise.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'

export interface EmulatorProcess {
  readonly child: ChildProcess
  readonly urls: { dinisoft: string; mimsms: string; control: string }
  output(): string
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited(): Promise<number | string>
}

const running = new Set<ChildProcess>()

/** SIGKILLs whatever a test left running (call it from `afterEach`). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

/** Starts `sms-emulator start` on free ports with `args`, and resolves once it printed its banner. */
export async function startProcess(args: string[], env: Record<string, string> = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['bin/sms-emulator.js', 'start', '--dinisoft-port', '0', '--mimsms-port', '0', '--control-port', '0', '--dinisoft-tls-port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exit = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child)
      resolve(code ?? signal ?? 'unknown')
    }),
  )
  while (!output.includes('Press Ctrl+C to stop')) {
    const ended = await Promise.race([once(child.stdout as NodeJS.ReadableStream, 'data').then(() => false), exit.then(() => true)])
    if (ended) throw new Error(`The emulator exited before its banner:\n${output}`)
  }
  const url = (title: string) => {
    const match = output.match(new RegExp(`${title}\\s+(http://\\S+?)/?\\s`))
    if (!match?.[1]) throw new Error(`No ${title} URL in the banner:\n${output}`)
    return match[1]
  }
  return { child, urls: { dinisoft: url('DiniSoft BD'), mimsms: url('MiM SMS'), control: url('Inbox') }, output: () => output, exited: () => exit }
}
