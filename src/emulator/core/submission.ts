// Accepting a submission: segments, credits charged once for all recipients, ids, delivery plans.
import type { Account } from './accounts.js'
import type { Msisdn } from '../../contracts/msisdn.js'
import { Rejection } from './rejection.js'
import type { Decision } from './rules.js'
import { countSegments, type Encoding } from '../../contracts/encoding.js'
import type { EmulatorState } from './state.js'
import { type Message, messageId, NO_META } from './store.js'

export interface SubmissionItem {
  readonly to: Msisdn
  /** The text as the client sent it. */
  readonly text: string
  /** The text as the handset will show it, when that differs. */
  readonly shownText?: string
  readonly encoding: Encoding
}

export interface SubmissionInput {
  readonly provider: string
  /** The API that accepted it, when the provider has several. */
  readonly api?: string
  readonly account: Account
  readonly from: string
  readonly items: readonly SubmissionItem[]
  readonly decision: Decision
  /** Proposes a provider-shaped id; asked again while the id is already taken. */
  readonly newId: () => string
  /** When the messages go to the network; now when omitted. */
  readonly releaseAt?: number
  readonly meta?: Readonly<Record<string, string>>
}

export interface Submission {
  readonly id: string
  readonly messages: readonly Message[]
  readonly credits: number
}

const MAX_ID_ATTEMPTS = 1000

function uniqueId(state: EmulatorState, propose: () => string): string {
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const id = propose()
    if (!state.store.isSubmissionIdTaken(id)) return id
  }
  throw new Error(`Failed to find a free message id after ${MAX_ID_ATTEMPTS} attempts`)
}

/**
 * Charges the account (one credit per segment per recipient, all or nothing) and stores one message
 * per recipient under one submission id. Throws a `Rejection` when the balance is short.
 */
export function acceptSubmission(state: EmulatorState, input: SubmissionInput): Submission {
  if (input.items.length === 0) throw new Rejection('no-valid-number')
  const segments = input.items.map((item) => countSegments(item.shownText ?? item.text, item.encoding).segments)
  let credits = 0
  for (const count of segments) credits += count
  state.accounts.charge(input.account, credits)
  const id = uniqueId(state, input.newId)
  const acceptedAt = state.clock.now()
  const releaseAt = Math.max(input.releaseAt ?? acceptedAt, acceptedAt)
  const meta = input.meta ?? NO_META
  const messages = input.items.map((item, index) => {
    const { plan, rule } = input.decision.deliveryFor(item.to.msisdn)
    const count = segments[index] as number
    return state.track({
      id: messageId(id, index),
      index,
      submissionId: id,
      provider: input.provider,
      api: input.api,
      account: input.account.key,
      from: input.from,
      to: item.to.msisdn,
      operator: item.to.operator,
      text: item.text,
      shownText: item.shownText ?? item.text,
      encoding: item.encoding,
      segments: count,
      credits: count,
      acceptedAt,
      releaseAt,
      plan,
      meta,
      rule,
    })
  })
  // Committed before the client hears of it: an acknowledged id survives a crash.
  state.durability.accepted(messages, input.account)
  return { id, messages, credits }
}
