// The docs' project, start and docker commands. `npm start` and every `sms-emulator start` line start the
// emulator in process (free ports, a scratch folder for files) and stop it; `npm run X` and `npx vitest run
// PATH` name a script and a path that exist. No Docker engine runs here: docker lines are checked against
// the image's recipe (the tag, exposed ports, the volume, SMS_EMULATOR_* variables) and the command they
// give the image runs in process, as its entrypoint would.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { envName, startOptions } from '../../src/config.js'
import { cli, runningCli } from '../helpers/cli.js'
import { blocksRunBy, commandLines, isDockerCommand, isProjectCommand, isStartCommand, root } from './blocks.js'

const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; scripts: Record<string, string> }
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8')
const exposed = new Set((/^EXPOSE (.+)$/m.exec(dockerfile)?.[1] ?? '').split(/\s+/))
const [, entrypoint = ''] = /^ENTRYPOINT \["([^"]+)"\]$/m.exec(dockerfile) ?? []
const defaultCommand = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[]
const variables = new Set(startOptions.map((spec) => envName(spec.flag)))
const portFlags = startOptions.filter((spec) => spec.flag.endsWith('-port')).map((spec) => spec.flag)

const lines = blocksRunBy('commands').flatMap((block) => commandLines(block).map((line) => ({ line: line.replace(/\s+#.*$/, ''), where: `${block.file}:${block.line}` })))

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'doc-commands-'))
})
afterAll(() => rm(scratch, { recursive: true, force: true }))

/** The shell words of a line, quotes removed. */
const words = (line: string) => [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '')
/** A file the docs name (`./emulator.db`, `/data/emulator.db`) goes to the scratch folder. */
const scratchPath = (value: string) => (value.startsWith('./') || value.startsWith('/data/') ? join(scratch, basename(value)) : value)

/** Runs `sms-emulator start ARGS` in process on free ports until its banner, then stops it. */
async function startAndStop(args: readonly string[], env: Record<string, string>, where: string): Promise<void> {
  const free = Object.fromEntries(portFlags.map((flag) => [envName(flag), '0']))
  const mapped = args.map((arg, i) => (portFlags.includes((args[i - 1] ?? '').slice(2)) ? '0' : scratchPath(arg)))
  const run = runningCli(['start', ...mapped], { env: { SMS_EMULATOR_DATA_DIR: scratch, ...env, ...free } })
  await run.waitFor(/Press Ctrl\+C to stop/)
  expect(await run.stop(), `${where}\n${run.output()}`).toBe(0)
}

test('the docs hold the commands this test runs', () => {
  expect(lines.some(({ line }) => line === 'npm start')).toBe(true)
  expect(lines.filter(({ line }) => isStartCommand(line)).length).toBeGreaterThanOrEqual(2)
  expect(lines.filter(({ line }) => isDockerCommand(line)).length).toBeGreaterThanOrEqual(4)
})

test('npm and vitest commands name scripts and test paths that exist', () => {
  for (const { line, where } of lines.filter(({ line }) => isProjectCommand(line))) {
    const [, verb, script] = words(line)
    if (words(line)[0] === 'npx') {
      const rest = words(line).slice(3)
      const name = rest[rest.indexOf('-t') + 1]
      if (rest.includes('-t')) expect(testFilesMention(name ?? ''), `${where}: ${line}`).toBe(true)
      else for (const path of rest) expect(existsSync(new URL(path, root)), `${where}: ${line}`).toBe(true)
    } else if (verb === 'run') expect(manifest.scripts, `${where}: ${line}`).toHaveProperty([script ?? ''])
    else if (verb === 'start' || verb === 'test') expect(manifest.scripts, `${where}: ${line}`).toHaveProperty([verb])
    else expect(['install', 'ci']).toContain(verb)
  }
})

/** Whether a test title somewhere in test/ contains `text` (what `vitest run -t` filters on). */
function testFilesMention(text: string): boolean {
  const files = readdirSync(new URL('test/', root), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.test.ts'))
  return files.some((name) => readFileSync(new URL(`test/${name}`, root), 'utf8').includes(text))
}

test('npm start and every sms-emulator start line start the emulator', async () => {
  expect(manifest.scripts.start).toMatch(/bin\/sms-emulator\.js start$/)
  for (const { line, where } of lines.filter(({ line }) => line === 'npm start' || isStartCommand(line))) {
    const parts = words(line)
    const env = Object.fromEntries(parts.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => [word.split('=')[0] ?? '', scratchPath(word.split('=').slice(1).join('='))]))
    for (const name of Object.keys(env)) expect(variables, `${where}: ${line}`).toContain(name)
    const args = line === 'npm start' ? [] : parts.slice(parts.indexOf('start') + 1)
    await startAndStop(args, env, `${where}: ${line}`)
  }
}, 30_000)

test("docker lines fit the image's recipe, and the command they give the image runs", async () => {
  for (const { line, where } of lines.filter(({ line }) => isDockerCommand(line))) {
    const context = `${where}: ${line}`
    const [command = '', output] = line.split(' > ')
    const parts = words(command)
    if (parts[1] === 'build') {
      expect(parts.slice(2), context).toEqual(['-t', manifest.name, '.'])
      continue
    }
    const env: Record<string, string> = {}
    let i = 2
    for (; i < parts.length && (parts[i] ?? '').startsWith('-'); i++) {
      const option = parts[i]
      if (option === '--rm' || option === '-d') continue
      const value = parts[++i] ?? ''
      if (option === '-p') expect(exposed, context).toContain(value.split(':')[1])
      else if (option === '-v') expect(value.split(':')[1], context).toBe('/data')
      else if (option === '-e') env[value.split('=')[0] ?? ''] = scratchPath(value.split('=').slice(1).join('='))
      else throw new Error(`${context}: this test does not know docker's ${option}`)
    }
    for (const name of Object.keys(env)) expect(variables, context).toContain(name)
    expect(parts[i], context).toBe(manifest.name)
    expect(entrypoint).toBe('sms-emulator')
    const args = parts.length > i + 1 ? parts.slice(i + 1) : defaultCommand
    if (args[0] === 'start') await startAndStop(args.slice(1), env, context)
    else {
      const run = await cli([...args, '--data-dir', scratch], { env })
      expect(run.code, `${context}\n${run.stderr}`).toBe(0)
      if (output) expect(run.stdout, context).toContain('BEGIN CERTIFICATE')
    }
  }
}, 30_000)
