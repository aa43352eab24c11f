// Which request parts are secret, so that nothing shows them in clear (journal, logs, pages, reports).
// SECURITY extends this module (secret parameter names, near-misspellings, maskSecret).

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key'])

/** Whether a request header (lower-case name) carries a credential. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name)
}
