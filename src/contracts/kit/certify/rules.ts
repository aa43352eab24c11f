// The rules certify grades in each cell: what a careful consumer does when the provider misbehaves.
import type { EndpointSpec, ProviderContract } from '../../types.js'
import { dlrEntry, isFinalReading, readAnswer } from '../answers.js'
import { matchEndpoint, pathnameOf, readWire, valueOf } from '../recorded.js'
import { type ViolationKind, violationKindNames, violationKinds, verifyConsumer } from '../verify-consumer.js'
import { describeExchange, type Exchange, type Observation } from './evidence.js'
import { type Cell, sendEndpoint, statusEndpoints } from './matrix.js'

export type RuleStatus = 'passed' | 'failed' | 'not-applicable'

export interface RuleVerdict {
  readonly rule: string
  readonly status: RuleStatus
  /** Why it failed, in one sentence. */
  readonly message?: string
  /** The journal lines (and other facts) that show it, credentials masked. */
  readonly evidence?: readonly string[]
  /** How to fix it. */
  readonly fix?: string
}

export interface GradeOptions {
  /** The shortest time allowed between two status reads of one message (ms). */
  readonly minPollIntervalMs: number
  /** Attempts allowed for one request that keeps failing, the first included. */
  readonly maxAttempts: number
  /** Hides the cell's own key and secret by value, in text whose credentials are masked already by name. */
  readonly mask: (text: string) => string
}

interface Context extends GradeOptions {
  readonly cell: Cell
  readonly observation: Observation
  readonly contract: ProviderContract
  readonly sends: readonly Exchange[]
  readonly reads: readonly Exchange[]
  readonly start: number
  show(exchanges: readonly Exchange[]): string[]
}

type Outcome = Omit<RuleVerdict, 'rule' | 'fix'> | undefined

export interface CertifyRule {
  readonly id: string
  readonly title: string
  readonly fix: string
  /** `undefined`: the rule does not apply to the cell. */
  grade(context: Context): Outcome
}

const passed = { status: 'passed' } as const
const failed = (message: string, evidence: readonly string[]): Outcome => ({ status: 'failed', message, evidence })

/**
 * Back-off: from the fourth attempt on, retries closer than this on average are a retry storm. Low
 * enough that full jitter (a wait drawn anywhere from 0 to the exponential ceiling) passes.
 */
const MIN_AVERAGE_BACKOFF_MS = 25
const BACKOFF_JUDGED_FROM = 4
/** Clock granularity allowed when judging a wait the provider asked for. */
const WAIT_TOLERANCE_MS = 50

function accepted(endpoint: EndpointSpec | undefined, exchange: Exchange): boolean {
  if (!endpoint || exchange.status !== 200 || exchange.fault !== undefined) return false
  return readAnswer(endpoint, exchange.response).entry?.status === 'accepted'
}

function endpointOf(contract: ProviderContract, exchange: Exchange): EndpointSpec | undefined {
  return contract.endpoints.find((endpoint) => endpoint.id === exchange.endpoint)
}

function readId(contract: ProviderContract, endpoint: EndpointSpec | undefined, exchange: Exchange): string {
  const name = endpoint?.statusRead?.idParam
  const param = endpoint?.params.find((candidate) => candidate.name === name)
  if (!param) return ''
  const match = matchEndpoint(contract, pathnameOf(exchange))
  return valueOf(readWire(exchange, match?.pathParams ?? {}), param) ?? ''
}

function finalReading(contract: ProviderContract, exchange: Exchange): boolean {
  const endpoint = endpointOf(contract, exchange)
  if (!endpoint || exchange.status !== 200 || exchange.fault !== undefined) return false
  return isFinalReading(endpoint, readAnswer(endpoint, exchange.response))
}

