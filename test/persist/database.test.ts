import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { DatabaseError, EVICTION_BATCH, openDatabase, type SavedMessage } from '../../src/emulator/persist/database.js'
import { APPLICATION, migrations, SCHEMA_VERSION } from '../../src/emulator/persist/schema.js'

const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-db-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const aFile = () => join(folder, `test-${++files}.db`)

const aMessage = (id: string, extra: Partial<SavedMessage> = {}): SavedMessage => ({
  id,
  plan: [{ afterMs: 1000, status: 'sent' }],
  releaseAt: 1_000,
  data: { id, to: '8801712345678', text: `text of ${id}` },
  marks: [],
  ...extra,
})

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
  db.transaction(() => {
    db.insertMessage(aMessage('1.1'))
    db.insertMessage(aMessage('1.2', { marks: ['core:reported'] }))
    db.saveAccount({ provider: 'dinisoft', key: 'k', data: { name: 'demo' }, balance: 10 })
    db.setBalance('dinisoft', 'k', 7.5)
    db.setSequence('dinisoft', 100_042)
    db.setMeta('clock', '{"mode":"manual"}')
  })
  db.replan('1.1', [{ afterMs: 0, status: 'failed' }], 2_000)
  db.setMarks('1.1', new Set(['a', 'b']))
  db.close()

  const raw = new Sqlite(path, { readonly: true })
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
  expect(raw.prepare('SELECT version FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION)
  raw.close()

  const again = openDatabase(path)
  const saved = again.load()
  again.close()
  expect(saved.messages).toEqual([
    aMessage('1.1', { plan: [{ afterMs: 0, status: 'failed' }], releaseAt: 2_000, marks: ['a', 'b'] }),
    aMessage('1.2', { marks: ['core:reported'] }),
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
  old.prepare('INSERT INTO messages (id, data) VALUES (?, ?)').run('7.1', JSON.stringify({ id: '7.1', text: 'old', plan: [{ afterMs: 5, status: 'sent' }], releaseAt: 42 }))
  old.close()

  const db = openDatabase(path)
  expect(db.load().messages).toEqual([{ id: '7.1', data: { id: '7.1', text: 'old' }, plan: [{ afterMs: 5, status: 'sent' }], releaseAt: 42, marks: [] }])
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

test('evicted rows are deleted in batches, and an id drawn again before its batch ran is kept', () => {
  const path = aFile()
  const db = openDatabase(path)
  const count = EVICTION_BATCH + 10
  db.transaction(() => {
    for (let i = 0; i < count; i++) db.insertMessage(aMessage(`m${i}`))
  })
  const ids = () => db.load().messages.map((message) => message.id)
  for (let i = 0; i < EVICTION_BATCH - 1; i++) db.evict(`m${i}`)
  expect(ids()).toHaveLength(count)
  db.insertMessage(aMessage('m3'))
  db.evict(`m${EVICTION_BATCH - 1}`)
  db.evict(`m${EVICTION_BATCH}`)
  expect(ids()).toHaveLength(count - EVICTION_BATCH)
  db.evict(`m${EVICTION_BATCH + 1}`)
  db.close()
  const again = openDatabase(path)
  expect(again.load().messages.map((message) => message.id)).toEqual([...Array.from({ length: 8 }, (_, i) => `m${EVICTION_BATCH + 2 + i}`), 'm3'])
  again.close()
})
