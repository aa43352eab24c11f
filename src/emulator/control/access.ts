// How the control API is reached, decided at start: apart from its middleware (auth.ts), which loads
// with the control API on its first request, so that neither hono's cookie helpers nor node:crypto load
// before the ports listen (Web Crypto's global loads its part of crypto only when a token is made).

/** What `--control-token none` says: no authentication, with a warning. */
export const NO_TOKEN = 'none'

/** A random token for a control API that listens beyond loopback without one (unpredictable, not the seeded source). */
export function generateToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url')
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || bare === '::ffff:127.0.0.1'
}