function deliveredReading(contract: ProviderContract, exchange: Exchange): boolean {
  const endpoint = endpointOf(contract, exchange)
  if (!endpoint || exchange.status !== 200 || exchange.fault !== undefined) return false
  const reading = readAnswer(endpoint, exchange.response)
  if (reading.entry?.status === 'delivered') return true
  // Reports (XML or JSON): every one delivered, by the endpoint's DLR table.
  const codeField = (reading.response?.xml?.fields ?? reading.response?.fields)?.find((field) => field.role === 'dlr-code')
  const reports = reading.reports ?? []
  return codeField !== undefined && reports.length > 0 && reports.every((report) => dlrEntry(endpoint, report[codeField.name] ?? '')?.reason === 'delivered')
}

/** What the consumer should have reported, or `undefined` when the cell does not say. */
function expected(context: Context): 'success' | 'failure' | undefined {
  const { cell, sends, reads, contract } = context
  switch (cell.expect) {
    case 'success':
    case 'failure':
      return cell.expect
    case 'failure-if-followed':
      return reads.length > 0 ? 'failure' : undefined
    case 'as-answered': {
      const heard = sends.some((exchange) => accepted(endpointOf(contract, exchange), exchange))
      const followedToDelivery = reads.length === 0 || reads.some((exchange) => deliveredReading(contract, exchange))
      return heard && followedToDelivery ? 'success' : 'failure'
    }
  }
}

function reportedFailure(observation: Observation): boolean {
  return observation.exitCode !== 0 || observation.failMatched
}

/** Groups exchanges by what they ask about: the endpoint and, for status reads, the message. */
function attemptsOf(context: Context, exchanges: readonly Exchange[]): Exchange[][] {
  const groups = new Map<string, Exchange[]>()
  for (const exchange of exchanges) {
    const endpoint = endpointOf(context.contract, exchange)
    const key = `${exchange.endpoint ?? exchange.path}\u0000${readId(context.contract, endpoint, exchange)}`
    groups.set(key, [...(groups.get(key) ?? []), exchange])
  }
  return [...groups.values()]
}

