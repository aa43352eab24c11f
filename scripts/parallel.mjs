// Runs npm scripts side by side (`npm test` runs typecheck and lint at once: one core each) and prints
// each one's output whole when it ends, so the logs do not interleave. Exits non-zero if any failed.
import { spawn } from 'node:child_process'
import process from 'node:process'

const names = process.argv.slice(2)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const results = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (chunk) => (output += chunk))
        child.stderr.on('data', (chunk) => (output += chunk))
        child.on('close', (code) => {
          process.stdout.write(`> ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`}\n${output}`)
          resolve(code)
        })
      }),
  ),
)
process.exitCode = results.some((code) => code !== 0) ? 1 : 0
