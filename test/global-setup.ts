// Runs once before the suite: what the tests need from the machine that npm ci cannot install.
import { ensureChromium } from './browser/chromium.js'

export default function setup(): void {
  ensureChromium()
}