export const certifyRules: readonly CertifyRule[] = [
  {
    id: 'sends-the-sms',
    title: 'The consumer sends the SMS to SMS_TO',
    fix: 'Send to the number in SMS_TO through the base URL certify gives (SMS_EMULATOR_URL or --env), with the credentials it gives.',
    grade(context) {
      if (context.cell.kind !== 'delivered') return undefined
      if (context.observation.accepted > 0) return passed
      return failed(
        context.sends.length === 0 ? 'no SMS was sent: the consumer never called the send endpoint' : 'no send was accepted, so nothing else can be judged',
        [
          ...(context.observation.exchanges.length === 0 ? ['no request reached the emulator'] : context.show(context.observation.exchanges)),
          ...(context.observation.output ? [`output: ${context.observation.output}`] : []),
        ],
      )
    },
  },
  {
    id: 'no-duplicate-sms',
    title: 'No duplicate SMS',
    fix: 'Never send again after a timeout, a dropped connection or a cut answer: the SMS may already be on its way, and neither gateway has idempotency keys. Report the outcome as unknown (or check the delivery status) instead.',
    grade(context) {
      if (context.observation.accepted <= 1) return context.sends.length > 0 ? passed : undefined
      return failed(`the recipient gets ${context.observation.accepted} SMS: the send was repeated after the first one had gone out`, context.show(context.sends))
    },
  },
  {
    id: 'no-retry-of-final-refusal',
    title: 'No retry of a refusal that cannot succeed',
    fix: 'Read the provider\'s code: credentials, content, number, sender and balance refusals answer the same however often you ask. Report them; retry only internal errors and transport failures.',
    grade(context) {
      if (!context.cell.final || context.sends.length === 0) return undefined
      if (context.sends.length === 1) return passed
      return failed(`the send was tried ${context.sends.length} times after a refusal that cannot succeed`, context.show(context.sends))
    },
  },
  {
    id: 'retry-after-honoured',
    title: 'Retry-After honoured',
    fix: 'On a 429, wait at least the Retry-After header\'s seconds before the next request (or give up).',
    grade(context) {
      if (context.cell.fault !== 'rate-limit') return undefined
      const wait = context.cell.retryAfterMs ?? 1000
      const exchanges = context.observation.exchanges
      const limited = exchanges.filter((exchange) => exchange.status === 429)
      if (limited.length === 0) return undefined
      for (const exchange of limited) {
        const next = exchanges.find((other) => other.seq > exchange.seq && other.endpoint === exchange.endpoint)
        if (next && next.at - exchange.at < wait - WAIT_TOLERANCE_MS) {
          return failed(`asked again ${next.at - exchange.at} ms after a 429 that said Retry-After: ${Math.ceil(wait / 1000)}`, context.show([exchange, next]))
        }
      }
      return passed
    },
  },
  {
    id: 'bounded-retries',
    title: 'Bounded retries with back-off',
    fix: 'Retry a failing request a few times at most, waiting longer each time (exponential back-off with jitter), then report the failure.',
    grade(context) {
      const { cell, maxAttempts } = context
      if (!cell.persistent || cell.final) return undefined
      const target = cell.kind === 'read-fault' ? context.reads : context.sends
      if (target.length === 0) return undefined
      for (const attempts of attemptsOf(context, target)) {
        if (attempts.length > maxAttempts) return failed(`${attempts.length} attempts of a request that kept failing (at most ${maxAttempts})`, context.show(attempts))
        const first = attempts[0]
        const last = attempts[attempts.length - 1]
        if (first && last && attempts.length >= BACKOFF_JUDGED_FROM) {
          const average = (last.at - first.at) / (attempts.length - 1)
          if (average < MIN_AVERAGE_BACKOFF_MS) return failed(`${attempts.length} attempts ${Math.round(average)} ms apart on average: retries without back-off`, context.show(attempts))
        }
      }
      return passed
    },
  },
  {
    id: 'client-timeout',
    title: 'A client timeout exists',
    fix: 'Give every request a timeout (AbortSignal.timeout, your HTTP client\'s timeout option): a gateway that never answers must not hold your process.',
    grade(context) {
      if (!context.cell.hangs) return undefined
      const target = context.cell.kind === 'read-fault' ? context.reads : context.sends
      if (target.length === 0) return undefined
      if (!context.observation.timedOut) return passed
      return failed(`the consumer was still waiting for an answer when the cell's ${(context.observation.durationMs / 1000).toFixed(1)} s ran out`, context.show(target))
    },
  },
  {
    id: 'polling-stops',
    title: 'Polling stops at the final status, and gives up on one that never comes',
    fix: 'Stop reading a message\'s status at its first final answer (delivered or failed), and stop polling after a deadline of your own when it never comes.',
    grade(context) {
      const { reads, contract, observation } = context
      if (reads.length === 0) return undefined
      const finalIds = new Map<string, Exchange>()
      for (const exchange of reads) {
        const endpoint = endpointOf(contract, exchange)
        if (endpoint?.statusRead?.handedOut === 'drain') continue
        const id = readId(context.contract, endpoint, exchange)
        const final = finalIds.get(id)
        if (final) return failed(`the status of ${id} was read again after its final answer`, context.show([final, exchange]))
        if (finalReading(contract, exchange)) finalIds.set(id, exchange)
      }
      // Stopped while its reads went on into the second half of the cell: it was still polling.
      const last = reads[reads.length - 1]
      if (observation.timedOut && last && reads.length >= 2 && last.at - observation.startedAt > observation.durationMs / 2) {
        return failed('still polling when the cell\'s time ran out', context.show(reads.slice(-3)))
      }
      return passed
    },
  },
  {
    id: 'outcome-reported',
    title: 'A refusal or an unknown outcome is reported as a failure',
    fix: 'Exit non-zero (or print what --fail-pattern matches) when the SMS was refused, failed, or its fate is unknown; report success only for an accepted (and, if you follow it, delivered) SMS.',
    grade(context) {
      const { observation } = context
      if (observation.timedOut) return undefined
      const want = expected(context)
      if (want === undefined) return undefined
      const failedReport = reportedFailure(observation)
      if ((want === 'failure') === failedReport) return passed
      const said = `exit code ${observation.exitCode}${observation.failMatched ? ', failure pattern matched' : ''}`
      const evidence = [...context.show(observation.exchanges.slice(-4)), ...(observation.output ? [`output: ${observation.output}`] : [])]
      return failed(want === 'failure' ? `reported success (${said}) though the SMS was refused or its outcome is unknown` : `reported a failure (${said}) though the SMS was accepted${context.reads.length > 0 ? ' and delivered' : ''}`, evidence)
    },
  },
]

