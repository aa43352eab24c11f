import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { startEmulator } from '../../src/index.js'

test('a message sent before a restart is in the inbox after it, and its delivery goes on', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sms-')), 'emulator.db')
  const send = 'sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=01712345678&messageContent=Kept'

  const before = await startEmulator({ ports: 0, clock: 'manual', log: false, db })
  await fetch(`${before.urls.dinisoft}/${send}`)
  before.clock.advance('2s')
  await before.close()

  const after = await startEmulator({ ports: 0, clock: 'manual', log: false, db })
  expect(after.messages()[0]).toMatchObject({ text: 'Kept', status: { status: 'sent' } })
  after.clock.advance('2s')
  expect(after.messages()[0]?.status.status).toBe('delivered')
  await after.close()
})
