// `sms-emulator certify`: run a consumer through every situation the contracts describe, and grade it.
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { startCellEmulator } from '../certify.js'
import { certify, certifyHtml, certifyJUnit, checkTemplates, commandConsumer, type Consumer, DEFAULT_CELL_TIMEOUT_MS, DEFAULT_CERTIFY_MIN_POLL_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_RECIPIENT, formatCertification, parseBaseline, TEMPLATE_NAMES } from '../contracts/kit/certify/index.js'
import { contractFor, providerNames } from '../contracts/kit/registry.js'
import type { Command, CommandIo } from './command.js'
import { jsonText, reportFiles } from './files.js'
import { countFlag, durationFlag } from './flags.js'

export const certifyCommand: Command = {
  name: 'certify',
  summary: 'Drive your program through every provider misbehaviour the contracts describe, and grade it',
  help: () =>
    [
      'Usage: sms-emulator certify --provider P [options] -- COMMAND [ARGS...]',
      '',
      'COMMAND is your own program that sends one SMS and follows it up as your application does. For each',
      'cell of the matrix (refusals, error pages, 429, dropped and hung connections, cut answers, the ghost',
      'accept, every delivery outcome, pending forever, the one-shot rule, no balance) certify starts a fresh',
      'emulator, runs COMMAND with environment variables pointing at it, and grades what it did: no duplicate',
      'SMS, no retry of final refusals, Retry-After honoured, bounded retries, a client timeout, polling that',
      'stops, failures reported as failures, and every verify-consumer check.',
      '',
      'COMMAND gets: SMS_PROVIDER, SMS_EMULATOR_URL (the provider\'s base URL), <PROVIDER>_BASE_URL,',
      'SMS_API_KEY, SMS_API_SECRET, SMS_ACCOUNT, SMS_SENDER, SMS_TO, the provider\'s own parameter names',
      '(DINISOFT_APIKEY, MIMSMS_API_KEY, ...), SMS_EMULATOR_CONTROL_URL and SMS_CERTIFY_CELL; for code with the',
      'gateways\' real hosts written in, HTTP(S)_PROXY and NO_PROXY (both cases) and the emulator\'s CA in',
      'NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, CURL_CA_BUNDLE and REQUESTS_CA_BUNDLE (docs/certify.md).',
      '',
      'Options:',
      `  --provider P            ${providerNames.join(', ')}; repeat for several (default: all)`,
      '  --cells LIST            Comma-separated cell ids, prefixes ending in * (send-*) or kinds (kind:fault)',
      `  --timeout TIME          Time allowed to COMMAND per cell (default ${DEFAULT_CELL_TIMEOUT_MS / 1000}s); it is stopped after`,
      '  --parallel N            Cells run at once (default: four per core, at most 16)',
      `  --env NAME=TEMPLATE     Also set NAME, with ${TEMPLATE_NAMES.map((name) => `{${name}}`).join(' ')} replaced; repeatable`,
      '  --fail-pattern REGEX    Output that means COMMAND reported a failure (besides a non-zero exit code)',
      `  --min-poll-interval T   Shortest time allowed between two status reads (default ${DEFAULT_CERTIFY_MIN_POLL_MS}ms)`,
      `  --max-attempts N        Attempts allowed for a request that keeps failing (default ${DEFAULT_MAX_ATTEMPTS})`,
      `  --to NUMBER             The recipient (default ${DEFAULT_RECIPIENT})`,
      '  --junit FILE            Write JUnit XML (a test case per cell)',
      '  --json FILE             Write the JSON report (schema/certify-report.schema.json)',
      '  --html FILE             Write a self-contained HTML report',
      '  --baseline FILE         An earlier --json report: fail only on failures it did not have',
      '  --help                  Show this help',
      '',
      'Exit code 0 when every rule passed (or nothing regressed against --baseline), 1 otherwise, 2 for bad usage.',
    ].join('\n'),
  run: (args, io) => runCertifyCommand(args, io),
}

/** How COMMAND is run in each cell: a process, its environment added to `env`. */
export type ConsumerFor = (command: string, args: readonly string[], env: NodeJS.ProcessEnv) => Consumer

const processConsumer: ConsumerFor = (command, args, env) => commandConsumer(command, args, { env })

/**
 * The certify command, with how COMMAND runs given: its own tests run most consumers in process (the
 * fixtures' `main`), the command line, options, reports and exit code staying the command's.
 */
export async function runCertifyCommand(args: string[], io: CommandIo, consumerFor: ConsumerFor = processConsumer): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      provider: { type: 'string', multiple: true },
      cells: { type: 'string' },
      timeout: { type: 'string' },
      parallel: { type: 'string' },
      env: { type: 'string', multiple: true },
      'fail-pattern': { type: 'string' },
      'min-poll-interval': { type: 'string' },
      'max-attempts': { type: 'string' },
      to: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      baseline: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    io.out(certifyCommand.help())
    return 0
  }
  const [command, ...commandArgs] = positionals
  if (command === undefined) throw new Error('Give the command to certify after --, e.g. sms-emulator certify --provider dinisoft -- node send-otp.js')
  const providers = (values.provider ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '')
  for (const provider of providers) contractFor(provider)
  const env: Record<string, string> = {}
  for (const pair of values.env ?? []) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new Error(`--env takes NAME=TEMPLATE, such as SMS_URL={url}/sendtext, not "${pair}"`)
    env[pair.slice(0, at)] = pair.slice(at + 1)
  }
  checkTemplates(env)
  let failPattern: RegExp | undefined
  if (values['fail-pattern'] !== undefined) {
    try {
      failPattern = new RegExp(values['fail-pattern'])
    } catch (error) {
      throw new Error(`--fail-pattern is not a valid regular expression: ${(error as Error).message}`, { cause: error })
    }
  }
  const baseline =
    values.baseline === undefined
      ? undefined
      : parseBaseline(
          await readFile(values.baseline, 'utf8').catch((error: Error) => {
            throw new Error(`Failed to read the baseline ${values.baseline}: ${error.message}`, { cause: error })
          }),
          values.baseline,
        )
  const timeoutMs = durationFlag('timeout', values.timeout)
  const minPollIntervalMs = durationFlag('min-poll-interval', values['min-poll-interval'])
  const parallel = countFlag('parallel', values.parallel)
  const maxAttempts = countFlag('max-attempts', values['max-attempts'])
  const writeReports = await reportFiles({ json: values.json, junit: values.junit, html: values.html })
  const report = await certify({
    ...(providers.length > 0 ? { providers } : {}),
    consumer: consumerFor(command, commandArgs, io.env),
    startEmulator: startCellEmulator,
    consumerName: [command, ...commandArgs],
    ...(values.cells === undefined ? {} : { cells: values.cells.split(',').map((cell) => cell.trim()).filter((cell) => cell !== '') }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(minPollIntervalMs === undefined ? {} : { minPollIntervalMs }),
    ...(parallel === undefined ? {} : { parallel }),
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    ...(values.to === undefined ? {} : { to: values.to }),
    env,
    ...(failPattern ? { failPattern } : {}),
    ...(baseline ? { baseline } : {}),
  })
  io.out(formatCertification(report))
  await writeReports({ json: () => jsonText(report), junit: () => certifyJUnit(report), html: () => certifyHtml(report) })
  return report.ok ? 0 : 1
}