/** verify-consumer's checks, each a rule of its own. */
const contractKinds = violationKindNames

function contractVerdicts(context: Context): RuleVerdict[] {
  const { observation } = context
  if (observation.exchanges.length === 0) return contractKinds.map((kind) => ({ rule: kind, status: 'not-applicable' }))
  // Polling is judged on answered reads: a retry after an error page is a retry, not a poll.
  const answered = observation.exchanges.filter((exchange) => exchange.status === 200 && exchange.fault === undefined)
  const others = contractKinds.filter((kind) => kind !== 'polling-too-fast')
  const found = [
    ...verifyConsumer(observation.exchanges, { minPollIntervalMs: 0 }).violations,
    ...verifyConsumer(answered, { minPollIntervalMs: context.minPollIntervalMs, ignore: others }).violations,
  ]
  return contractKinds.map((kind: ViolationKind) => {
    const mine = found.filter((violation) => violation.kind === kind)
    const first = mine[0]
    if (!first) return { rule: kind, status: 'passed' }
    return {
      rule: kind,
      status: 'failed',
      message: first.message,
      evidence: mine.map((violation) => context.mask(`${violation.request.seq === undefined ? '' : `#${violation.request.seq} `}${violation.request.method} ${violation.request.target}: ${violation.message}`)),
      fix: first.hint,
    }
  })
}

/** Every rule's id, title and fix: certify's own, then verify-consumer's checks. */
export function ruleCatalogue(): { id: string; title: string; fix: string }[] {
  return [
    ...certifyRules.map(({ id, title, fix }) => ({ id, title, fix })),
    ...contractKinds.map((kind) => ({ id: kind, title: `Contract: ${violationKinds[kind].summary}`, fix: 'See the violation\'s own hint.' })),
  ]
}

/** Grades one cell: a verdict for every rule, `not-applicable` where the cell does not test it. */
export function gradeCell(contract: ProviderContract, cell: Cell, observation: Observation, options: GradeOptions): RuleVerdict[] {
  const sending = new Set(contract.endpoints.filter((endpoint) => endpoint.sends).map((endpoint) => endpoint.id))
  sending.add(sendEndpoint(contract).id)
  const reading = new Set(statusEndpoints(contract).map((endpoint) => endpoint.id))
  const start = observation.exchanges[0]?.at ?? 0
  const context: Context = {
    ...options,
    cell,
    observation,
    contract,
    sends: observation.exchanges.filter((exchange) => exchange.endpoint !== undefined && sending.has(exchange.endpoint)),
    reads: observation.exchanges.filter((exchange) => exchange.endpoint !== undefined && reading.has(exchange.endpoint)),
    start,
    show: (exchanges) => exchanges.map((exchange) => describeExchange(exchange, start, options.mask)),
  }
  const own = certifyRules.map((rule): RuleVerdict => {
    const outcome = rule.grade(context)
    if (!outcome) return { rule: rule.id, status: 'not-applicable' }
    return { rule: rule.id, ...outcome, ...(outcome.status === 'failed' ? { fix: rule.fix } : {}) }
  })
  return [...own, ...contractVerdicts(context)]
}
