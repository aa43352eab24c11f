// The control token: the control API and inbox need it; /api/health and the provider ports never do.
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { sendDinisoft } from '../helpers/send.js'

const TOKEN = 'test-control-token-42'

test('with a token every control route but /api/health answers 401 without it, and works with the bearer', async () => {
  const emu = await testEmulator({ controlToken: TOKEN })
  expect(emu.controlAccess).toBe('token')
  const denied = await fetch(`${emu.urls.control}/api/accounts`)
  expect(denied.status).toBe(401)
  expect(denied.headers.get('content-type')).toBe('application/problem+json')
  expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/)
  expect(await denied.text()).not.toContain('demo')
  expect((await fetch(`${emu.urls.control}/api/messages`, { method: 'DELETE' })).status).toBe(401)
  expect((await fetch(`${emu.urls.control}/api/accounts/dinisoft/demo/top-up`, { method: 'POST', body: '{"credits":5}' })).status).toBe(401)
  expect((await fetch(`${emu.urls.control}/api/accounts`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401)
  expect((await fetch(`${emu.urls.control}/api/accounts`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
  expect((await fetch(`${emu.urls.control}/api/health`)).status).toBe(200)
  expect((await sendDinisoft(emu)).body.Status).toBe('0')
})

test('the inbox asks for the token once and keeps it in a cookie; a ?token= link logs in too', async () => {
  const emu = await testEmulator({ controlToken: TOKEN })
  const page = await fetch(`${emu.urls.control}/`)
  expect(page.status).toBe(401)
  expect(await page.text()).toContain('<form method="post" action="/login">')
  const form = (token: string, next: string) => ({ method: 'POST', body: new URLSearchParams({ token, next }), redirect: 'manual' as const })
  const wrong = await fetch(`${emu.urls.control}/login`, form('nope', '/'))
  expect(wrong.status).toBe(401)
  expect(wrong.headers.get('set-cookie')).toBeNull()
  const login = await fetch(`${emu.urls.control}/login`, form(TOKEN, '//elsewhere.example/'))
  expect(login.status).toBe(303)
  expect(login.headers.get('location')).toBe('/')
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/)
  expect((await fetch(`${emu.urls.control}/`, { headers: { cookie } })).status).toBe(200)
  expect((await fetch(`${emu.urls.control}/api/clock`, { headers: { cookie } })).status).toBe(200)
  const link = await fetch(`${emu.urls.control}/?token=${TOKEN}&provider=dinisoft`, { redirect: 'manual' })
  expect(link.status).toBe(303)
  expect(link.headers.get('location')).toBe('/?provider=dinisoft')
  expect(link.headers.get('set-cookie')).toContain(`sms_emulator_token=${TOKEN}`)
})

test('beyond loopback without a token the emulator makes a random one; --control-token none turns it off', async () => {
  const guarded = await testEmulator({ host: '0.0.0.0' })
  expect(guarded.controlAccess).toBe('generated')
  expect(guarded.controlToken).toMatch(/^[\w-]{20,}$/)
  expect((await fetch(`${guarded.urls.control}/api/accounts`)).status).toBe(401)
  expect((await fetch(`${guarded.urls.control}/api/accounts`, { headers: { authorization: `Bearer ${guarded.controlToken}` } })).status).toBe(200)
  const other = await testEmulator({ host: '0.0.0.0' })
  expect(other.controlToken).not.toBe(guarded.controlToken)
  const open = await testEmulator({ host: '0.0.0.0', controlToken: 'none' })
  expect(open.controlAccess).toBe('none')
  expect((await fetch(`${open.urls.control}/api/accounts`)).status).toBe(200)
  const local = await testEmulator()
  expect(local.controlAccess).toBe('loopback')
})
