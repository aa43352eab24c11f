// docs/kit.md runs: its vitest example is test/examples/contract-kit.test.ts (test/docs/examples.test.ts),
// and every shell line of its blocks runs in order against one emulator: `npx sms-emulator` in process with
// the exit code its comment states, curl through fetch. The real-gateway example runs against an emulator
// standing in for the gateway, with an account holding the example's credentials.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { violationKindNames, violationKinds } from '../../src/contracts/kit/verify-consumer.js'
import { cli } from '../helpers/cli.js'
import { testEmulator } from '../helpers/emulator.js'
import { blocksRunBy, commandLines, publishedExample, readDoc } from './blocks.js'

const doc = readDoc('docs/kit.md')

test("the kit reference shows the vitest example the test suite runs", () => {
  expect(doc).toContain(publishedExample('contract-kit.test.ts'))
})

test('every kind of consumer violation is in the table with its severity', () => {
  for (const kind of violationKindNames) expect(doc).toContain(`| \`${kind}\` | ${violationKinds[kind].severity} |`)
})

/** The shell words of a line, quotes removed (enough for the docs' commands). */
const words = (line: string) => [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '')

test('every command of docs/kit.md runs, in order against one emulator, with the exit code it states', async () => {
  const lines = blocksRunBy('kit').flatMap(commandLines)
  expect(lines.filter((line) => line.startsWith('npx ')).length).toBeGreaterThanOrEqual(6)
  // The real gateway's example: its credentials, as an account of the emulator that stands in for it.
  const emu = await testEmulator({ scenario: { accounts: { mimsms: [{ key: 'your-api-key', secret: 'your-password', name: 'you', senders: ['YOURBRAND'] }] } } })
  const hosts: Record<string, string> = {
    'http://127.0.0.1:7788': emu.urls.dinisoft,
    'http://127.0.0.1:7799': emu.urls.mimsms,
    'http://127.0.0.1:7780': emu.urls.control,
    'https://esms.mimsms.com': emu.urls.mimsms,
  }
  const local = (text: string) => text.replace(/^(https?:\/\/[^/\s]+)/, (whole) => hosts[whole] ?? whole)
  const dir = await mkdtemp(join(tmpdir(), 'kit-docs-'))
  const env: Record<string, string> = {}
  let remote = 0
  // No reset between commands: a reader runs them one after another against one emulator, so the
  // reference must empty the journal (its curl line) before verify-consumer reads it.
  for (const line of lines) {
    const [command = '', comment] = line.split(/\s+#\s+/)
    const args = words(command)
    if (args[0] === 'export') {
      for (const assignment of args.slice(1)) env[assignment.split('=')[0] ?? ''] = assignment.split('=').slice(1).join('=')
      continue
    }
    if (args[0] === 'curl') {
      const [before, file] = command.split(' > ')
      const parts = words(before ?? '')
      const method = parts.includes('-X') ? parts[parts.indexOf('-X') + 1] : 'GET'
      const url = parts.find((word) => /^https?:/.test(word)) ?? ''
      const res = await fetch(local(url), { method })
      expect(res.status, line).toBeLessThan(300)
      const body = await res.text()
      if (file) await writeFile(join(dir, file.trim()), body)
      continue
    }
    if (args.includes('https://esms.mimsms.com')) remote++
    const expected = Number(/exits (\d)/.exec(comment ?? '')?.[1] ?? 0)
    // The placeholder number becomes the magic number delivered at once: no waiting on the clock.
    const mapped = args.slice(2).map((arg, i, all) => (['--out', '--junit', '--json'].includes(all[i - 1] ?? '') ? join(dir, arg) : local(arg.replace('88017XXXXXXXX', '8801700000000'))))
    const run = await cli(mapped, { env })
    expect(run.code, `${line}\n${run.stdout}${run.stderr}`).toBe(expected)
  }
  expect(remote, 'the example against the real gateway').toBe(1)
  // The journal was emptied before: the recording holds what came after (nothing on a provider port).
  expect(await readFile(join(dir, 'traffic.jsonl'), 'utf8')).toBe('')
  expect(emu.messages({ to: '8801700000000' }).length, 'the real-gateway example sends what it says').toBe(4)
})
