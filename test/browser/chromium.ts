// Chromium from Debian's packages for the browser tests: installed when missing (CI starts from a fresh
// machine as root), then launched headless with a profile of its own.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

// Debian's chromium-headless-shell: Chromium's "old" headless browser, the same Blink and V8 without the
// desktop browser around them, which starts and runs pages on less CPU (what Playwright itself runs for
// headless tests). The binary itself: /usr/bin's is a shell script that stays between us and Chromium.
const PACKAGE = 'chromium-headless-shell'
export const CHROMIUM = '/usr/lib/chromium/chromium-headless-shell'

/** Installs Debian's headless Chromium unless it is there; the browser tests cannot run without it. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return
  const run = (...args: string[]) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  run('update', '-qq')
  run('install', '-y', '-qq', '--no-install-recommends', PACKAGE)
}

export function launchChromium(): Promise<Browser> {
  // Playwright gives every launch a fresh temporary profile (its own --user-data-dir) and already turns
  // off background networking, component updates, extensions and /dev/shm.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-gpu'] })
}
