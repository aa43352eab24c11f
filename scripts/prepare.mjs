// `npm install` in a clone (npm's prepare step): builds dist/ when it is missing or older than src/, and
// links our own command into node_modules/.bin as npm does for dependencies, so that `npx sms-emulator`
// runs bin/sms-emulator.js in place. npx also runs this when it first installs the folder into its cache:
// with a current build that takes a second, not a full compile. docs/decisions.md, "The sms-emulator launcher".
import { existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chooseEntry } from '../bin/sms-emulator.js'
import { build } from './build.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

if (chooseEntry(root) === 'source') await build(root)

const modules = join(root, 'node_modules')
// Installed as someone's dependency (or without node_modules): npm links the bin itself.
if (existsSync(modules) && !root.split(/[\\/]/).includes('node_modules')) {
  const link = join(modules, '.bin', 'sms-emulator')
  mkdirSync(dirname(link), { recursive: true })
  if (lstatSync(link, { throwIfNoEntry: false })) unlinkSync(link)
  symlinkSync(join('..', '..', 'bin', 'sms-emulator.js'), link)
}
