import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { aSubmission, balancePage, getstatus, sendtext } from '../helpers/dinisoft.js'
import { testEmulator } from '../helpers/emulator.js'

const golden = (name: string) => readFile(new URL(`../../fixtures/golden/dinisoft/${name}`, import.meta.url), 'utf8')

test('the sendtext answer is the manual sample byte for byte, but for the id', async () => {
  const emu = await testEmulator()
  const body = (await sendtext(emu.urls.dinisoft, aSubmission())).text
  const id = JSON.parse(body).Message_ID as string
  expect(body).toBe((await golden('sendtext-accepted.json')).replace('194234', id))
})

test('the delivered getstatus answer is the manual sample byte for byte, but for id and time', async () => {
  const emu = await testEmulator()
  const id = JSON.parse((await sendtext(emu.urls.dinisoft, aSubmission())).text).Message_ID as string
  const deliveredAt = emu.clock.now() + 3000
  emu.clock.advance('3s')
  const body = (await getstatus(emu.urls.dinisoft, id)).text
  expect(body).toBe((await golden('getstatus-delivered.json')).replace('194234', id).replace('1586420396602', String(deliveredAt)))
})

test('the balance answer has the manual sample shape', async () => {
  const emu = await testEmulator({ scenario: { accounts: { dinisoft: [{ key: 'demo-apikey', secret: 'demo-secretkey', name: 'demo', balance: 10 }] } } })
  expect((await balancePage(emu.urls.dinisoft)).text).toBe(await golden('balance.txt'))
})

test('the 5400 answer is the manual table row', async () => {
  const emu = await testEmulator({ scenario: { accounts: { dinisoft: [{ key: 'demo-apikey', secret: 'demo-secretkey', name: 'demo', allowedIps: ['192.0.2.1'] }] } } })
  expect((await sendtext(emu.urls.dinisoft, aSubmission())).text).toBe(await golden('sendtext-ip-not-allowed.json'))
})
