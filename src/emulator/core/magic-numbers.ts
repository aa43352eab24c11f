// Recipient numbers with fixed outcomes, like a payment provider's test cards: no scenario needed.
import type { DeliveryReason, FailureReason, Reason } from '../../contracts/reasons.js'
import type { FaultKind, Rule, Then } from './scenario-schema.js'

export type MagicEffect =
  | { readonly kind: 'delivery'; readonly outcome: DeliveryReason; readonly finalAfter?: string; readonly sentAfter?: string }
  | { readonly kind: 'stuck'; readonly status: 'pending' | 'sent' }
  | { readonly kind: 'reject'; readonly reason: Reason }
  | { readonly kind: 'latency'; readonly latency: string }
  | { readonly kind: 'fault'; readonly fault: FaultKind }

export interface MagicNumber {
  /** In normal form; any spelling the provider accepts (`01700000001`, `+8801700000001`) works too. */
  readonly number: string
  /** What happens, in a few words. */
  readonly summary: string
  readonly effect: MagicEffect
}

const failure = (number: string, outcome: FailureReason, summary: string): MagicNumber => ({ number, summary, effect: { kind: 'delivery', outcome } })

/** The table docs/scenarios.md shows (npm run docs writes it, a test keeps the two equal). Numbers only ever get added, never reused. */
export const magicNumbers: readonly MagicNumber[] = [
  { number: '8801700000000', summary: 'delivered at once (no clock advance needed)', effect: { kind: 'delivery', outcome: 'delivered', sentAfter: '0s', finalAfter: '0s' } },
  failure('8801700000001', 'absent-subscriber', 'fails: absent subscriber'),
  failure('8801700000002', 'subscriber-busy', 'fails: subscriber busy'),
  failure('8801700000003', 'unidentified-subscriber', 'fails: unidentified subscriber'),
  failure('8801700000004', 'illegal-subscriber', 'fails: illegal subscriber'),
  failure('8801700000005', 'absent-subscriber-sm', 'fails: absent subscriber for SM'),
  failure('8801700000006', 'delivery-failure', 'fails: SM delivery failure'),
  failure('8801700000007', 'system-failure', 'fails: system failure'),
  failure('8801700000008', 'barred-subscriber', 'fails: barred subscriber'),
  failure('8801700000009', 'smsc-timeout', 'fails: SMSC timeout'),
  failure('8801700000010', 'rejected', 'fails: rejected by the SMSC'),
  { number: '8801700000020', summary: 'stays pending forever', effect: { kind: 'stuck', status: 'pending' } },
  { number: '8801700000021', summary: 'reaches "sent", never a final state', effect: { kind: 'stuck', status: 'sent' } },
  { number: '8801700000022', summary: 'delivered late, 10 minutes after acceptance', effect: { kind: 'delivery', outcome: 'delivered', finalAfter: '10m' } },
  { number: '8801700000030', summary: 'send refused: invalid number', effect: { kind: 'reject', reason: 'invalid-number' } },
  { number: '8801700000031', summary: 'send refused: insufficient balance', effect: { kind: 'reject', reason: 'insufficient-balance' } },
  { number: '8801700000032', summary: 'send refused: spam detected', effect: { kind: 'reject', reason: 'spam' } },
  { number: '8801700000033', summary: 'send refused: sender ID not approved', effect: { kind: 'reject', reason: 'sender-not-approved' } },
  { number: '8801700000034', summary: "send refused: the provider's internal error", effect: { kind: 'reject', reason: 'internal-error' } },
  { number: '8801700000040', summary: 'answers after 3 seconds', effect: { kind: 'latency', latency: '3s' } },
  { number: '8801700000041', summary: 'answers after 30 seconds (past most client timeouts)', effect: { kind: 'latency', latency: '30s' } },
  { number: '8801700000050', summary: 'HTTP 500 error page', effect: { kind: 'fault', fault: 'http-500' } },
  { number: '8801700000051', summary: 'HTTP 503 error page', effect: { kind: 'fault', fault: 'http-503' } },
  { number: '8801700000052', summary: 'connection dropped before any answer', effect: { kind: 'fault', fault: 'drop' } },
  { number: '8801700000053', summary: 'never answers (the client times out)', effect: { kind: 'fault', fault: 'hang' } },
  { number: '8801700000054', summary: 'accepted, but the answer is cut short (malformed body)', effect: { kind: 'fault', fault: 'malformed' } },
  { number: '8801700000055', summary: 'HTTP 429 rate limit with Retry-After', effect: { kind: 'fault', fault: 'rate-limit' } },
]

function thenOf(effect: MagicEffect): Then {
  switch (effect.kind) {
    case 'delivery':
      return {
        dlr: {
          outcome: effect.outcome,
          ...(effect.sentAfter === undefined ? {} : { sentAfter: effect.sentAfter }),
          ...(effect.finalAfter === undefined ? {} : { finalAfter: effect.finalAfter }),
        },
      }
    case 'stuck':
      return { dlr: effect.status }
    case 'reject':
      return { reject: effect.reason }
    case 'latency':
      return { latency: effect.latency }
    case 'fault':
      return { fault: effect.fault }
  }
}

/** The magic numbers as rules, applied after a scenario's own (so the scenario can override any of them). */
export function magicNumberRules(table: readonly MagicNumber[] = magicNumbers): Rule[] {
  return table.map(({ number, summary, effect }) => ({ name: `magic number ${number} (${summary})`, when: { to: number }, then: thenOf(effect) }))
}
