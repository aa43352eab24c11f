// bin/sms-emulator.js never runs a stale build, and installing the clone stays fast (the npx trap).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
// @ts-expect-error The launcher is plain JavaScript, run by node without a build: no declarations.
import { chooseEntry } from '../../bin/sms-emulator.js'

const choose = chooseEntry as (at: string) => 'dist' | 'source' | 'none'
const folders: string[] = []
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

/** A package folder with the given files, each with its modification time in seconds. */
function packageWith(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'launcher-'))
  folders.push(root)
  for (const [path, mtime] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), '')
    utimesSync(join(root, path), mtime, mtime)
  }
  return root
}

test('a clone runs its build while the build is newer than every source file', () => {
  expect(choose(packageWith({ 'src/cli.ts': 100, 'src/emulator/core/http.ts': 200, 'dist/cli.js': 300 }))).toBe('dist')
})

test('a clone runs its sources when one of them changed after the build, or when there is no build', () => {
  expect(choose(packageWith({ 'src/cli.ts': 100, 'src/emulator/core/http.ts': 400, 'dist/cli.js': 300 }))).toBe('source')
  expect(choose(packageWith({ 'src/cli.ts': 100 }))).toBe('source')
})

test('the published package (no sources) runs its build, and a folder with neither runs nothing', () => {
  expect(choose(packageWith({ 'dist/cli.js': 300 }))).toBe('dist')
  expect(choose(packageWith({ 'README.md': 1 }))).toBe('none')
})

test('the command is the launcher; installing builds only a stale build and links the command (npx waits on no compile)', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string>; files: string[] }
  expect(manifest.bin).toEqual({ 'sms-emulator': 'bin/sms-emulator.js' })
  expect(manifest.files).toContain('bin')
  expect(manifest.scripts.start).toContain('bin/sms-emulator.js')
  expect(manifest.scripts.prepare).toBe('node scripts/prepare.mjs')
  const prepare = readFileSync('scripts/prepare.mjs', 'utf8')
  expect(prepare).toContain("if (chooseEntry(root) === 'source')")
  expect(prepare).toContain("join(modules, '.bin', 'sms-emulator')")
})
