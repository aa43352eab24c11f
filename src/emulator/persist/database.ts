// The SQLite file behind --db: opening (with refusals that say why), loading, and small synchronous writes.
import { dirname } from 'node:path'
import Sqlite from 'better-sqlite3'
import type { Encoding } from '../../contracts/encoding.js'
import type { Operator } from '../../contracts/msisdn.js'
import type { InboundMessage } from '../core/inbound.js'
import type { DeliveryStep } from '../core/lifecycle.js'
import { NO_META, type NewMessage } from '../core/message.js'
import { folderProblem, makeFolder } from './folder.js'
import { APPLICATION, migrations, SCHEMA_VERSION, shortcuts } from './schema.js'

/** A database that cannot be used, with a one-line reason; the CLI prints it and exits with code 2. */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError'
}

/** A message as the database keeps it: its fields, one column each, and `seq`, which names its row. */
export type SavedMessage = Omit<NewMessage, 'index' | 'rule'> & { readonly seq: number; readonly rule?: string | undefined }

export interface SavedAccount {
  readonly provider: string
  readonly key: string
  /** The account's seed without its balance. */
  readonly data: Readonly<Record<string, unknown>>
  readonly balance: number
}

export interface SavedState {
  readonly accounts: SavedAccount[]
  /** Oldest first. */
  readonly inbound: InboundMessage[]
  readonly sequences: ReadonlyMap<string, number>
  readonly meta: ReadonlyMap<string, string>
}

export interface EmulatorDatabase {
  readonly path: string
  /** Everything but the messages. */
  load(): SavedState
  /** Calls `each` with every message, oldest first, read a batch at a time (`each` may write). */
  eachMessage(each: (message: NewMessage, marks: readonly string[], seq: number) => void): void
  /** Runs `fn` in one transaction, committed when it returns (nested calls join the outer one). */
  transaction<T>(fn: () => T): T
  /** Opens a transaction that gathers the writes until `commit` (or `rollback`). */
  begin(): void
  commit(): void
  rollback(): void
  insertMessage(message: SavedMessage, marks: Iterable<string>): void
  replan(seq: number, plan: readonly DeliveryStep[], releaseAt: number): void
  setMarks(seq: number, marks: Iterable<string>): void
  /** Deletes a message the retention cap let go of; deletions are gathered and run in batches. */
  evict(seq: number): void
  /** Deletes a message now (in the open transaction, if any). */
  remove(seq: number): void
  /** Deletes every message, both ways (sent, and inbound replies). */
  clearMessages(): void
  saveAccount(account: SavedAccount): void
  setBalance(provider: string, key: string, balance: number): void
  clearAccounts(): void
  setSequence(name: string, value: number): void
  clearSequences(): void
  setMeta(key: string, value: string): void
  /** Adds or rewrites an inbound reply; replies below `keepFrom` (older than the store keeps) are deleted. */
  saveInbound(message: InboundMessage, keepFrom: number): void
  /** Runs the deletions still gathered. */
  flush(): void
  close(): void
}

/** Evicted rows are deleted this many at a time. */
export const EVICTION_BATCH = 512

interface SqliteFailure extends Error {
  readonly code?: string
}

/** One line that says what is wrong with the file and what to do. */
function explain(path: string, error: SqliteFailure): DatabaseError {
  const code = error.code ?? ''
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY_')) {
    return new DatabaseError(`Failed to open the database ${path}: it is locked by another process (another emulator on the same file?). Stop that one, or use another --db file.`)
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new DatabaseError(`Failed to open the database ${path}: the file is corrupt or not an SQLite database (${error.message}). Move it away, or use another --db file.`)
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_IOERR')) {
    return new DatabaseError(`Failed to open the database ${path}: ${error.message}. Check that the folder exists and is writable.`)
  }
  return new DatabaseError(`Failed to use the database ${path}: ${error.message}.`)
}

function makeFileFolder(path: string): void {
  try {
    makeFolder(dirname(path))
  } catch (error) {
    throw new DatabaseError(`Failed to open the database ${path}: cannot make its folder ${dirname(path)} (${folderProblem(error)}). Use another --db path.`)
  }
}

function guard<T>(path: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof DatabaseError) throw error
    throw explain(path, error as SqliteFailure)
  }
}

