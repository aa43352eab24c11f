// Report folders are checked before any work, and a folder that cannot be made fails at once, never hangs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { cli } from '../helpers/cli.js'

const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-files-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const consumer = (...reports: string[]) => cli(['verify-consumer', '--journal', 'fixtures/traffic/mimsms-good.jsonl', ...reports])

// Node's recursive mkdir never returns for a folder under /proc (procfs answers ENOENT, which it retries forever).
test('--json under /proc and --junit under a file exit 2 at once with one line naming the flag, the folder and why', { timeout: 10_000 }, async () => {
  const proc = await consumer('--json', '/proc/x/y.json')
  expect(proc).toMatchObject({ code: 2, stdout: '' })
  expect(proc.stderr.trim()).toMatch(/^sms-emulator verify-consumer: --json \/proc\/x\/y\.json: cannot write to \/proc\/x \(.+\)$/)

  writeFileSync(join(folder, 'a-file'), '')
  const file = await consumer('--junit', join(folder, 'a-file/reports/junit.xml'))
  expect(file).toMatchObject({ code: 2, stdout: '' })
  expect(file.stderr).toContain(`--junit ${join(folder, 'a-file/reports/junit.xml')}: cannot write to ${join(folder, 'a-file/reports')} (${join(folder, 'a-file')} is a file, not a folder)`)

  // A folder that exists but takes no files (procfs) is refused before the checks run, not after.
  const existing = await consumer('--json', '/proc/report.json')
  expect(existing).toMatchObject({ code: 2, stdout: '' })
  expect(existing.stderr).toContain('--json /proc/report.json: cannot write to /proc (')
})
