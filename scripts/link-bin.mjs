// `npm install` in a clone links our own command into node_modules/.bin, as it does for dependencies',
// so that `npx sms-emulator` runs bin/sms-emulator.js in place instead of installing this folder into
// npx's cache (slow, broken when interrupted, and stale after edits). docs/decisions.md.
import { existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const modules = join(root, 'node_modules')
// Installed as someone's dependency (or without node_modules): npm links the bin itself.
if (existsSync(modules) && !root.split(/[\\/]/).includes('node_modules')) {
  const link = join(modules, '.bin', 'sms-emulator')
  mkdirSync(dirname(link), { recursive: true })
  if (existsSync(link) || lstatSync(link, { throwIfNoEntry: false })) unlinkSync(link)
  symlinkSync(join('..', '..', 'bin', 'sms-emulator.js'), link)
}
