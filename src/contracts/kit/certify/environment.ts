// What a cell's consumer is given: its environment (URLs, credentials, the proxy, `--env` templates)
// and the files that make it trust the emulator's CA.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rootCertificates } from 'node:tls'
import type { ProviderContract } from '../../types.js'

/** The credentials a cell's account has, and the recipient the consumer must send to. */
export interface CellCredentials {
  readonly key: string
  readonly secret: string
  readonly account: string
  readonly sender: string
  readonly to: string
}

/**
 * What a consumer with hard-coded hosts needs: the proxy (the cell's provider port, which answers the
 * real gateways' names) and the files that make it trust the emulator's CA.
 */
export interface CellProxy {
  /** `http://127.0.0.1:PORT`: HTTP_PROXY and HTTPS_PROXY. */
  readonly url: string
  /** The emulator's CA certificate alone (NODE_EXTRA_CA_CERTS, SMS_EMULATOR_CA). */
  readonly caFile: string
  /** The CA followed by Node's bundled roots (SSL_CERT_FILE, CURL_CA_BUNDLE, REQUESTS_CA_BUNDLE, which replace the system's). */
  readonly bundleFile: string
}

/** Loopback stays off the proxy: SMS_EMULATOR_URL and the control API are reached directly. */
export const NO_PROXY = '127.0.0.1,localhost,::1'

export const TEMPLATE_NAMES = ['url', 'control', 'key', 'secret', 'account', 'sender', 'to', 'provider', 'host', 'port', 'cell', 'proxy', 'ca'] as const

/** Checks `--env` templates up front, so a typo fails before any cell runs. */
export function checkTemplates(templates: Readonly<Record<string, string>>): void {
  for (const [name, template] of Object.entries(templates)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`--env: "${name}" is not an environment variable name`)
    for (const [, placeholder] of template.matchAll(/\{([^{}]*)\}/g)) {
      if (!(TEMPLATE_NAMES as readonly string[]).includes(placeholder ?? '')) {
        throw new Error(`--env ${name}: unknown placeholder {${placeholder}}; use ${TEMPLATE_NAMES.map((known) => `{${known}}`).join(', ')}`)
      }
    }
  }
}

function envName(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
}

/**
 * The environment a consumer gets: generic names (`SMS_EMULATOR_URL`, `SMS_API_KEY`, `SMS_TO`...), the
 * provider's own parameter names (`DINISOFT_APIKEY`, `MIMSMS_API_KEY`), the proxy variables and CA
 * files for code with the real hosts written in, and the `--env` templates.
 */
export function consumerEnv(
  contract: ProviderContract,
  urls: { provider: string; control: string },
  credentials: CellCredentials,
  cellId: string,
  templates: Readonly<Record<string, string>> = {},
  proxy?: CellProxy,
): Record<string, string> {
  const prefix = envName(contract.provider)
  const byRole: Readonly<Record<string, string>> = { key: credentials.key, secret: credentials.secret, account: credentials.account, sender: credentials.sender }
  const env: Record<string, string> = {
    SMS_PROVIDER: contract.provider,
    SMS_EMULATOR_URL: urls.provider,
    SMS_EMULATOR_CONTROL_URL: urls.control,
    [`${prefix}_BASE_URL`]: urls.provider,
    SMS_API_KEY: credentials.key,
    SMS_API_SECRET: credentials.secret,
    SMS_ACCOUNT: credentials.account,
    SMS_SENDER: credentials.sender,
    SMS_TO: credentials.to,
    SMS_CERTIFY_CELL: cellId,
  }
  if (proxy) {
    // Both spellings: curl reads only the lower-case http_proxy, Go and Python either.
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY']) env[name] = env[name.toLowerCase()] = proxy.url
    env.NO_PROXY = env.no_proxy = NO_PROXY
    env.SMS_EMULATOR_CA = env.NODE_EXTRA_CA_CERTS = proxy.caFile
    env.SSL_CERT_FILE = env.CURL_CA_BUNDLE = env.REQUESTS_CA_BUNDLE = proxy.bundleFile
  }
  for (const endpoint of contract.endpoints) {
    for (const param of endpoint.params) {
      const value = param.role === undefined ? undefined : byRole[param.role]
      if (value !== undefined) env[`${prefix}_${envName(param.name)}`] = value
    }
  }
  const url = new URL(urls.provider)
  const values: Readonly<Record<string, string>> = {
    url: urls.provider,
    control: urls.control,
    ...byRole,
    to: credentials.to,
    provider: contract.provider,
    host: url.hostname,
    port: url.port,
    cell: cellId,
    proxy: proxy?.url ?? '',
    ca: proxy?.caFile ?? '',
  }
  for (const [name, template] of Object.entries(templates)) env[name] = template.replace(/\{([^{}]*)\}/g, (whole, placeholder: string) => values[placeholder] ?? whole)
  return env
}

/** What certify needs of an emulator to hand out its CA. */
interface CaHolder {
  caCertificate(): Promise<string>
}

/** A run's folder: the emulators' CA (one for all cells) and the files a consumer trusts it by. */
export interface RunFolder {
  readonly dataDir: string
  /** Writes the trust files from the first cell's emulator; later cells reuse them. */
  trust(emu: CaHolder): Promise<Pick<CellProxy, 'caFile' | 'bundleFile'>>
}

type SharedFolder = RunFolder & { remove(): Promise<void> }

/** The folder the runs under way share, and how many use it. */
let shared: { folder: Promise<SharedFolder>; users: number } | undefined

/**
 * A run's folder (let go with `remove`): the CA's private key stays in `dataDir`, never in the trust
 * files. Runs under way at the same time (several suites side by side) share one, so one CA: it is
 * removed when the last of them lets it go.
 */
export async function runFolder(): Promise<RunFolder & { remove(): Promise<void> }> {
  const mine = (shared ??= { folder: newFolder(), users: 0 })
  mine.users++
  let folder: SharedFolder
  try {
    folder = await mine.folder
  } catch (error) {
    if (shared === mine) shared = undefined
    throw error
  }
  let removed = false
  return {
    dataDir: folder.dataDir,
    trust: (emu) => folder.trust(emu),
    remove: async () => {
      if (removed) return
      removed = true
      if (--mine.users > 0) return
      if (shared === mine) shared = undefined
      await folder.remove()
    },
  }
}

async function newFolder(): Promise<SharedFolder> {
  const root = await mkdtemp(join(tmpdir(), 'sms-emulator-certify-'))
  const dataDir = join(root, 'emulator')
  let files: Promise<Pick<CellProxy, 'caFile' | 'bundleFile'>> | undefined
  return {
    dataDir,
    trust: (emu) =>
      (files ??= (async () => {
        const ca = (await emu.caCertificate()).trim()
        const trust = join(root, 'trust')
        await mkdir(trust, { recursive: true })
        const caFile = join(trust, 'ca.pem')
        const bundleFile = join(trust, 'ca-bundle.pem')
        await writeFile(caFile, `${ca}\n`)
        await writeFile(bundleFile, `${[ca, ...rootCertificates].join('\n')}\n`)
        return { caFile, bundleFile }
      })()),
    remove: () => rm(root, { recursive: true, force: true }),
  }
}
