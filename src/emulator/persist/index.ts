// --db: restores a state from its database at start, then writes each change through before it is answered.
import type { Account, AccountSeed } from '../core/accounts.js'
import { type Durability, inMemory } from '../core/durability.js'
import type { EmulatorState } from '../core/state.js'
import { INBOUND_CAPACITY, type InboundMessage } from '../core/inbound.js'
import { type EmulatorDatabase, openDatabase, type SavedAccount, type SavedState } from './database.js'

export { DatabaseError } from './database.js'

/** The clock as saved: a manual clock's position, or a flowing clock's distance from the wall clock. */
type SavedClock = { readonly mode: 'manual'; readonly now: number } | { readonly mode: 'real'; readonly offsetMs: number }

function saveAccount(account: Account): SavedAccount {
  const { balance, provider, key, ...data } = account
  return { provider, key, data, balance }
}

function clockOf(state: EmulatorState): SavedClock {
  const now = state.clock.now()
  // The one wall-clock read outside the clock: a flowing timeline resumes at the same distance from real time.
  return state.clock.mode === 'manual' ? { mode: 'manual', now } : { mode: 'real', offsetMs: now - Date.now() }
}

/** Puts the clock where it was (never backwards: a later start, from the options, stays). */
function restoreClock(state: EmulatorState, text: string | undefined): void {
  if (text === undefined) return
  const saved = JSON.parse(text) as SavedClock
  const target = saved.mode === 'manual' ? saved.now : Date.now() + saved.offsetMs
  if (saved.mode === 'manual' && state.clock.mode !== 'manual') state.clock.freeze()
  if (saved.mode === 'real' && state.clock.mode !== 'real') state.clock.resume()
  if (target > state.clock.now()) state.clock.set(target)
}

/** Accounts: the scenario's settings, the database's balances; accounts made at run time come back too. */
function restoreAccounts(state: EmulatorState, saved: readonly SavedAccount[]): void {
  for (const row of saved) {
    const current = state.accounts.byKey(row.provider, row.key)
    if (current) current.balance = row.balance
    else state.accounts.upsert(row.provider, { ...(row.data as Omit<AccountSeed, 'balance' | 'key'>), key: row.key, balance: row.balance })
  }
}

/** Returns how many times this database was started, this start included. */
function restore(state: EmulatorState, db: EmulatorDatabase): number {
  const saved: SavedState = db.load()
  restoreClock(state, saved.meta.get('clock'))
  restoreAccounts(state, saved.accounts)
  for (const [name, value] of saved.sequences) state.sequences.set(name, value)
  db.eachMessage((message, marks, seq) => state.restore(message, marks, seq))
  for (const message of saved.inbound) state.inbound.restore(message)
  // The seeded source would draw the ids it drew before the restart again: each start draws a sequence of its own.
  const starts = Number(saved.meta.get('starts') ?? 0) + 1
  state.random.reseedWith([state.random.seed, starts])
  return starts
}

/**
 * Writes each change through to the database. The changes of one event-loop turn share one transaction,
 * committed at the turn's end (`setImmediate`) before any answer waiting on them is written: a commit
 * per turn rather than per request, and still no answer ahead of its commit. Rare changes (accounts,
 * forced outcomes, resets, the clock) commit at once.
 */
function writeThrough(state: EmulatorState, db: EmulatorDatabase): Durability & { commit(): void; discard(): void } {
  let open = false
  let turnEnd: ReturnType<typeof setImmediate> | undefined
  const waiting: ((committed: boolean) => void)[] = []
  // Written once per commit, whatever number of changes touched them.
  const balances = new Set<Account>()
  let sequencesChanged = false
  let clockChanged = false

  function gather(): void {
    if (open) return
    db.begin()
    open = true
    turnEnd = setImmediate(commit)
  }

  function commit(): void {
    if (turnEnd !== undefined) clearImmediate(turnEnd)
    turnEnd = undefined
    if (!open) return
    open = false
    let committed = true
    try {
      for (const account of balances) db.setBalance(account.provider, account.key, account.balance)
      if (sequencesChanged) for (const [name, value] of state.sequences) db.setSequence(name, value)
      if (clockChanged) db.setMeta('clock', JSON.stringify(clockOf(state)))
      db.commit()
    } catch (error) {
      committed = false
      db.rollback()
      state.log.error(`Failed to commit to the database ${db.path}; the answers waiting on it are not sent (their connections are closed):`, error)
    }
    balances.clear()
    sequencesChanged = false
    clockChanged = false
    for (const then of waiting.splice(0)) then(committed)
  }

  /** A rare change: written and committed at once, with whatever the turn gathered so far. */
  function now(write: () => void): void {
    gather()
    write()
    commit()
  }

  const saveInbound = (message: InboundMessage) => db.saveInbound(message, message.id - INBOUND_CAPACITY + 1)
  return {
    commit,
    /** Drops what the turn gathered (a start that failed): nothing is committed, nothing answered. */
    discard() {
      if (turnEnd !== undefined) clearImmediate(turnEnd)
      turnEnd = undefined
      if (open) db.rollback()
      open = false
      for (const then of waiting.splice(0)) then(false)
    },
    accepted(messages, account) {
      gather()
      for (const message of messages) db.insertMessage(message, state.store.marksOf(message))
      balances.add(account)
      sequencesChanged = true
    },
    afterCommit(then) {
      if (open) waiting.push(then)
      else then(true)
    },
    marked(message) {
      gather()
      db.setMarks(message.seq, state.store.marksOf(message))
    },
    replanned: (message) => now(() => db.replan(message.seq, message.plan, message.releaseAt)),
    accountSaved: (account) => now(() => db.saveAccount(saveAccount(account))),
    cleared: () =>
      now(() => {
        balances.clear()
        sequencesChanged = false
        db.clearMessages()
        db.clearSequences()
        db.clearAccounts()
        for (const account of state.accounts.list()) db.saveAccount(saveAccount(account))
      }),
    // Cheap however often it moves (a test advancing it step by step): written once, at the turn's commit.
    clockMoved() {
      gather()
      clockChanged = true
    },
    // A reply posted through the control API is committed before that API answers.
    inboundAdded: (message) => now(() => saveInbound(message)),
    inboundTaken(message) {
      gather()
      saveInbound(message)
    },
    evicted: (message) => db.evict(message.seq),
    // Unlike an eviction, the client was told it is gone: the control API answers once it is committed.
    removed(message) {
      gather()
      db.remove(message.seq)
    },
    close() {
      gather()
      clockChanged = true
      commit()
      db.close()
    },
  }
}

/**
 * Opens the database at `path`, restores what it holds into `state` (clock, accounts, counters,
 * messages) and writes every later change through to it. Throws a `DatabaseError` when the file cannot
 * be used.
 */
export function attachDatabase(state: EmulatorState, path: string): void {
  const db = openDatabase(path)
  // Written through from the start: messages the retention cap drops while they are restored leave the file too.
  const durability = writeThrough(state, db)
  state.durability = durability
  try {
    const starts = restore(state, db)
    durability.commit()
    db.transaction(() => {
      for (const account of state.accounts.list()) db.saveAccount(saveAccount(account))
      db.setMeta('starts', String(starts))
      db.setMeta('clock', JSON.stringify(clockOf(state)))
    })
  } catch (error) {
    state.durability = inMemory
    durability.discard()
    db.close()
    throw error
  }
}
