// `sms-emulator verify-provider`: run a provider's documented checks against a base URL, for people and CI.
import { parseArgs } from 'node:util'
import type { CredentialName, ProviderCredentials } from '../contracts/kit/checks.js'
import { providerJUnit } from '../contracts/kit/junit.js'
import { contractFor, providerNames } from '../contracts/kit/registry.js'
import { formatProviderVerification, verifyProvider } from '../contracts/kit/verify-provider.js'
import type { ProviderContract } from '../contracts/types.js'
import { providers } from '../emulator/server.js'
import type { Command } from './command.js'
import { jsonText, reportFiles } from './files.js'
import { durationFlag } from './flags.js'

const CREDENTIALS: readonly { name: CredentialName; help: string }[] = [
  { name: 'key', help: 'API key (DiniSoft apikey, MiM api_key)' },
  { name: 'secret', help: 'Secret (DiniSoft secretkey, MiM login password)' },
  { name: 'account', help: 'Account name (DiniSoft balance client, MiM login username)' },
  { name: 'sender', help: 'An approved sender ID (MiM senderid)' },
]

const envOf = (name: CredentialName) => `SMS_EMULATOR_${name.toUpperCase()}`

/** Each provider's own parameter names as flags too: --apikey, --secretkey, --client, --api-key, --username... */
function providerFlags(contract: ProviderContract): Map<string, CredentialName> {
  const flags = new Map<string, CredentialName>()
  for (const param of contract.endpoints.flatMap((endpoint) => endpoint.params)) {
    const role = param.role
    if (role === 'key' || role === 'secret' || role === 'account' || role === 'sender') flags.set(param.name.toLowerCase().replace(/_/g, '-'), role)
  }
  return flags
}

function allProviderFlags(): Map<string, CredentialName> {
  const all = new Map<string, CredentialName>()
  for (const name of providerNames) for (const [flag, role] of providerFlags(contractFor(name))) all.set(flag, role)
  return all
}

function demoCredentials(provider: string): ProviderCredentials {
  // An API of another provider (mimsms-json) uses that provider's demo account.
  const realm = providers.find((definition) => definition.name === provider)?.realm ?? provider
  const account = providers.find((definition) => definition.name === realm)?.defaultAccounts[0]
  if (!account) return {}
  return { key: account.key, secret: account.secret, account: account.name, ...(account.senders?.[0] ? { sender: account.senders[0] } : {}) }
}

export const verifyProviderCommand: Command = {
  name: 'verify-provider',
  summary: "Run a provider's documented checks against a base URL (the real provider or the emulator)",
  help: () =>
    [
      'Usage: sms-emulator verify-provider --provider <name> --base-url URL [credentials] [--allow-send --to N] [--junit FILE] [--json FILE]',
      '',
      'Runs the checks the manual documents: auth failures, missing and refused parameters, every reachable',
      'error code, body formats, the balance, delivery-report shapes and status rules. Exits 1 when a check fails.',
      '',
      'Options:',
      `  --provider NAME        ${providerNames.join(' | ')} (required)`,
      '  --base-url URL         Where the provider answers, e.g. https://esms.mimsms.com or http://127.0.0.1:7799 (required)',
      ...CREDENTIALS.map(({ name, help }) => `  --${name.padEnd(21)}${help}; or ${envOf(name)}`),
      `  (the provider's own names work too: ${[...allProviderFlags().keys()].map((flag) => `--${flag}`).join(', ')})`,
      "  --demo                 Use the emulator's demo account of the provider",
      '  --allow-send           Also run the checks that send an SMS (to --to; MiM: 4 SMS, DiniSoft: 1) or',
      '                         take delivery reports (MiM getDLR/getAll) your own system would otherwise read',
      '  --to NUMBER            The recipient of what --allow-send sends: a number you own',
      '  --text TEXT            The text sent (default "Contract check from sms-provider-emulator")',
      '  --poll-interval TIME   Between two status polls (default 2s)',
      '  --dlr-timeout TIME     How long a message may take to reach a final status (default 60s)',
      '  --timeout TIME         Per request (default 10s)',
      '  --only TEXT            Run only the checks whose id or title contains TEXT',
      '  --junit FILE           Write the results as JUnit XML',
      '  --json FILE            Write the results as JSON',
      '  --help                 Show this help',
    ].join('\n'),
  async run(args, io) {
    const aliases = allProviderFlags()
    const { values } = parseArgs({
      args,
      options: {
        provider: { type: 'string' },
        'base-url': { type: 'string' },
        ...Object.fromEntries(CREDENTIALS.map(({ name }) => [name, { type: 'string' as const }])),
        ...Object.fromEntries([...aliases.keys()].map((flag) => [flag, { type: 'string' as const }])),
        demo: { type: 'boolean' },
        'allow-send': { type: 'boolean' },
        to: { type: 'string' },
        text: { type: 'string' },
        'poll-interval': { type: 'string' },
        'dlr-timeout': { type: 'string' },
        timeout: { type: 'string' },
        only: { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    })
    const flag = (name: string) => (values as Record<string, string | boolean | undefined>)[name]
    if (values.help) {
      io.out(verifyProviderCommand.help())
      return 0
    }
    if (!values.provider) throw new Error(`--provider is required: one of ${providerNames.join(', ')}`)
    const contract = contractFor(values.provider)
    if (!values['base-url']) throw new Error('--base-url is required, e.g. http://127.0.0.1:7788 for the emulator')
    if (values['allow-send'] && !values.to) throw new Error('--allow-send needs --to, a number you own: the checks send SMS to it')
    const own = providerFlags(contract)
    const credentials: ProviderCredentials = values.demo ? demoCredentials(contract.provider) : {}
    for (const { name } of CREDENTIALS) {
      const value = io.env[envOf(name)]
      if (value) credentials[name] = value
    }
    for (const [alias, role] of aliases) {
      const value = flag(alias)
      if (typeof value !== 'string') continue
      if (own.get(alias) !== role) throw new Error(`--${alias} is not a ${contract.title} credential; use ${[...own.keys()].map((name) => `--${name}`).join(', ')} or --key/--secret/--account/--sender`)
      credentials[role] = value
    }
    for (const { name } of CREDENTIALS) {
      const value = flag(name)
      if (typeof value === 'string') credentials[name] = value
    }
    const only = values.only
    const pollIntervalMs = durationFlag('poll-interval', values['poll-interval'])
    const dlrTimeoutMs = durationFlag('dlr-timeout', values['dlr-timeout'])
    const requestTimeoutMs = durationFlag('timeout', values.timeout)
    const writeReports = await reportFiles({ junit: values.junit, json: values.json })
    const report = await verifyProvider({
      provider: contract,
      baseUrl: values['base-url'],
      credentials,
      allowSend: values['allow-send'] ?? false,
      ...(values.to === undefined ? {} : { to: values.to }),
      ...(values.text === undefined ? {} : { text: values.text }),
      ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      ...(dlrTimeoutMs === undefined ? {} : { dlrTimeoutMs }),
      ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
      ...(only === undefined ? {} : { filter: (check) => check.id.includes(only) || check.title.includes(only) }),
    })
    io.out(formatProviderVerification(report))
    await writeReports({ junit: () => providerJUnit([report]), json: () => jsonText(report) })
    return report.ok ? 0 : 1
  },
}
