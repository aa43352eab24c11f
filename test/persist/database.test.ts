import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { DatabaseError, type EmulatorDatabase, EVICTION_BATCH, openDatabase, RESTORE_BATCH, type SavedMessage } from '../../src/emulator/persist/database.js'
import { APPLICATION, migrations, SCHEMA_VERSION, shortcuts } from '../../src/emulator/persist/schema.js'

const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-db-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const aFile = () => join(folder, `test-${++files}.db`)

let seqs = 0
const aMessage = (id: string, extra: Partial<SavedMessage> = {}): SavedMessage => ({
  seq: ++seqs,
  id,
  submissionId: id.split('.')[0] as string,
  provider: 'mimsms',
  account: 'demo-api-key',
  from: 'DEMO',
  to: '8801712345678',
  operator: 'Grameenphone',
  text: `text of ${id}`,
  shownText: `text of ${id}`,
  encoding: 'GSM-7',
  segments: 1,
  credits: 1,
  acceptedAt: 1_000,
  releaseAt: 1_000,
  plan: [{ afterMs: 1000, status: 'sent' }],
  meta: {},
  ...extra,
})

/** Every message in the file, oldest first, with its marks. */
function messagesOf(db: EmulatorDatabase): (SavedMessage & { marks: readonly string[] })[] {
  const all: (SavedMessage & { marks: readonly string[] })[] = []
  db.eachMessage((message, marks, seq) => all.push({ ...message, seq, marks }))
  return all
}
const withMarks = (message: SavedMessage, marks: readonly string[] = []) => ({ ...message, marks })

