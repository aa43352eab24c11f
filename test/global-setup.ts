// Runs once before the suite: what the tests need from the machine that npm ci cannot install, and a
// current dist/. Files start the launcher, pack the package and import dist/client from fixtures while
// others run; a build in the middle of the suite would pull dist/ from under them.
import { execFileSync } from 'node:child_process'
import { ensureChromium } from './browser/chromium.js'

export default function setup(): void {
  ensureChromium()
  // npm's prepare step: builds dist/ only when it is missing or older than src/ (a developer's edits).
  execFileSync(process.execPath, [new URL('../scripts/prepare.mjs', import.meta.url).pathname], { stdio: 'inherit' })
}
