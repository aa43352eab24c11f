// Writes the inbox screenshots in docs/ (desktop, phone, message detail) from a seeded emulator:
// npm run screenshots. Needs Debian's chromium (the test set-up installs it).
import { launchChromium } from '../test/browser/chromium.js'
import { startEmulator } from '../src/index.js'

const emu = await startEmulator({ ports: 0, clock: 'manual', clockStart: '2026-01-15T10:00:00+06:00', log: false })
const browser = await launchChromium()
try {
  const dinisoft = async (to: string, text: string, from = 'SHOP') => {
    const url = new URL('/sendtext', emu.urls.dinisoft)
    url.search = new URLSearchParams({ apikey: 'demo-apikey', secretkey: 'demo-secretkey', callerID: from, toUser: to, messageContent: text }).toString()
    return `${((await (await fetch(url)).json()) as { Message_ID: string }).Message_ID}.1`
  }
  const mimsms = async (to: string, text: string, type = 'text') => {
    const url = new URL('/smsapi', emu.urls.mimsms)
    url.search = new URLSearchParams({ api_key: 'demo-api-key', type, contacts: to, senderid: 'DEMO', msg: text }).toString()
    return (await (await fetch(url)).text()).trim()
  }
  await dinisoft('01712345678', 'Your Daraz order #DZ-48213 has shipped. Track it in the app.', 'DARAZ')
  await mimsms('01812345678', 'Your OTP is 739201. It expires in 5 minutes. Do not share it.')
  await emu.clock.advance('3s')
  await mimsms('01912345678', 'Prize! Click here to claim free money')
  await mimsms('01612345678', 'আপনার ওটিপি কোড ৪৮২৯১৩। কাউকে বলবেন না।', 'unicode')
  await dinisoft('01512345678', 'Dear customer, your bKash cash-out of 5,000 BDT is complete. Fee 92.50 BDT. Balance 12,480.75 BDT. Call 16247 for help — thank you for banking with us.', 'BKASH')
  await emu.clock.advance('1s')
  const json = (path: string, body: object) =>
    fetch(new URL(path, emu.urls['mimsms-json']), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ UserName: 'demo', ApiKey: 'demo-api-key', ...body }) })
  await mimsms('01311111111', 'আপনার অর্ডার #৪৮২১৩ পাঠানো হয়েছে। ডেলিভারি আগামীকাল সকাল ১০টার মধ্যে। ধন্যবাদ, দারাজ বাংলাদেশ। প্রশ্ন থাকলে ১৬৪৯২ নম্বরে কল করুন।', 'unicode')
  // The detail page shows a message of MiM's JSON API: its send and the DlrApi read of its report, and,
  // as its account takes replies (two-way SMS), the reply form.
  const sent = (await (
    await json('/api/SmsSending/SMS', { MobileNumber: '8801412345678', SenderName: 'DEMO', TransactionType: 'T', Message: 'Your ride with Pathao is 3 minutes away. Driver: Karim, Dhaka Metro-Ga 12-3456.' })
  ).json()) as { trxnId: string }
  await emu.clock.advance('3s')
  await json('/api/SmsSending/DlrApi', { trxnId: sent.trxnId })
  const detail = ((await (await fetch(new URL('/api/messages/latest', emu.urls.control))).json()) as { id: string }).id
  const shots: [string, string, { width: number; height: number }, boolean][] = [
    ['docs/inbox-desktop.png', '/', { width: 1280, height: 640 }, false],
    ['docs/inbox-phone.png', '/', { width: 390, height: 844 }, false],
    ['docs/inbox-detail.png', `/messages/${detail}`, { width: 1280, height: 900 }, false],
  ]
  for (const [file, path, viewport] of shots) {
    const page = await browser.newPage({ viewport })
    await page.goto(new URL(path, emu.urls.control).href)
    await page.locator('html[data-stream="open"]').waitFor({ state: 'attached' })
    if (path !== '/') await page.locator('details.exchange summary').first().click()
    await page.screenshot({ path: file })
    await page.close()
    console.log(`wrote ${file}`)
  }
} finally {
  await browser.close()
  await emu.close()
}
