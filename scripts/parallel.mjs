// Runs npm scripts side by side: `node scripts/parallel.mjs main side...`. `npm test` runs the suite as
// the main one, its output shown as it comes, and typecheck and lint beside it at a lower CPU priority:
// they use the cores while the suite's tests wait on processes and sockets, without slowing the tests
// that time something. Each side script's output is printed whole once the main one ended, so the logs
// do not interleave. Exits non-zero if any failed. CONTRIBUTING.md, "Running tests".
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { setPriority } from 'node:os'
import process from 'node:process'

const [main, ...sides] = process.argv.slice(2)
if (!main) throw new Error('usage: node scripts/parallel.mjs main-script [side-script...]')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** Resolves with the script's exit code and, unless `live`, everything it printed. */
async function run(name, live) {
  const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const [code] = await once(child, 'close')
  return { name, code, output }
}

const suite = run(main, true)
// Processes started from now on inherit this one's priority: the main script started at the normal one.
try {
  setPriority(10)
} catch {
  // Not permitted here: the side scripts run at the normal priority.
}
const besides = sides.map((name) => run(name, false))
const results = [await suite, ...(await Promise.all(besides))]
for (const { name, code, output } of results.slice(1)) process.stdout.write(`> ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`}\n${output}`)
const failed = results.filter(({ code }) => code !== 0).map(({ name }) => name)
if (failed.length > 0) process.stdout.write(`\nFailed: ${failed.join(', ')}\n`)
process.exitCode = failed.length > 0 ? 1 : 0
