import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Emulator, startEmulator } from '../../src/index.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ ports: 0, clock: 'manual', log: false })
})
afterAll(() => emu.close())

test('my code sends the OTP and sees it delivered', async () => {
  const url = `${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=01712345678&messageContent=Your%20code%20is%201234`
  const { Message_ID } = (await (await fetch(url)).json()) as { Message_ID: string }

  expect(emu.messages({ to: '8801712345678' })[0]?.text).toBe('Your code is 1234')
  emu.clock.advance('5s')
  expect(emu.messages({ to: '8801712345678' })[0]?.status.status).toBe('delivered')
  const status = await fetch(`${emu.urls.dinisoft}/getstatus?apikey=demo-apikey&secretkey=demo-secretkey&messageid=${Message_ID}`)
  expect(await status.json()).toMatchObject({ Status: '0', Text: 'DELIVRD' })
})
