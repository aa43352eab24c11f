import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { startEmulator } from '../../src/index.js'
import { cli, type CliRun } from '../helpers/cli.js'

const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-refusals-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const start = (db: string) => cli(['start', '--dinisoft-port', '0', '--mimsms-port', '0', '--control-port', '0', '--dinisoft-tls-port', '0', '--db', db])

/** Exit code 2 and one line that names the file and the reason: no stack trace, nothing on stdout. */
function expectRefusal(run: CliRun, reason: RegExp): void {
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  const lines = run.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(reason)
}

test('start with a corrupt --db file exits with code 2 and one clear line', async () => {
  const db = join(folder, 'corrupt.db')
  writeFileSync(db, 'SQLite format 3\u0000'.padEnd(4096, 'garbage'))
  expectRefusal(await start(db), /^sms-emulator start: Failed to open the database .*corrupt\.db: the file is corrupt/)
})

// Node's recursive mkdir never returns under /proc: the folder is made a level at a time instead.
test('start with a --db file under /proc or under a file exits with code 2 and one clear line, at once', async () => {
  expectRefusal(await start('/proc/x/emulator.db'), /^sms-emulator start: Failed to open the database \/proc\/x\/emulator\.db: cannot make its folder \/proc\/x \(ENOENT: .+\)\. Use another --db path\.$/)
  writeFileSync(join(folder, 'a-file'), '')
  expectRefusal(await start(join(folder, 'a-file/data/emulator.db')), /^sms-emulator start: Failed to open the database .*a-file\/data\/emulator\.db: cannot make its folder .*\(.*a-file is a file, not a folder\)\. Use another --db path\.$/)
})

test('start with a --db file another emulator holds exits with code 2 and one clear line; the first one carries on', async () => {
  const db = join(folder, 'locked.db')
  const first = await startEmulator({ ports: 0, log: false, db })
  try {
    expectRefusal(await start(db), /^sms-emulator start: Failed to open the database .*locked\.db: it is locked by another process/)
    expect((await fetch(`${first.urls.control}/api/health`)).status).toBe(200)
  } finally {
    await first.close()
  }
})
