// Test helpers: sending through a provider port the way a client would, and reading the control API.
import request from 'supertest'
import type { Emulator } from '../../src/index.js'
import { BD_NUMBER, DINISOFT_DEMO } from './emulator.js'

/** Sends one DiniSoft message and answers its Message_ID (or the whole answer when it was refused). */
export async function sendDinisoft(emu: Emulator, params: Record<string, string> = {}): Promise<{ id: string; body: Record<string, string>; status: number }> {
  const res = await request(emu.urls.dinisoft)
    .get('/sendtext')
    .query({ ...DINISOFT_DEMO, callerID: 'DEMO', toUser: BD_NUMBER, messageContent: 'Hello from the test', ...params })
  const body = res.text.startsWith('{') ? (JSON.parse(res.text) as Record<string, string>) : {}
  return { id: body.Message_ID ?? '', body, status: res.status }
}

export async function getStatus(emu: Emulator, messageid: string): Promise<Record<string, string>> {
  const res = await request(emu.urls.dinisoft).get('/getstatus').query({ apikey: DINISOFT_DEMO.apikey, secretkey: DINISOFT_DEMO.secretkey, messageid })
  return JSON.parse(res.text) as Record<string, string>
}

/** A supertest agent on the control port. */
export const control = (emu: Emulator) => request(emu.urls.control)
