// Which real gateway host names the emulator stands in for, and which API answers each.

/** The public hosts of the gateways, as applications hard-code them. */
export const KNOWN_HOSTS: Readonly<Record<string, string>> = {
  'esms.mimsms.com': 'mimsms',
  'brandsms.mimsms.com': 'mimsms',
  'isms.mimsms.com': 'mimsms',
  'api.mimsms.com': 'mimsms-json',
  'sms.dinisoftbd.com': 'dinisoft',
}

export interface HostAlias {
  readonly host: string
  readonly api: string
}

// A DNS name: labels of letters, digits and hyphens (underscores are seen in the wild), dot-separated.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/

/** A host name as routing compares it: lower case, no trailing dot. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

export function isHostName(host: string): boolean {
  return HOST_NAME.test(host)
}

/**
 * Reads `HOST=API` (a `--host-alias` value).
 *
 * @example
 * parseHostAlias('sms.example-reseller.com=mimsms') // { host: 'sms.example-reseller.com', api: 'mimsms' }
 */
export function parseHostAlias(value: string, apis: readonly string[]): HostAlias {
  const separator = value.indexOf('=')
  const host = normalizeHost(value.slice(0, separator).trim())
  const api = value.slice(separator + 1).trim()
  if (separator < 0 || !isHostName(host)) {
    throw new Error(`--host-alias takes HOST=API, e.g. sms.example-reseller.com=mimsms, not "${value}"`)
  }
  if (!apis.includes(api)) throw new Error(`--host-alias ${host}=${api}: "${api}" is not an API the emulator serves (${apis.join(', ')})`)
  return { host, api }
}

/** Host name to API name: the known gateway hosts plus aliases (an alias may also move a known host). */
export class HostTable {
  readonly #apis = new Map<string, string>()

  constructor(aliases: readonly HostAlias[] = [], known: Readonly<Record<string, string>> = KNOWN_HOSTS) {
    for (const [host, api] of Object.entries(known)) this.#apis.set(host, api)
    for (const alias of aliases) this.#apis.set(normalizeHost(alias.host), alias.api)
  }

  /** The API of a bare host name, if it is one the emulator stands in for. */
  apiOf(hostname: string): string | undefined {
    return this.#apis.get(hostname) ?? this.#apis.get(normalizeHost(hostname))
  }

  /** The API a `Host` header (`name`, `name:port`, `[v6]:port`) names, if known. */
  apiOfHostHeader(header: string | undefined): string | undefined {
    if (header === undefined || header.charCodeAt(0) === 91 /* '[' : an IPv6 literal is never a gateway */) return undefined
    const colon = header.indexOf(':')
    return this.apiOf(colon < 0 ? header : header.slice(0, colon))
  }

  /** Every host name, sorted: for messages that say which hosts are served. */
  hosts(): string[] {
    return [...this.#apis.keys()].sort()
  }
}
