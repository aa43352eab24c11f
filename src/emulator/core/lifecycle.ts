// A message's delivery, computed from its plan and the clock whenever it is read: no timers needed.
import type { DeliveryReason } from '../../contracts/reasons.js'

export type MessageStatus = 'scheduled' | 'accepted' | 'sent' | 'delivered' | 'failed'
export type FinalStatus = 'delivered' | 'failed'

/** One step of a delivery plan, relative to the moment the message is released to the network. */
export interface DeliveryStep {
  readonly afterMs: number
  readonly status: 'sent' | FinalStatus
  /** Why it ended (`delivered`, `absent-subscriber`, ...); only on final steps. */
  readonly reason?: DeliveryReason
  /** A provider delivery code named directly by a scenario, rendered verbatim by that provider. */
  readonly code?: string
}

export interface DeliveryTiming {
  readonly sentAfterMs: number
  readonly deliveredAfterMs: number
}

export const DEFAULT_TIMING: DeliveryTiming = { sentAfterMs: 1000, deliveredAfterMs: 3000 }

export interface StatusEvent {
  readonly status: MessageStatus
  readonly at: number
  readonly reason?: DeliveryReason
  readonly code?: string
}

/** What a message needs for its lifecycle to be computed. */
export interface Deliverable {
  readonly acceptedAt: number
  releaseAt: number
  plan: readonly DeliveryStep[]
}

export function defaultPlan(timing: DeliveryTiming = DEFAULT_TIMING): DeliveryStep[] {
  return [
    { afterMs: timing.sentAfterMs, status: 'sent' },
    { afterMs: timing.deliveredAfterMs, status: 'delivered', reason: 'delivered' },
  ]
}

/** Every state the message has passed through by `now`, oldest first. */
export function historyAt(message: Deliverable, now: number): StatusEvent[] {
  const events: StatusEvent[] = []
  if (message.releaseAt > message.acceptedAt) events.push({ status: 'scheduled', at: message.acceptedAt })
  if (message.releaseAt > now) return events
  events.push({ status: 'accepted', at: message.releaseAt })
  for (const step of message.plan) {
    const at = message.releaseAt + step.afterMs
    if (at > now) break
    events.push({
      status: step.status,
      at,
      ...(step.reason === undefined ? {} : { reason: step.reason }),
      ...(step.code === undefined ? {} : { code: step.code }),
    })
  }
  return events
}

/** The state at `now` (the last event of the history). */
export function statusAt(message: Deliverable, now: number): StatusEvent {
  const history = historyAt(message, now)
  return history[history.length - 1] ?? { status: 'accepted', at: message.acceptedAt }
}

/** The status name at `now`, without building the history (for filtering many messages). */
export function statusNameAt(message: Deliverable, now: number): MessageStatus {
  if (message.releaseAt > now) return message.releaseAt > message.acceptedAt ? 'scheduled' : 'accepted'
  let status: MessageStatus = 'accepted'
  for (const step of message.plan) {
    if (message.releaseAt + step.afterMs > now) break
    status = step.status
  }
  return status
}

export function isFinal(status: MessageStatus): status is FinalStatus {
  return status === 'delivered' || status === 'failed'
}

/** When the message reaches its final state, or `undefined` if its plan never ends. */
export function finalAt(message: Deliverable): number | undefined {
  const last = message.plan[message.plan.length - 1]
  return last && isFinal(last.status) ? message.releaseAt + last.afterMs : undefined
}

/**
 * Rewrites the plan so that from `now` on the message is in `step.status`: the past stays as it was,
 * a scheduled message is released at once.
 */
export function forceOutcome(message: Deliverable, now: number, step: Omit<DeliveryStep, 'afterMs'>): void {
  if (message.releaseAt > now) message.releaseAt = now
  const past = message.plan.filter((s) => message.releaseAt + s.afterMs <= now)
  message.plan = [...past, { ...step, afterMs: now - message.releaseAt }]
}