/** Brings a file to the current schema, or refuses one that is not ours or is newer than this program. */
function migrate(db: Sqlite.Database, path: string): void {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((name) => !name.startsWith('sqlite_')))
  let version = 0
  if (tables.size > 0) {
    const application = tables.has('meta') ? (db.prepare("SELECT value FROM meta WHERE key = 'application'").pluck().get() as string | undefined) : undefined
    if (application !== APPLICATION || !tables.has('schema_version')) {
      throw new DatabaseError(`Failed to open the database ${path}: it is not an ${APPLICATION} database (it holds tables ${[...tables].sort().join(', ')}), so it is left alone. Use another --db file.`)
    }
    const stored = db.prepare('SELECT version FROM schema_version').pluck().get()
    if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1) {
      throw new DatabaseError(`Failed to open the database ${path}: its schema version ${JSON.stringify(stored ?? null)} is unknown. Use another --db file.`)
    }
    if (stored > SCHEMA_VERSION) {
      throw new DatabaseError(
        `Failed to open the database ${path}: it has schema version ${stored}, written by a newer ${APPLICATION} (this one reads versions up to ${SCHEMA_VERSION}). Upgrade the emulator, or use another --db file.`,
      )
    }
    version = stored
  }
  if (version === SCHEMA_VERSION) return
  db.transaction(() => {
    for (let at = version; at < SCHEMA_VERSION; ) {
      const shortcut = shortcuts.find((candidate) => candidate.from === at)
      db.exec(shortcut?.sql ?? (migrations[at] as string))
      at = shortcut?.to ?? at + 1
    }
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION)
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('application', APPLICATION)
  }).immediate()
}

const splitMarks = (text: string): string[] => (text === '' ? [] : text.split(' '))

/** Messages read per query while restoring: few enough to stay small in memory, many enough to be fast. */
export const RESTORE_BATCH = 10_000

const MESSAGE_COLUMNS =
  'seq, id, submission_id, provider, api, account, sender, recipient, operator, text, shown_text, encoding, segments, credits, accepted_at, release_at, plan, meta, rule, marks'

type MessageRow = [
  seq: number,
  id: string,
  submissionId: string,
  provider: string,
  api: string | null,
  account: string,
  from: string,
  to: string,
  operator: string,
  text: string,
  shownText: string | null,
  encoding: string,
  segments: number,
  credits: number,
  acceptedAt: number,
  releaseAt: number,
  plan: string,
  meta: string | null,
  rule: string | null,
  marks: string,
]

/**
 * JSON text of plans and metadata, once per object: most messages share a handful of plans (one object
 * each), and a submission's recipients share its metadata.
 */
function jsonOnce(): (value: object) => string {
  const texts = new WeakMap<object, string>()
  return (value) => {
    let text = texts.get(value)
    if (text === undefined) texts.set(value, (text = JSON.stringify(value)))
    return text
  }
}

/** The other way: one parsed object per distinct text, shared by the messages restored with it. */
function parseOnce<T>(): (text: string) => T {
  const values = new Map<string, T>()
  return (text) => {
    let value = values.get(text)
    if (value === undefined) {
      value = JSON.parse(text) as T
      if (values.size < 10_000) values.set(text, value)
    }
    return value
  }
}

/**
 * Opens (or creates) the emulator's database at `path`, migrated to the current schema and held with an
 * exclusive lock until `close()`. Throws a `DatabaseError` with a one-line reason when it cannot.
 *
 * @example
 * const db = openDatabase('/data/emulator.db')
 * const saved = db.load()
 */
