// Test helpers for MiM's JSON API: requests with the demo account, answers as text, headers and parsed body.
import type { Emulator } from '../../src/index.js'

export const JSON_DEMO = { UserName: 'demo', ApiKey: 'demo-api-key' } as const

export interface JsonAnswer {
  readonly status: number
  readonly text: string
  readonly headers: Headers
  readonly body: Record<string, string>
}

async function answer(res: Response): Promise<JsonAnswer> {
  const text = await res.text()
  let body: Record<string, string> = {}
  try {
    body = JSON.parse(text) as Record<string, string>
  } catch {
    // Not JSON: the test looks at `text`.
  }
  return { status: res.status, text, headers: res.headers, body }
}

export async function postJson(emu: Emulator, path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<JsonAnswer> {
  return answer(await fetch(`${emu.urls['mimsms-json']}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }))
}

export async function getQuery(emu: Emulator, path: string, query: Record<string, string>): Promise<JsonAnswer> {
  return answer(await fetch(`${emu.urls['mimsms-json']}${path}?${new URLSearchParams(query)}`))
}

/** A valid /SMS request of the demo account, with `overrides`. */
export function smsRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...JSON_DEMO, MobileNumber: '8801712345678', SenderName: 'DEMO', TransactionType: 'T', Message: 'Hello from MiM', CampaignId: 'null', ...overrides }
}

export const sms = (emu: Emulator, overrides: Record<string, unknown> = {}) => postJson(emu, '/api/SmsSending/SMS', smsRequest(overrides))
export const dlr = (emu: Emulator, trxnId: string, extra: Record<string, unknown> = {}) => postJson(emu, '/api/SmsSending/DlrApi', { ...JSON_DEMO, trxnId, ...extra })
