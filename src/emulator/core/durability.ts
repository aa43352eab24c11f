// Where the state's changes go to last beyond the process: nowhere by default, a database with --db.
import type { Account } from './accounts.js'
import type { InboundMessage } from './inbound.js'
import type { Message } from './store.js'

/**
 * Told of each change to what must survive a restart, right after it is made in memory. The changes of
 * one event-loop turn may be committed together at its end: an answer that tells a client of a change
 * is written through `afterCommit`, so that it never goes out before the change is committed.
 */
export interface Durability {
  /** One submission: its messages, the account's new balance and the id sequences, all or nothing. */
  accepted(messages: readonly Message[], account: Account): void
  /**
   * Calls `then` once every change told so far is committed: at once when nothing waits, else at the
   * end of the turn with `committed` false when the commit failed (the answer must not go out).
   */
  afterCommit(then: (committed: boolean) => void): void
  /** A message's one-shot marks changed (a final status read, a report handed out). */
  marked(message: Message): void
  /** A message's plan was rewritten (forced outcome). */
  replanned(message: Message): void
  /** An account was created, replaced or topped up. */
  accountSaved(account: Account): void
  /** Messages, sequences and accounts went back to the scenario's start (accounts as they are now). */
  cleared(): void
  /** The clock was moved, frozen or resumed. */
  clockMoved(): void
  /** A subscriber's reply arrived (two-way SMS). */
  inboundAdded(message: InboundMessage): void
  /** A reply was handed out to the account. */
  inboundTaken(message: InboundMessage): void
  /** The store let go of a message (retention cap): may be written late, a restart may bring it back. */
  evicted(message: Message): void
  /** A message was deleted on request: committed with the turn, so the answer waits on `afterCommit`. */
  removed(message: Message): void
  /** Writes what is still gathered and lets go of the file. */
  close(): void
}

export const inMemory: Durability = {
  accepted() {},
  afterCommit: (then) => then(true),
  marked() {},
  replanned() {},
  accountSaved() {},
  cleared() {},
  clockMoved() {},
  inboundAdded() {},
  inboundTaken() {},
  evicted() {},
  removed() {},
  close() {},
}
