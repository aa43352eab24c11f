// What the control API and the inbox filter messages by, and the one test of a message against a filter.
import { statusNameAt } from './lifecycle.js'
import type { Message, StoredMessage } from './message.js'

export interface MessageFilter {
  /** The provider whose accounts it used (MiM's JSON API messages are `mimsms`'s). */
  provider?: string
  /** The API that accepted it (`mimsms-json`; a provider's only or legacy API by the provider's name). */
  api?: string
  account?: string
  to?: string
  from?: string
  status?: string
  /** Case-insensitive substring of the text. */
  text?: string
  since?: number
  submissionId?: string
}

export interface MessagePage {
  /** Every match. */
  readonly total: number
  /** Newest first, after skipping `start`. */
  readonly messages: readonly Message[]
}

/** The API that accepted a message: its own, or its provider's only one. */
export const apiOf = (message: Pick<Message, 'api' | 'provider'>): string => message.api ?? message.provider

/** Whether a kept message matches; `needle` is the filter's text lower-cased (once per query). */
export function matches(message: StoredMessage, filter: MessageFilter, t: number, needle = filter.text?.toLowerCase()): boolean {
  if (message.removed) return false
  if (filter.provider !== undefined && message.provider !== filter.provider) return false
  if (filter.api !== undefined && apiOf(message) !== filter.api) return false
  if (filter.account !== undefined && message.account !== filter.account) return false
  if (filter.to !== undefined && message.to !== filter.to) return false
  if (filter.from !== undefined && message.from !== filter.from) return false
  if (filter.since !== undefined && message.acceptedAt < filter.since) return false
  if (filter.submissionId !== undefined && message.submissionId !== filter.submissionId) return false
  if (needle !== undefined && !message.text.toLowerCase().includes(needle)) return false
  if (filter.status !== undefined && statusNameAt(message, t) !== filter.status) return false
  return true
}
