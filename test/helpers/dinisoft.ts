// Small request builders for the DiniSoft API, with the demo account's credentials by default.
import request from 'supertest'
import { BD_NUMBER, DINISOFT_DEMO } from './emulator.js'

export const aSubmission = (overrides: Record<string, string> = {}) => ({
  ...DINISOFT_DEMO,
  callerID: 'DEMO',
  toUser: BD_NUMBER,
  messageContent: 'Your code is 1234',
  ...overrides,
})

export const sendtext = (base: string, params: Record<string, string>) => request(base).get('/sendtext').query(params)

export async function sendOne(base: string, overrides: Record<string, string> = {}): Promise<string> {
  const res = await sendtext(base, aSubmission(overrides))
  const body = JSON.parse(res.text) as { Status: string; Message_ID?: string }
  if (body.Status !== '0' || !body.Message_ID) throw new Error(`Failed to send a test message: ${res.text}`)
  return body.Message_ID
}

export const getstatus = (base: string, messageid: string | undefined, credentials: Record<string, string> = DINISOFT_DEMO) =>
  request(base)
    .get('/getstatus')
    .query({ apikey: credentials.apikey, secretkey: credentials.secretkey, ...(messageid === undefined ? {} : { messageid }) })

export const balancePage = (base: string, client: string = DINISOFT_DEMO.client, prefix = '/login/sms') =>
  request(base).get(`${prefix}/smsConfiguration/smsClientBalance.jsp`).query({ client })
