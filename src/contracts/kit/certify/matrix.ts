// The certification matrix: every situation a provider's contract describes, as cells a consumer runs through.
import { finalDeliveryOutcomes } from '../../lookup.js'
import type { EndpointSpec, ProviderContract } from '../../types.js'

/**
 * What a careful consumer reports at the end of a cell:
 * - `success`: the SMS went out and, if it followed delivery, was delivered;
 * - `failure`: refused, or the outcome is unknown (an error page, a cut answer, no answer);
 * - `failure-if-followed`: a failure when the consumer read the delivery status (a failed or never
 *   final delivery), nothing to judge when it sends and forgets;
 * - `as-answered`: whatever the consumer last heard: success when a send got a whole accepted answer.
 */
export type Expectation = 'success' | 'failure' | 'failure-if-followed' | 'as-answered'

export type CellKind = 'delivered' | 'refusal' | 'balance' | 'fault' | 'read-fault' | 'delivery' | 'pending' | 'one-shot'

/** A scenario rule, as the emulator's scenario format writes it (validated when the cell starts). */
export type CellRule = Readonly<Record<string, unknown>>

export interface Cell {
  /** Stable across runs, for `--cells` and baselines: `refused-108`, `send-http-503`, `dlr-1028`. */
  readonly id: string
  readonly provider: string
  readonly kind: CellKind
  readonly title: string
  /** Scenario rules the cell's emulator starts with. */
  readonly rules: readonly CellRule[]
  /** The certification account's credits (default: plenty). */
  readonly balance?: number
  readonly expect: Expectation
  /** The transport fault, for faults on sends (`fault`) and status reads (`read-fault`). */
  readonly fault?: string
  /** The Retry-After a rate-limit answer carries. */
  readonly retryAfterMs?: number
  /** The refusal code, for refusal cells. */
  readonly code?: string
  /** Whether the cell's trouble repeats for every attempt (retries must be bounded), or happens once. */
  readonly persistent: boolean
  /** Whether sending again cannot succeed (a refusal the contract marks not retryable). */
  readonly final: boolean
  /** Whether the cell hangs a request, so only a client timeout ends it. */
  readonly hangs: boolean
}

/** How long the cells' deliveries take, in real time: short, so polling consumers finish quickly. */
export const CELL_TIMING = { sentAfter: '200ms', deliveredAfter: '700ms' } as const

/** A latency past any reasonable client timeout: the "ghost accept", where the SMS goes out unheard. */
export const GHOST_LATENCY = '10m'

/**
 * Two seconds, not one: a consumer that ignores it retries within milliseconds, and the margin to the
 * limit must survive a loaded machine. The rate-limit cells are not the slowest of a matrix anyway.
 */
const RETRY_AFTER_MS = 2000

/** The endpoints that send (`sendtext`, `smsapi`); certification drives the first, the one a consumer sends one SMS with. */
export function sendEndpoint(contract: ProviderContract): EndpointSpec {
  const endpoint = contract.endpoints.find((candidate) => candidate.sends)
  if (!endpoint) throw new Error(`Failed to certify against ${contract.title}: its contract has no endpoint that sends.`)
  return endpoint
}

/** The endpoints that read delivery status. */
export function statusEndpoints(contract: ProviderContract): EndpointSpec[] {
  return contract.endpoints.filter((endpoint) => endpoint.statusRead !== undefined)
}

const TRANSPORT_FAULTS = [
  { fault: 'http-500', title: 'every send answered by a 500 error page', persistent: true },
  { fault: 'http-502', title: 'every send answered by a 502 error page', persistent: true },
  { fault: 'http-503', title: 'every send answered by a 503 error page', persistent: true },
  { fault: 'rate-limit', title: 'the first send answered 429 with Retry-After: 2', persistent: false },
  { fault: 'drop', title: 'every send\'s connection dropped without an answer', persistent: true },
  { fault: 'hang', title: 'the send never answered', persistent: false, hangs: true },
  { fault: 'malformed', title: 'the send carried out, its answer cut short', persistent: false },
] as const

/**
 * Every cell of a provider's matrix, from its contract: the delivered baseline; each documented refusal
 * of the send endpoint; the balance running out; each transport fault on the send (and the ghost
 * accept); faults on status reads; each delivery outcome; a delivery that never ends; the one-shot rule.
 */