export function openDatabase(path: string): EmulatorDatabase {
  const db = guard(path, () => {
    if (path !== ':memory:') makeFileFolder(path)
    const handle = new Sqlite(path, { timeout: 200 })
    try {
      // One emulator per file: the first write takes the lock and keeps it (and WAL then needs no -shm file).
      handle.pragma('locking_mode = EXCLUSIVE')
      handle.pragma('journal_mode = WAL')
      // In WAL mode a commit survives a killed process without an fsync per transaction; only a power cut can lose the last ones.
      handle.pragma('synchronous = NORMAL')
      migrate(handle, path)
      // Take the lock now, not at the first message: a second emulator on the file is refused at start.
      handle.prepare('BEGIN IMMEDIATE').run()
      handle.prepare('COMMIT').run()
      return handle
    } catch (error) {
      handle.close()
      throw error
    }
  })

  const statements = {
    insertMessage: db.prepare(`INSERT OR REPLACE INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_COLUMNS.replace(/[a-z_]+/g, '?')})`),
    messagesAfter: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE seq > ? ORDER BY seq LIMIT ${RESTORE_BATCH}`).raw(),
    saveInbound: db.prepare('INSERT OR REPLACE INTO inbound (id, provider, account, sender, recipient, text, received_at, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    dropInbound: db.prepare('DELETE FROM inbound WHERE id < ?'),
    replan: db.prepare('UPDATE messages SET plan = ?, release_at = ? WHERE seq = ?'),
    setMarks: db.prepare('UPDATE messages SET marks = ? WHERE seq = ?'),
    evict: db.prepare('DELETE FROM messages WHERE seq IN (SELECT value FROM json_each(?))'),
    remove: db.prepare('DELETE FROM messages WHERE seq = ?'),
    saveAccount: db.prepare('INSERT OR REPLACE INTO accounts (provider, key, data, balance) VALUES (?, ?, ?, ?)'),
    setBalance: db.prepare('UPDATE accounts SET balance = ? WHERE provider = ? AND key = ?'),
    setSequence: db.prepare('INSERT OR REPLACE INTO sequences (name, value) VALUES (?, ?)'),
    setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
  }
  const planText = jsonOnce()
  const metaText = jsonOnce()
  const evicted: number[] = []
  let open = true

  function flush(): void {
    if (evicted.length === 0) return
    statements.evict.run(JSON.stringify(evicted.splice(0)))
  }

  const run = db.transaction((fn: () => unknown) => fn())

  return {
    path,
    load() {
      return guard(path, () => ({
        accounts: (db.prepare('SELECT provider, key, data, balance FROM accounts').all() as { provider: string; key: string; data: string; balance: number }[]).map((row) => ({
          ...row,
          data: JSON.parse(row.data) as Record<string, unknown>,
        })),
        inbound: (
          db.prepare('SELECT id, provider, account, sender, recipient, text, received_at, taken_at FROM inbound ORDER BY id').raw().all() as [number, string, string, string, string, string, number, number | null][]
        ).map(([id, provider, account, from, to, text, receivedAt, takenAt]) => ({ id, provider, account, from, to, text, receivedAt, ...(takenAt === null ? {} : { takenAt }) })),
        sequences: new Map(db.prepare('SELECT name, value FROM sequences').raw().all() as [string, number][]),
        meta: new Map(db.prepare('SELECT key, value FROM meta').raw().all() as [string, string][]),
      }))
    },
    eachMessage(each) {
      const plan = parseOnce<readonly DeliveryStep[]>()
      const meta = parseOnce<Readonly<Record<string, string>>>()
      for (let after = 0; ; ) {
        const rows = guard(path, () => statements.messagesAfter.all(after) as MessageRow[])
        for (const row of rows) {
          const [seq, id, submissionId, provider, api, account, from, to, operator, text, shownText, encoding, segments, credits, acceptedAt, releaseAt, planJson, metaJson, rule, marks] = row
          const message: NewMessage = {
            id,
            submissionId,
            provider,
            ...(api === null ? {} : { api }),
            account,
            from,
            to,
            operator: operator as Operator,
            text,
            shownText: shownText ?? text,
            encoding: encoding as Encoding,
            segments,
            credits,
            acceptedAt,
            releaseAt,
            plan: plan(planJson),
            meta: metaJson === null ? NO_META : meta(metaJson),
            ...(rule === null ? {} : { rule }),
          }
          each(message, splitMarks(marks), seq)
        }
        if (rows.length < RESTORE_BATCH) return
        after = (rows[rows.length - 1] as MessageRow)[0]
      }
    },
    transaction: <T>(fn: () => T) => run(fn) as T,
    begin: () => statements.begin.run(),
    commit: () => statements.commit.run(),
    rollback() {
      if (db.inTransaction) statements.rollback.run()
    },
    insertMessage(message, marks) {
      statements.insertMessage.run(
        message.seq,
        message.id,
        message.submissionId,
        message.provider,
        message.api ?? null,
        message.account,
        message.from,
        message.to,
        message.operator,
        message.text,
        message.shownText === message.text ? null : message.shownText,
        message.encoding,
        message.segments,
        message.credits,
        message.acceptedAt,
        message.releaseAt,
        planText(message.plan),
        message.meta === NO_META || Object.keys(message.meta).length === 0 ? null : metaText(message.meta),
        message.rule ?? null,
        [...marks].join(' '),
      )
    },
    replan: (seq, plan, releaseAt) => statements.replan.run(planText(plan), releaseAt, seq),
    setMarks: (seq, marks) => statements.setMarks.run([...marks].join(' '), seq),
    evict(seq) {
      evicted.push(seq)
      if (evicted.length >= EVICTION_BATCH) flush()
    },
    remove: (seq) => statements.remove.run(seq),
    clearMessages() {
      evicted.length = 0
      db.exec('DELETE FROM messages; DELETE FROM inbound')
    },
    saveAccount: (account) => statements.saveAccount.run(account.provider, account.key, JSON.stringify(account.data), account.balance),
    setBalance: (provider, key, balance) => statements.setBalance.run(balance, provider, key),
    clearAccounts: () => db.exec('DELETE FROM accounts'),
    setSequence: (name, value) => statements.setSequence.run(name, value),
    clearSequences: () => db.exec('DELETE FROM sequences'),
    setMeta: (key, value) => statements.setMeta.run(key, value),
    saveInbound(message, keepFrom) {
      statements.saveInbound.run(message.id, message.provider, message.account, message.from, message.to, message.text, message.receivedAt, message.takenAt ?? null)
      if (keepFrom > 1) statements.dropInbound.run(keepFrom)
    },
    flush,
    close() {
      if (!open) return
      open = false
      flush()
      db.close()
    },
  }
}
