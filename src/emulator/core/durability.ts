// Where the state's changes go to last beyond the process: nowhere by default, a database with --db.
import type { Account } from './accounts.js'
import type { Message } from './store.js'

/**
 * Told of each change to what must survive a restart, right after it is made in memory. Every call is
 * synchronous: `accepted` returns once the submission is committed, before the client gets its answer.
 */
export interface Durability {
  /** One submission: its messages, the account's new balance and the id sequences, all or nothing. */
  accepted(messages: readonly Message[], account: Account): void
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
  /** The store let go of a message (retention cap). */
  evicted(message: Message): void
  /** Writes what is still gathered and lets go of the file. */
  close(): void
}

export const inMemory: Durability = {
  accepted() {},
  marked() {},
  replanned() {},
  accountSaved() {},
  cleared() {},
  clockMoved() {},
  evicted() {},
  close() {},
}
