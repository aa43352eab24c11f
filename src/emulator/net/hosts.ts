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

type HostMap = Readonly<Record<string, string>>

function hostMap(entries: Iterable<readonly [string, string]>): Map<string, string> {
  return new Map([...entries].map(([host, api]) => [normalizeHost(host), api]))
}

/**
 * Host name to API name. An alias given at start (`--host-alias`) beats one of the running scenario
 * (`hostAliases`), which beats the gateways' own hosts: a white-label name, or a known host moved.
 */
export class HostTable {
  readonly #aliases: Map<string, string>
  readonly #known: Map<string, string>
  readonly #scenarioAliases: () => HostMap | undefined
  #scenarioSource: HostMap | undefined
  #scenario = new Map<string, string>()

  constructor(aliases: readonly HostAlias[] = [], scenarioAliases: () => HostMap | undefined = () => undefined, known: HostMap = KNOWN_HOSTS) {
    this.#aliases = hostMap(aliases.map((alias) => [alias.host, alias.api]))
    this.#known = hostMap(Object.entries(known))
    this.#scenarioAliases = scenarioAliases
  }

  /** The running scenario's aliases, normalized again only when the scenario changed. */
  #scenarioMap(): Map<string, string> {
    const source = this.#scenarioAliases()
    if (source !== this.#scenarioSource) {
      this.#scenarioSource = source
      this.#scenario = hostMap(Object.entries(source ?? {}))
    }
    return this.#scenario
  }

  /** The API of a bare host name, if it is one the emulator stands in for. */
  apiOf(hostname: string): string | undefined {
    const name = normalizeHost(hostname)
    return this.#aliases.get(name) ?? this.#scenarioMap().get(name) ?? this.#known.get(name)
  }

  /** The API a `Host` header (`name`, `name:port`, `[v6]:port`) names, if known. */
  apiOfHostHeader(header: string | undefined): string | undefined {
    if (header === undefined || header.charCodeAt(0) === 91 /* '[' : an IPv6 literal is never a gateway */) return undefined
    const colon = header.indexOf(':')
    return this.apiOf(colon < 0 ? header : header.slice(0, colon))
  }

  /** Every host name, sorted: for messages that say which hosts are served. */
  hosts(): string[] {
    return [...new Set([...this.#aliases.keys(), ...this.#scenarioMap().keys(), ...this.#known.keys()])].sort()
  }
}