export function cellsFor(contract: ProviderContract): Cell[] {
  const provider = contract.provider
  const send = sendEndpoint(contract)
  const reads = statusEndpoints(contract).map((endpoint) => endpoint.id)
  const onSend = { provider, endpoint: send.id }
  const onReads = { provider, endpoint: reads }
  const base = { provider, persistent: false, final: false, hangs: false } as const
  const cells: Cell[] = [{ ...base, id: 'delivered', kind: 'delivered', title: 'the SMS is accepted and delivered', rules: [], expect: 'success' }]

  const refused = new Set<string>()
  for (const entry of send.codes ?? []) {
    // A code listed twice (two meanings of one code) is one situation for the consumer.
    if (entry.status !== undefined || refused.has(entry.code)) continue
    refused.add(entry.code)
    cells.push({
      ...base,
      id: `refused-${entry.code}`,
      kind: 'refusal',
      title: `every send refused with ${entry.code}${entry.text ? ` ${entry.text}` : ''} (${entry.meaning})`,
      rules: [{ name: `certify: refuse ${entry.code}`, when: onSend, then: { code: entry.code } }],
      expect: 'failure',
      code: entry.code,
      persistent: true,
      final: !entry.retryable,
    })
  }
  cells.push({ ...base, id: 'balance-exhausted', kind: 'balance', title: 'the account has no credit left', rules: [], balance: 0, expect: 'failure', persistent: true, final: true })

  for (const fault of TRANSPORT_FAULTS) {
    const then = fault.fault === 'rate-limit' ? { fault: { kind: 'rate-limit', retryAfter: `${RETRY_AFTER_MS}ms` } } : { fault: fault.fault }
    cells.push({
      ...base,
      id: `send-${fault.fault}`,
      kind: 'fault',
      title: fault.title,
      rules: [{ name: `certify: ${fault.fault} on send`, when: onSend, then, ...(fault.persistent ? {} : { once: true }) }],
      expect: fault.fault === 'rate-limit' ? 'as-answered' : 'failure',
      fault: fault.fault,
      ...(fault.fault === 'rate-limit' ? { retryAfterMs: RETRY_AFTER_MS } : {}),
      persistent: fault.persistent,
      hangs: 'hangs' in fault,
    })
  }
  cells.push({
    ...base,
    id: 'ghost-accept',
    kind: 'fault',
    title: `the send carried out, its answer ${GHOST_LATENCY} late (past any client timeout)`,
    rules: [{ name: 'certify: ghost accept', when: onSend, then: { latency: GHOST_LATENCY }, once: true }],
    expect: 'failure',
    fault: 'latency',
    hangs: true,
  })

  if (reads.length > 0) {
    cells.push(
      {
        ...base,
        id: 'status-http-503',
        kind: 'read-fault',
        title: 'every status read answered by a 503 error page',
        rules: [{ name: 'certify: 503 on status reads', when: onReads, then: { fault: 'http-503' } }],
        expect: 'failure-if-followed',
        fault: 'http-503',
        persistent: true,
      },
      {
        ...base,
        id: 'status-rate-limit',
        kind: 'read-fault',
        title: 'the first status read answered 429 with Retry-After: 2',
        rules: [{ name: 'certify: 429 on a status read', when: onReads, then: { fault: { kind: 'rate-limit', retryAfter: `${RETRY_AFTER_MS}ms` } }, once: true }],
        expect: 'as-answered',
        fault: 'rate-limit',
        retryAfterMs: RETRY_AFTER_MS,
      },
      {
        ...base,
        id: 'status-hang',
        kind: 'read-fault',
        title: 'the first status read never answered',
        rules: [{ name: 'certify: hang on a status read', when: onReads, then: { fault: 'hang' }, once: true }],
        expect: 'as-answered',
        fault: 'hang',
        hangs: true,
      },
    )
    for (const outcome of finalDeliveryOutcomes(contract)) {
      cells.push({
        ...base,
        id: `dlr-${outcome.code}`,
        kind: 'delivery',
        title: `delivery ends with ${outcome.code} (${outcome.meaning})`,
        rules: [{ name: `certify: delivery ${outcome.code}`, when: onSend, then: { dlr: { code: outcome.code } } }],
        expect: outcome.delivered ? 'success' : 'failure-if-followed',
      })
    }
    cells.push({
      ...base,
      id: 'pending-forever',
      kind: 'pending',
      title: 'the SMS stays pending forever',
      rules: [{ name: 'certify: pending forever', when: onSend, then: { dlr: 'pending' } }],
      expect: 'failure-if-followed',
    })
    const oneShot = statusEndpoints(contract).find((endpoint) => endpoint.statusRead?.handedOut === 'final-once' && (endpoint.codes ?? []).some((entry) => entry.reasons.includes('already-queried')))
    if (oneShot) {
      cells.push({
        ...base,
        id: 'status-already-read',
        kind: 'one-shot',
        title: `${oneShot.id} answers "already queried": another process read the final status first`,
        rules: [{ name: 'certify: final status read elsewhere', when: { provider, endpoint: oneShot.id }, then: { reject: 'already-queried' } }],
        expect: 'failure-if-followed',
        persistent: true,
      })
    }
  }
  return cells
}

function matches(cell: Cell, pattern: string): boolean {
  if (pattern.startsWith('kind:')) return cell.kind === pattern.slice(5)
  if (pattern.endsWith('*')) return cell.id.startsWith(pattern.slice(0, -1))
  return cell.id === pattern
}

/** The cells `selection` names: ids, prefixes ending in `*` (`send-*`) or kinds (`kind:fault`); all when empty. */
export function selectCells(cells: readonly Cell[], selection: readonly string[]): Cell[] {
  if (selection.length === 0) return [...cells]
  return cells.filter((cell) => selection.some((pattern) => matches(cell, pattern)))
}

/** Refuses a selection with a pattern that names no cell of any of the matrices (a typo). */
export function checkSelection(matrices: readonly (readonly Cell[])[], selection: readonly string[]): void {
  const cells = matrices.flat()
  for (const pattern of selection) {
    if (!cells.some((cell) => matches(cell, pattern))) {
      const ids = [...new Set(cells.map((cell) => cell.id))]
      const kinds = [...new Set(cells.map((cell) => cell.kind))]
      throw new Error(`--cells: no cell matches "${pattern}". The cells are: ${ids.join(', ')}; or kind:${kinds.join(', kind:')}; a trailing * matches a prefix.`)
    }
  }
}
