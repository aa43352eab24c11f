#!/usr/bin/env node
// The `sms-emulator` command. In a clone it never runs a stale build: when a file under src/ is newer
// than dist/ (or dist/ is missing) it runs the sources through tsx; otherwise, as in the published
// package (no src/), the built dist/cli.js. docs/decisions.md, "The sms-emulator launcher".
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import console from 'node:console'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The newest modification time of the files under `folder`, in ms (0 for none). */
function newestUnder(folder) {
  let newest = 0
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * What to run from the package folder `at`: `dist` (the build is current), `source` (a clone whose
 * build is missing or older than its sources) or `none` (no build and no sources).
 */
export function chooseEntry(at) {
  const built = join(at, 'dist', 'cli.js')
  const sources = join(at, 'src')
  if (!existsSync(sources)) return existsSync(built) ? 'dist' : 'none'
  if (!existsSync(built)) return 'source'
  return newestUnder(sources) > statSync(built).mtimeMs ? 'source' : 'dist'
}

// Run only as the command (tests import chooseEntry).
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const entry = chooseEntry(root)
  if (entry === 'dist') {
    await import(pathToFileURL(join(root, 'dist', 'cli.js')).href)
  } else if (entry === 'source') {
    let register
    try {
      ;({ register } = await import('tsx/esm/api'))
    } catch {
      console.error(`sms-emulator: ${join(root, 'dist')} is missing or older than src/, and tsx (a dev dependency) is not installed.\nRun "npm install" or "npm run build" in ${root}.`)
      process.exit(2)
    }
    register()
    await import(pathToFileURL(join(root, 'src', 'cli.ts')).href)
  } else {
    console.error(`sms-emulator: nothing to run in ${root}: dist/ is missing. Run "npm run build" there.`)
    process.exit(2)
  }
}