function expectRefusal(path: string, pattern: RegExp): void {
  let error: unknown
  try {
    openDatabase(path).close()
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(DatabaseError)
  const message = (error as Error).message
  expect(message).toMatch(pattern)
  expect(message).not.toContain('\n')
}

test('a new file gets the current schema in WAL mode, and what was written is there after reopening', () => {
  const path = aFile()
  const db = openDatabase(path)
  const one = aMessage('1.1')
  const two = aMessage('1.2', { api: 'mimsms-json', shownText: 'shown otherwise', meta: { type: 'unicode' }, rule: 'slow' })
  db.transaction(() => {
    db.insertMessage(one, [])
    db.insertMessage(two, ['core:reported'])
    db.saveAccount({ provider: 'dinisoft', key: 'k', data: { name: 'demo' }, balance: 10 })
    db.setBalance('dinisoft', 'k', 7.5)
    db.setSequence('dinisoft', 100_042)
    db.setMeta('clock', '{"mode":"manual"}')
  })
  db.replan(one.seq, [{ afterMs: 0, status: 'failed' }], 2_000)
  db.setMarks(one.seq, new Set(['a', 'b']))
  db.close()

  const raw = new Sqlite(path, { readonly: true })
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
  expect(raw.prepare('SELECT version FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION)
  raw.close()

  const again = openDatabase(path)
  const saved = again.load()
  const messages = messagesOf(again)
  again.close()
  expect(messages).toEqual([
    withMarks({ ...one, plan: [{ afterMs: 0, status: 'failed' }], releaseAt: 2_000 }, ['a', 'b']),
    withMarks(two, ['core:reported']),
  ])
  expect(saved.accounts).toEqual([{ provider: 'dinisoft', key: 'k', data: { name: 'demo' }, balance: 7.5 }])
  expect(saved.sequences.get('dinisoft')).toBe(100_042)
  expect(saved.meta.get('clock')).toBe('{"mode":"manual"}')
})

test('a file of an older schema version is migrated, keeping its messages', () => {
  const path = aFile()
  const old = new Sqlite(path)
  old.exec(migrations[0] as string)
  old.prepare('UPDATE schema_version SET version = 1').run()
  old.prepare("INSERT INTO meta (key, value) VALUES ('application', ?)").run(APPLICATION)
  // As version 1 kept a message: every field in one JSON document.
  const first = aMessage('7.1', { seq: 1, releaseAt: 42, plan: [{ afterMs: 5, status: 'sent' }] })
  const second = aMessage('8.1', { seq: 2, api: 'mimsms-json', shownText: 'shown', meta: { type: 'unicode' }, rule: 'slow' })
  const insert = old.prepare('INSERT INTO messages (id, data, marks) VALUES (?, ?, ?)')
  insert.run('7.1', JSON.stringify(first), 'core:reported')
  insert.run('8.1', JSON.stringify(second), '')
  old.close()

  const db = openDatabase(path)
  expect(messagesOf(db)).toEqual([withMarks(first, ['core:reported']), withMarks(second)])
  expect(db.load().inbound).toEqual([])
  db.close()
})

test('each shortcut reaches the very schema its steps reach, and a file at its start takes it', () => {
  const schemaOf = (db: Sqlite.Database) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()
  expect(shortcuts.length).toBeGreaterThan(0)
  for (const shortcut of shortcuts) {
    const stepped = new Sqlite(':memory:')
    for (const step of migrations.slice(0, shortcut.to)) stepped.exec(step)
    const short = new Sqlite(':memory:')
    for (const step of migrations.slice(0, shortcut.from)) short.exec(step)
    short.exec(shortcut.sql)
    expect(schemaOf(short)).toEqual(schemaOf(stepped))
  }
  // A version-2 file (what version 1 becomes after step 2) is opened through the shortcut, its messages kept.
  const path = aFile()
  const old = new Sqlite(path)
  for (const step of migrations.slice(0, 2)) old.exec(step)
  old.prepare('UPDATE schema_version SET version = 2').run()
  old.prepare("INSERT INTO meta (key, value) VALUES ('application', ?)").run(APPLICATION)
  const { plan, releaseAt, ...data } = aMessage('9.1', { seq: 1, releaseAt: 77, plan: [{ afterMs: 5, status: 'sent' }] })
  old.prepare('INSERT INTO messages (seq, id, data, marks, plan, release_at) VALUES (1, ?, ?, ?, ?, ?)').run('9.1', JSON.stringify(data), '', JSON.stringify(plan), releaseAt)
  old.close()
  const db = openDatabase(path)
  expect(messagesOf(db)).toEqual([withMarks({ ...data, plan, releaseAt })])
  db.close()
})

test('a file written by a newer emulator is refused in one line that says so', () => {
  const path = aFile()
  openDatabase(path).close()
  const raw = new Sqlite(path)
  raw.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1)
  raw.close()
  expectRefusal(path, new RegExp(`schema version ${SCHEMA_VERSION + 1}, written by a newer sms-provider-emulator`))
})

test('an unknown schema version and another program\'s database are refused and left alone', () => {
  const unknown = aFile()
  openDatabase(unknown).close()
  const raw = new Sqlite(unknown)
  raw.prepare("UPDATE schema_version SET version = 'x'").run()
  raw.close()
  expectRefusal(unknown, /schema version "x" is unknown/)

  const foreign = aFile()
  const other = new Sqlite(foreign)
  other.exec('CREATE TABLE invoices (id INTEGER)')
  other.close()
  expectRefusal(foreign, /not an sms-provider-emulator database \(it holds tables invoices\)/)
})

test('a corrupt file is refused with a clear reason and left as it was', () => {
  const path = aFile()
  writeFileSync(path, 'this is not a database, just text that happens to be long enough to look like a header. '.repeat(50))
  const before = readFileSync(path)
  expectRefusal(path, /corrupt or not an SQLite database/)
  expect(readFileSync(path)).toEqual(before)
})

test('a file already open in another emulator is refused as locked', () => {
  const path = aFile()
  const first = openDatabase(path)
  expectRefusal(path, /locked by another process/)
  first.close()
  openDatabase(path).close()
})

test('evicted rows are deleted in batches, by seq: an id drawn again before its batch ran is kept', () => {
  const path = aFile()
  const db = openDatabase(path)
  const count = EVICTION_BATCH + 10
  const messages = Array.from({ length: count }, (_, i) => aMessage(`m${i}`))
  db.transaction(() => {
    for (const message of messages) db.insertMessage(message, [])
  })
  const ids = () => messagesOf(db).map((message) => message.id)
  const evict = (i: number) => db.evict((messages[i] as SavedMessage).seq)
  for (let i = 0; i < EVICTION_BATCH - 1; i++) evict(i)
  expect(ids()).toHaveLength(count)
  db.insertMessage(aMessage('m3'), [])
  evict(EVICTION_BATCH - 1)
  expect(ids()).toHaveLength(count + 1 - EVICTION_BATCH)
  evict(EVICTION_BATCH)
  db.close()
  const again = openDatabase(path)
  expect(messagesOf(again).map((message) => message.id)).toEqual([...Array.from({ length: 9 }, (_, i) => `m${EVICTION_BATCH + 1 + i}`), 'm3'])
  again.close()
})

test('messages are read back a batch at a time, in order, past the first batch', () => {
  const path = aFile()
  const db = openDatabase(path)
  const count = RESTORE_BATCH + 3
  db.transaction(() => {
    for (let i = 0; i < count; i++) db.insertMessage(aMessage(`${i}.1`), i === count - 1 ? ['last'] : [])
  })
  const ids: string[] = []
  // Writing while reading (a restore that evicts) must not trip over the read.
  db.eachMessage((message, marks, seq) => {
    ids.push(message.id)
    if (marks.length > 0) db.setMarks(seq, ['seen'])
  })
  expect(ids).toEqual(Array.from({ length: count }, (_, i) => `${i}.1`))
  expect(messagesOf(db).at(-1)?.marks).toEqual(['seen'])
  db.close()
})

test('inbound replies are kept with whether they were handed out; those older than the store keeps are deleted', () => {
  const path = aFile()
  const db = openDatabase(path)
  const reply = (id: number, takenAt?: number) => ({ id, provider: 'mimsms', account: 'demo-api-key', from: '8801712345678', to: '8809601000000', text: `reply ${id}`, receivedAt: 1_000 + id, ...(takenAt === undefined ? {} : { takenAt }) })
  db.saveInbound(reply(1), 1)
  db.saveInbound(reply(2), 1)
  db.saveInbound(reply(1, 5_000), 1)
  db.saveInbound(reply(3), 2)
  db.close()
  const again = openDatabase(path)
  expect(again.load().inbound).toEqual([reply(2), reply(3)])
  again.clearMessages()
  expect(again.load().inbound).toEqual([])
  again.close()
})
