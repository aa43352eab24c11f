import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, test } from 'vitest'
import { failedStart, killAll, startProcess } from './process.js'

afterEach(killAll)
const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-refusals-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** Exit code 2 and one line that names the file and the reason: no stack trace. */
function expectRefusal({ code, output }: { code: number | string; output: string }, reason: RegExp): void {
  expect(code).toBe(2)
  const lines = output.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(reason)
  expect(output).not.toMatch(/^\s+at /m)
}

test('a corrupt --db file: exit code 2 and one clear line', async () => {
  const db = join(folder, 'corrupt.db')
  writeFileSync(db, 'SQLite format 3\u0000'.padEnd(4096, 'garbage'))
  expectRefusal(await failedStart(['--db', db]), /^sms-emulator start: Failed to open the database .*corrupt\.db: the file is corrupt/)
}, 60_000)

test('a --db file another emulator holds: exit code 2 and one clear line; the first one carries on', async () => {
  const db = join(folder, 'locked.db')
  const first = await startProcess(['--db', db])
  expectRefusal(await failedStart(['--db', db]), /locked by another process/)
  expect((await fetch(`${first.urls.control}/api/health`)).status).toBe(200)
  first.child.kill('SIGTERM')
  expect(await first.exited()).toBe(0)
}, 60_000)
