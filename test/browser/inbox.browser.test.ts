// The inbox in a real browser: live rows, forced outcomes and the clock, the phone layout, accessibility.
import { readFile } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Emulator, startEmulator } from '../../src/index.js'
import { launchChromium } from './chromium.js'

// Generous only for a loaded machine: each test takes well under a second on an idle one.
const SLOW = 60_000
const DESKTOP = { width: 1280, height: 800 }

// One browser, one context and one page that the tests navigate: each new context or page costs Chromium
// a renderer and Playwright its set-up, several times what a navigation costs.
let browser: Browser
let context: BrowserContext
let page: Page
let emu: Emulator
const axeSource = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8')

beforeAll(async () => {
  ;[browser, emu] = await Promise.all([
    launchChromium(),
    startEmulator({ ports: 0, clock: 'manual', clockStart: '2026-01-15T10:00:00+06:00', log: false }),
  ])
  context = await browser.newContext({ viewport: DESKTOP })
  page = await context.newPage()
}, 60_000)

afterAll(async () => {
  await Promise.all([browser?.close(), emu?.close()])
})

/** One send a provider, through its own port, as a client would; answers the message id. */
const senders: Record<string, (text: string) => Promise<string>> = {
  dinisoft: async (text) => {
    const url = new URL('/sendtext', emu.urls.dinisoft)
    url.search = new URLSearchParams({ apikey: 'demo-apikey', secretkey: 'demo-secretkey', callerID: 'SHOP', toUser: '01712345678', messageContent: text }).toString()
    const answer = (await (await fetch(url)).json()) as { Message_ID: string }
    return `${answer.Message_ID}.1`
  },
  mimsms: async (text) => {
    const url = new URL('/smsapi', emu.urls.mimsms)
    url.search = new URLSearchParams({ api_key: 'demo-api-key', type: 'text', contacts: '8801812345678', senderid: 'DEMO', msg: text }).toString()
    const answer = await (await fetch(url)).text()
    return `${/ID - (\w+)/.exec(answer)?.[1]}.1`
  },
  'mimsms-json': async (text) => {
    const body = { UserName: 'demo', ApiKey: 'demo-api-key', MobileNumber: '8801912345678', SenderName: 'DEMO', TransactionType: 'T', Message: text, CampaignId: 'null' }
    await fetch(new URL('/api/SmsSending/SMS', emu.urls['mimsms-json']), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const latest = (await (await fetch(new URL('/api/messages/latest', emu.urls.control))).json()) as { id: string }
    return latest.id
  },
}

/** The shared page, at `path` in a fresh load, light theme, at `viewport`. */
async function show(path: string, viewport = DESKTOP): Promise<Page> {
  await page.setViewportSize(viewport)
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(new URL(path, emu.urls.control).href)
  return page
}

/** Another page beside the shared one, for what must be watched on two pages at once; closed by the caller. */
async function open(path: string): Promise<Page> {
  const other = await context.newPage()
  await other.goto(new URL(path, emu.urls.control).href)
  return other
}

/** Every axe-core rule that applies, at every impact, on the page as loaded. */
async function axeViolations(on: Page, rules?: readonly string[]): Promise<string[]> {
  const only = rules ? `, runOnly: ${JSON.stringify(rules)}` : ''
  // A string, as the page's own code: it runs in the browser, where axe and document live.
  return on.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations']${only} }).then((result) =>
    result.violations.map((v) => v.impact + ' ' + v.id + ': ' + v.nodes.map((node) => node.target.join(' ')).join(', ')))`)
}

test('a message sent through each provider appears on the open inbox page at once', async () => {
  expect(Object.keys(senders).sort()).toEqual([...emu.state.providers.keys()].sort())
  const inbox = await show('/')
  // The stream is open before anything is sent.
  await inbox.locator('html[data-stream="open"]').waitFor({ state: 'attached' })
  for (const [provider, send] of Object.entries(senders)) {
    const text = `live through ${provider}`
    const id = await send(text)
    await inbox.locator('#rows tr', { hasText: text }).waitFor({ timeout: 20_000 })
    await expect(inbox.locator(`a[href="/messages/${id}"]`).count()).resolves.toBe(1)
  }
  await expect(inbox.locator('nav.tabs').innerText()).resolves.toContain(`All (${emu.messages().length})`)
}, SLOW)

test('a forced outcome and a clock advance update the row and the detail page', async () => {
  const forced = await senders.dinisoft?.('to be forced')
  const waiting = await senders.mimsms?.('to be delivered')
  const list = await show('/')
  const detail = await open(`/messages/${forced}`)
  await detail.locator('#reason').selectOption('absent-subscriber')
  await detail.getByRole('button', { name: 'failed', exact: true }).click()
  await detail.locator('.status.failed').first().waitFor({ timeout: 20_000 })
  await expect(detail.getByRole('button', { name: 'failed', exact: true }).count()).resolves.toBe(0)
  await list.locator('#rows tr', { hasText: 'to be forced' }).locator('.status.failed').waitFor({ timeout: 20_000 })

  const other = await open(`/messages/${waiting}`)
  await expect(other.locator('.status').first().innerText()).resolves.toMatch(/^accepted/)
  await list.locator('#clockbar summary').click()
  await list.getByRole('button', { name: '+1m' }).click()
  await other.locator('.status.delivered').first().waitFor({ timeout: 20_000 })
  await list.locator('#rows tr', { hasText: 'to be delivered' }).locator('.status.delivered').waitFor({ timeout: 20_000 })
  await expect(other.locator('#clock').innerText()).resolves.toContain('10:01:00')
  await Promise.all([detail.close(), other.close()])
}, SLOW)

test('on a 390x844 phone the first message is a card whose text is on the first screen', async () => {
  await senders.dinisoft?.('আপনার ওটিপি কোড 482913। কাউকে বলবেন না।')
  const phone = await show('/', { width: 390, height: 844 })
  const text = phone.locator('#rows tr').first().locator('td.text .body')
  await expect(text.innerText()).resolves.toContain('482913')
  const box = await text.boundingBox()
  expect(box).not.toBeNull()
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThan(844)
  expect(box?.width ?? 0).toBeGreaterThan(250)
  // Nothing is wider than the screen.
  await expect(phone.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390)
  // Every API tab is in sight: none hidden past the edge of a row that scrolls sideways.
  await expect(tabRows(phone)).resolves.toMatchObject({ hidden: 0, overflow: 0 })
  // A 1280x800 desktop at 200% zoom lays the page out in 640x400 CSS pixels: still no sideways scrolling.
  await phone.setViewportSize({ width: 640, height: 400 })
  await expect(phone.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(640)
  await expect(tabRows(phone)).resolves.toMatchObject({ hidden: 0, overflow: 0 })
  // On a desktop the tabs are one row, as before.
  await phone.setViewportSize(DESKTOP)
  await expect(tabRows(phone)).resolves.toEqual({ rows: 1, hidden: 0, overflow: 0 })
}, SLOW)

/** The API tabs as laid out: how many rows, how many reach past the page's width, how far the row scrolls. */
function tabRows(on: Page): Promise<{ rows: number; hidden: number; overflow: number }> {
  return on.evaluate(`(() => {
    const nav = document.querySelector('nav.tabs')
    const boxes = [...nav.querySelectorAll('a')].map((tab) => tab.getBoundingClientRect())
    return {
      rows: new Set(boxes.map((box) => Math.round(box.top))).size,
      hidden: boxes.filter((box) => box.left < 0 || box.right > document.documentElement.clientWidth).length,
      overflow: nav.scrollWidth - nav.clientWidth,
    }
  })()`)
}

test('axe-core finds no violation on the list, a message, the requests view and the controls', async () => {
  const id = await senders.mimsms?.('Prize: click here for free money')
  await fetch(new URL('/sendtext?apikey=wrong', emu.urls.dinisoft))
  // In every document the shared page loads from now on, before the page's own scripts.
  await context.addInitScript({ content: axeSource })
  for (const path of ['/', `/messages/${id}`, '/requests', '/controls']) {
    await expect(axeViolations(await show(path)), path).resolves.toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto(new URL(`/messages/${id}`, emu.urls.control).href)
  // The dark theme changes colours only.
  await expect(axeViolations(page, ['color-contrast']), 'dark theme').resolves.toEqual([])
}, SLOW)
