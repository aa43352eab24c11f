// The control token: the control API and inbox answer only a bearer token or the cookie its login sets.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { html } from 'hono/html'

export const TOKEN_COOKIE = 'sms_emulator_token'
/** Routes anyone may call: Docker HEALTHCHECK and CI waits must not need the token. */
const OPEN_PATHS = new Set(['/api/health', '/login'])

const digest = (text: string) => createHash('sha256').update(text).digest()

function sameToken(given: string | undefined, token: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(token))
}

function bearerOf(c: Context): string | undefined {
  const header = c.req.header('authorization')
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}

function keepLoggedIn(c: Context, token: string): void {
  // SameSite=Strict: another site cannot make a browser send it, so the cookie is no CSRF handle.
  setCookie(c, TOKEN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:' })
}

/** Only a local path: a login never sends the browser elsewhere. */
function localPath(next: string | undefined): string {
  return next !== undefined && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

function loginPage(c: Context, next: string, failed: boolean): Response | Promise<Response> {
  c.header('cache-control', 'no-store')
  return c.html(
    html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in: sms-provider-emulator</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:34em;margin:12vh auto;padding:0 16px}input{font:inherit;width:100%;padding:6px;margin:8px 0}</style></head>
<body><h1>sms-provider-emulator</h1>
<p>This emulator's control API needs its token: the one printed in its start-up banner, or set with <code>--control-token</code> / <code>SMS_EMULATOR_CONTROL_TOKEN</code>.</p>
${failed ? html`<p role="alert"><strong>That token is not this emulator's.</strong></p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${next}">
<label>Control token <input name="token" type="password" autocomplete="current-password" autofocus required></label>
<button>Log in</button></form></body></html>`,
    401,
  )
}

/** 401 for the API as a problem document, with the way in. */
function unauthorized(c: Context): Response {
  const body = {
    type: 'about:blank',
    title: 'Unauthorized',
    status: 401,
    detail: 'The control API needs its token: send "Authorization: Bearer TOKEN" (the token is printed in the banner, or set with --control-token / SMS_EMULATOR_CONTROL_TOKEN).',
  }
  return c.body(JSON.stringify(body), 401, { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer realm="sms-emulator control API"' })
}

/**
 * Requires the token on every control route but `/api/health`: as `Authorization: Bearer`, or the
 * cookie that the login form or a `?token=` link sets for the inbox page.
 */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path
    if (path === '/login' && c.req.method === 'POST') {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
      const given = typeof form.token === 'string' ? form.token : undefined
      const goTo = localPath(typeof form.next === 'string' ? form.next : undefined)
      if (!sameToken(given, token)) return loginPage(c, goTo, true)
      keepLoggedIn(c, token)
      return c.redirect(goTo, 303)
    }
    if (path === '/login') return loginPage(c, localPath(c.req.query('next')), false)
    if (OPEN_PATHS.has(path)) return next()
    if (sameToken(bearerOf(c), token) || sameToken(getCookie(c, TOKEN_COOKIE), token)) return next()
    const isApi = path === '/api' || path.startsWith('/api/')
    const linked = c.req.query('token')
    if (linked !== undefined && c.req.method === 'GET' && !isApi) {
      const url = new URL(c.req.url)
      url.searchParams.delete('token')
      const goTo = localPath(`${url.pathname}${url.search}`)
      if (!sameToken(linked, token)) return loginPage(c, goTo, true)
      keepLoggedIn(c, token)
      return c.redirect(goTo, 303)
    }
    if (!isApi && c.req.method === 'GET') return loginPage(c, localPath(`${path}${new URL(c.req.url).search}`), false)
    return unauthorized(c)
  }
}
