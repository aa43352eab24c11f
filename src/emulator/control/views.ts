// What the control API and the inbox show of the core's objects: plain JSON, times as ISO 8601, secrets masked.
import { type Contracts, maskRequest, maskSecret } from '../../contracts/secrets.js'
import type { Account } from '../core/accounts.js'
import type { JournalEntry } from '../core/journal.js'
import type { StatusEvent } from '../core/lifecycle.js'
import type { EmulatorState } from '../core/state.js'
import type { Message } from '../core/store.js'

export const iso = (ms: number): string => new Date(ms).toISOString()

export function eventJson(event: StatusEvent) {
  return {
    status: event.status,
    at: iso(event.at),
    ...(event.reason === undefined ? {} : { reason: event.reason }),
    ...(event.code === undefined ? {} : { code: event.code }),
  }
}

export type MessageJson = ReturnType<typeof messageJson>

export function messageJson(state: EmulatorState, message: Message) {
  const view = state.store.view(message)
  return {
    id: view.id,
    submissionId: view.submissionId,
    provider: view.provider,
    ...(view.api === undefined ? {} : { api: view.api }),
    // The account by name; its key only masked, enough to tell two keys apart.
    account: state.accounts.byKey(view.provider, view.account)?.name ?? maskSecret(view.account),
    accountKey: maskSecret(view.account),
    from: view.from,
    to: view.to,
    operator: view.operator,
    text: view.text,
    shownText: view.shownText,
    encoding: view.encoding,
    segments: view.segments,
    credits: view.credits,
    acceptedAt: iso(view.acceptedAt),
    ...(view.scheduledFor === undefined ? {} : { scheduledFor: iso(view.scheduledFor) }),
    status: view.status.status,
    ...(view.status.reason === undefined ? {} : { reason: view.status.reason }),
    ...(view.status.code === undefined ? {} : { code: view.status.code }),
    updatedAt: iso(view.status.at),
    history: view.history.map(eventJson),
    ...(view.rule === undefined ? {} : { rule: view.rule }),
    meta: view.meta,
  }
}

export function accountJson(account: Account) {
  return {
    provider: account.provider,
    key: maskSecret(account.key),
    secret: maskSecret(account.secret),
    name: account.name,
    balance: account.balance,
    senders: account.senders ?? null,
    allowedIps: account.allowedIps ?? null,
  }
}

/** The contracts of the emulator's providers, whose paths say where credentials travel. */
export function contractsOf(state: EmulatorState): Contracts {
  return [...state.providers.values()].flatMap((provider) => (provider.contract ? [provider.contract] : []))
}

export function journalJson(state: EmulatorState, entry: JournalEntry) {
  return { ...maskRequest(entry, contractsOf(state)), at: iso(entry.at) }
}
