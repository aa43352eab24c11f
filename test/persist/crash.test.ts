import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, test } from 'vitest'
import { maskSecret } from '../../src/contracts/secrets.js'
import { DINISOFT_DEMO } from '../helpers/emulator.js'
import { MIMSMS_DEMO } from '../helpers/mimsms.js'
import { type EmulatorProcess, killAll, startProcess } from './process.js'

afterEach(killAll)
const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-crash-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const START_BALANCE = 1000
const MAX_REQUESTS_PER_CLIENT = 150

/** One client: sends one kind of submission after another, recording the ids it got an acceptance for. */
type Client = (emu: EmulatorProcess, n: number) => Promise<string | undefined>

const clients: Record<string, Client> = {
  async 'DiniSoft GET sendtext'(emu, n) {
    const query = new URLSearchParams({ ...DINISOFT_DEMO, callerID: 'DEMO', toUser: '8801712345678', messageContent: `dinisoft ${n}` })
    const body = (await (await fetch(`${emu.urls.dinisoft}/sendtext?${query}`)).json()) as { Status: string; Message_ID?: string }
    return body.Status === '0' ? body.Message_ID : undefined
  },
  async 'MiM form POST smsapi'(emu, n) {
    const form = new URLSearchParams({ api_key: MIMSMS_DEMO.api_key, type: 'text', contacts: '8801812345678', senderid: 'DEMO', msg: `mim ${n} `.repeat(30) })
    return /^SMS SUBMITTED: ID - (\w+)$/.exec(await (await fetch(`${emu.urls.mimsms}/smsapi`, { method: 'POST', body: form })).text())?.[1]
  },
  async 'MiM smsapimany'(emu, n) {
    const messages = JSON.stringify([
      { to: '8801912345678', message: `many ${n} a` },
      { to: '8801512345678', message: `many ${n} b` },
    ])
    const form = new URLSearchParams({ api_key: MIMSMS_DEMO.api_key, senderid: 'DEMO', messages })
    return /^SMS SUBMITTED: ID - (\w+)$/.exec(await (await fetch(`${emu.urls.mimsms}/smsapimany`, { method: 'POST', body: form })).text())?.[1]
  },
}

/** Runs every client at once and SIGKILLs the process once `killAfter` submissions were acknowledged. */
async function loadThenKill(emu: EmulatorProcess, acknowledged: Set<string>, killAfter: number): Promise<void> {
  let count = 0
  const run = async (client: Client) => {
    for (let n = 0; n < MAX_REQUESTS_PER_CLIENT; n++) {
      let id: string | undefined
      try {
        id = await client(emu, n)
      } catch {
        return // killed: the connection was reset or refused
      }
      if (id === undefined) throw new Error('A submission was refused')
      acknowledged.add(id)
      if (++count === killAfter) emu.child.kill('SIGKILL')
    }
  }
  await Promise.all(Object.values(clients).map(run))
  expect(await emu.exited()).toBe('SIGKILL')
}

const json = async (url: string, init?: RequestInit) => (await (await fetch(url, init)).json()) as Record<string, unknown>
const post = (url: string, body: object) => json(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const pull = (emu: EmulatorProcess) => json(`${emu.urls.mimsms}/api/IncomingApi/PullSMS?UserName=demo&Apikey=${MIMSMS_DEMO.api_key}`)

test('SIGKILL under load from three clients, twice: every acknowledged id is kept, a deleted one stays deleted, every balance is start minus the credits kept, the clock and replies hold', async () => {
  const db = join(folder, 'crash.db')
  const acknowledged = new Set<string>()
  await loadThenKill(await startProcess(['--clock', 'manual', '--db', db]), acknowledged, 60)
  const second = await startProcess(['--clock', 'manual', '--db', db])
  // The clock and two-way SMS are kept as they change, not only on a clean stop.
  const clock = await post(`${second.urls.control}/api/clock/advance`, { by: '1h' })
  await post(`${second.urls.control}/api/incoming`, { account: 'demo', from: '8801712345678', text: 'first reply' })
  await post(`${second.urls.control}/api/incoming`, { account: 'demo', from: '8801712345678', text: 'second reply' })
  expect(await pull(second)).toMatchObject({ messageId: '1', message_Text: 'first reply' })
  // An explicit deletion is committed before its answer, not gathered with the retention cap's evictions.
  const [deleted] = acknowledged
  const gone = (await json(`${second.urls.control}/api/messages?submission=${deleted}`)).messages as { provider: string; credits: number }[]
  expect((await fetch(`${second.urls.control}/api/messages/${deleted}`, { method: 'DELETE' })).status).toBe(204)
  await loadThenKill(second, acknowledged, 60)
  const emu = await startProcess(['--clock', 'manual', '--db', db])
  expect((await json(`${emu.urls.control}/api/clock`)).now).toBe(clock.now)
  expect(await pull(emu)).toMatchObject({ messageId: '2', message_Text: 'second reply' })
  expect((await pull(emu)).status).toBe('Data Not Found')
  const { messages, total } = (await (await fetch(`${emu.urls.control}/api/messages?limit=1000`)).json()) as {
    total: number
    messages: { submissionId: string; provider: string; credits: number }[]
  }
  expect(total).toBe(messages.length)
  const kept = new Set(messages.map((message) => message.submissionId))
  expect([...acknowledged].filter((id) => id !== deleted && !kept.has(id))).toEqual([])
  expect(kept.has(deleted as string)).toBe(false)
  expect(acknowledged.size).toBeGreaterThanOrEqual(120)

  const { accounts } = (await (await fetch(`${emu.urls.control}/api/accounts`)).json()) as { accounts: { provider: string; key: string; balance: number }[] }
  for (const [provider, key] of [
    ['dinisoft', DINISOFT_DEMO.apikey],
    ['mimsms', MIMSMS_DEMO.api_key],
  ] as const) {
    // A deleted message's credits stay spent.
    const credits = [...messages, ...gone].filter((message) => message.provider === provider).reduce((sum, message) => sum + message.credits, 0)
    expect(credits).toBeGreaterThan(0)
    expect(accounts.find((account) => account.provider === provider && account.key === maskSecret(key))?.balance).toBe(START_BALANCE - credits)
  }
  emu.child.kill('SIGTERM')
  expect(await emu.exited()).toBe(0)
}, 120_000)
