// The Docker image's runtime without Docker: the packed package with its production dependencies only, in
// an empty folder, started as a non-root user with the image's environment, answers and is healthy.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'

const run = promisify(execFile)
const root = new URL('../..', import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), 'sms-emulator-runtime-'))
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
})

/** As the image runs it: a user without privileges (nobody when the tests run as root). */
function asImageUser(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: 65_534, gid: 65_534 } : {}
}

/** What `npm prune --omit=dev` keeps (the image's node_modules): the lockfile's packages not marked dev. */
function productionPackages(): string[] {
  type Entry = { dev?: boolean; devOptional?: boolean; optional?: boolean }
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Entry> }
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && (!entry.optional || existsSync(join(root, path))))
    .map(([path]) => path)
}

/** `from` at `to`, file by file as hard links (a copy across file systems), without its node_modules/. */
function linkPackage(from: string, to: string): void {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)]
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') linkPackage(source, target)
    } else if (entry.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), target)
    } else {
      try {
        linkSync(source, target)
      } catch {
        copyFileSync(source, target)
      }
    }
  }
}

function output(child: ChildProcess): () => string {
  let text = ''
  child.stdout?.on('data', (chunk) => (text += chunk))
  child.stderr?.on('data', (chunk) => (text += chunk))
  return () => text
}

async function waitFor(child: ChildProcess, text: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const match = text().match(pattern)
    if (match) return match
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before printing ${pattern}:\n${text()}`)
    await Promise.race([once(child.stdout as NodeJS.ReadableStream, 'data'), once(child, 'exit')])
  }
}

test('the packed package, with its production dependencies only, starts as a non-root user, answers, and passes healthcheck --wait', { timeout: 240_000 }, async () => {
  // dist/ is current: test/global-setup.ts builds a stale one before any file runs.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root })
  const tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]?.filename ?? '')
  const app = join(work, 'app')
  const installed = join(app, 'node_modules', 'sms-provider-emulator')
  mkdirSync(installed, { recursive: true })
  writeFileSync(join(app, 'package.json'), '{ "name": "runtime-check", "private": true }\n')
  // The package is the tarball's files and nothing else of this folder: what npm publishes and installs.
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'])
  // Its dependencies taken from this install, each at its place in npm's tree, as the image copies them,
  // instead of npm install unpacking the same packages again (~8 s of CPU).
  for (const path of productionPackages()) linkPackage(join(root, path), join(app, path))
  const modules = readdirSync(join(app, 'node_modules'))
  for (const devOnly of ['vitest', 'typescript', 'tsx', 'fast-check', 'supertest']) expect(modules).not.toContain(devOnly)
  const home = join(work, 'home')
  mkdirSync(home)
  for (const dir of [work, app, home]) chmodSync(dir, 0o777)

  // The image runs dist/cli.js; a user's `npx sms-emulator` runs the package's bin, which must find dist/.
  const cli = join(installed, 'dist', 'cli.js')
  const bin = join(installed, 'bin', 'sms-emulator.js')
  // The image's environment (Dockerfile ENV); the control port given to the container's command as a
  // flag, which healthcheck (Docker's HEALTHCHECK runs it as a separate process) must find all the same.
  const env = { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: home, NODE_ENV: 'production', SMS_EMULATOR_HOST: '0.0.0.0', SMS_EMULATOR_DINISOFT_PORT: '0', SMS_EMULATOR_MIMSMS_PORT: '0', SMS_EMULATOR_DINISOFT_TLS_PORT: '0' }
  const options = { cwd: app, env, ...asImageUser(), stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] }
  // The healthcheck waits from before the emulator is up, as a CI job does.
  const health = spawn(process.execPath, [cli, 'healthcheck', '--wait', '--timeout', '60s'], options)
  children.push(health)
  const healthText = output(health)
  const start = spawn(process.execPath, [bin, 'start', '--control-port', '0'], options)
  children.push(start)
  const text = output(start)
  const [, dinisoft] = await waitFor(start, text, /DiniSoft BD\s+(http:\/\/\S+)/)
  const [, mimsms] = await waitFor(start, text, /MiM SMS\s+(http:\/\/\S+)/)
  const [, login] = await waitFor(start, text, /Inbox\s+(http:\/\/\S+\/\?token=\S+)/)

  const sent = await fetch(`${dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=Hello`)
  expect(JSON.parse(await sent.text())).toMatchObject({ Status: '0' })
  expect(await (await fetch(`${mimsms}/miscapi/demo-api-key/getBalance`)).text()).toMatch(/^Your Balance is:BDT /)
  const control = new URL(login as string)
  expect((await fetch(`${control.origin}/api/accounts`)).status).toBe(401)
  expect((await fetch(login as string, { redirect: 'manual' })).headers.get('set-cookie')).toContain('sms_emulator_token=')
  // The command is a bundle in dist/ (scripts/build.mjs): the shipped scenario files are still found.
  const scenarios = await fetch(`${control.origin}/api/scenarios`, { headers: { authorization: `Bearer ${control.searchParams.get('token')}` } })
  expect(((await scenarios.json()) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toContain('default')

  const [code] = (await once(health, 'exit')) as [number]
  expect(healthText()).toContain(`healthy: ${control.origin}`)
  expect(code).toBe(0)
  start.kill('SIGTERM')
  const [exitCode] = (await once(start, 'exit')) as [number]
  expect(exitCode).toBe(0)
})
