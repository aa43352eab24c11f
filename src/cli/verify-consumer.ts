// `sms-emulator verify-consumer`: check the requests a consumer made against the contracts, for people and CI.
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { consumerJUnit } from '../contracts/kit/junit.js'
import type { RecordedRequest } from '../contracts/kit/recorded.js'
import {
  DEFAULT_MIN_POLL_INTERVAL_MS,
  formatConsumerVerification,
  parseRecordedRequests,
  type Severity,
  type ViolationKind,
  verifyConsumer,
  violationKindNames,
} from '../contracts/kit/verify-consumer.js'
import type { Command } from './command.js'
import { jsonText, reportFiles } from './files.js'
import { durationFlag } from './flags.js'

/** The journal of a running emulator, from its control API. */
async function fromControlApi(controlUrl: string): Promise<RecordedRequest[]> {
  const url = `${controlUrl.replace(/\/+$/, '')}/api/journal`
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  } catch (error) {
    throw new Error(`Failed to read the journal from ${url}: ${(error as Error).message}. Is the emulator running, and is this its control URL (default http://127.0.0.1:7780)?`, {
      cause: error,
    })
  }
  if (!res.ok) throw new Error(`Failed to read the journal from ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`)
  return parseRecordedRequests(await res.text(), url)
}

export const verifyConsumerCommand: Command = {
  name: 'verify-consumer',
  summary: 'Check the requests your code sent (the journal) against the providers\' contracts',
  help: () =>
    [
      'Usage: sms-emulator verify-consumer [--control-url URL | --journal FILE] [--junit FILE] [--json FILE] [--min-poll-interval TIME]',
      '',
      'Lists every request that breaks a provider\'s contract, with a severity and a fix. Exits 1 when one',
      'is an error (or a warning, with --fail-on warning), so CI fails on a misused API.',
      '',
      'Options:',
      '  --control-url URL        A running emulator\'s control API (default http://127.0.0.1:7780 when no --journal)',
      '  --journal FILE           Recorded requests: the control API\'s /api/journal saved to a file, a JSON array',
      '                           or JSON Lines of {method, path, query, body, contentType, at, response}; - for stdin',
      `  --min-poll-interval TIME Shortest allowed time between two status reads of one message (default ${DEFAULT_MIN_POLL_INTERVAL_MS}ms; 0 = off)`,
      `  --ignore KINDS           Comma-separated kinds not to report: ${violationKindNames.join(', ')}`,
      '  --fail-on SEVERITY       error (default) or warning',
      '  --junit FILE             Write JUnit XML (one test case per kind of violation)',
      '  --json FILE              Write the violations as JSON',
      '  --help                   Show this help',
    ].join('\n'),
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        'control-url': { type: 'string' },
        journal: { type: 'string' },
        'min-poll-interval': { type: 'string' },
        ignore: { type: 'string' },
        'fail-on': { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    })
    if (values.help) {
      io.out(verifyConsumerCommand.help())
      return 0
    }
    if (values.journal !== undefined && values['control-url'] !== undefined) throw new Error('Give either --journal or --control-url, not both')
    const failOn = (values['fail-on'] ?? 'error') as Severity
    if (failOn !== 'error' && failOn !== 'warning') throw new Error(`--fail-on must be "error" or "warning", not "${values['fail-on']}"`)
    const ignore = (values.ignore ?? '')
      .split(',')
      .map((kind) => kind.trim())
      .filter((kind) => kind !== '')
    const unknown = ignore.filter((kind) => !violationKindNames.includes(kind as ViolationKind))
    if (unknown.length > 0) throw new Error(`--ignore knows no kind ${unknown.map((kind) => `"${kind}"`).join(', ')}; the kinds are: ${violationKindNames.join(', ')}`)
    const minPollIntervalMs = durationFlag('min-poll-interval', values['min-poll-interval'], ' (0 turns the check off)')

    const writeReports = await reportFiles({ junit: values.junit, json: values.json })
    let records: RecordedRequest[]
    if (values.journal !== undefined) {
      const source = values.journal === '-' ? 'standard input' : values.journal
      const text = values.journal === '-' ? await io.stdin() : await readFile(values.journal, 'utf8').catch((error: Error) => {
        throw new Error(`Failed to read ${values.journal}: ${error.message}`, { cause: error })
      })
      records = parseRecordedRequests(text, source)
    } else {
      records = await fromControlApi(values['control-url'] ?? 'http://127.0.0.1:7780')
    }

    const result = verifyConsumer(records, { ...(minPollIntervalMs === undefined ? {} : { minPollIntervalMs }), ignore: ignore as ViolationKind[] })
    io.out(formatConsumerVerification(result))
    await writeReports({ junit: () => consumerJUnit(result, { failOn }), json: () => jsonText(result) })
    const failing = failOn === 'warning' ? result.violations.length : result.errors
    return failing === 0 ? 0 : 1
  },
}
