// The interception examples of docs/interception.md run as written (real curl, real node), against an
// emulator whose ports stand in for the default ones (its docker lines: test/docs/commands.test.ts).
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loadOptionsSchemas } from '../../src/emulator/core/provider-facts.js'
import { parseScenario } from '../../src/emulator/core/scenario.js'
import { KNOWN_HOSTS } from '../../src/emulator/net/hosts.js'
import { providers } from '../../src/emulator/server.js'
import { cli } from '../helpers/cli.js'
import { testEmulator } from '../helpers/emulator.js'
import { blocksRunBy, commandLines, readDoc } from './blocks.js'

// Scenarios are validated against the providers' option schemas, which load on demand.
await loadOptionsSchemas(providers)

const run = promisify(execFile)
const guide = readDoc('docs/interception.md')

const blocks = (markdown: string, language: string) => [...markdown.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? '')

/** Each command line of the blocks this test runs, with the `# => ` answer that follows it, if any. */
function commands(): { command: string; expected?: string }[] {
  return blocksRunBy('interception').flatMap((block) => {
    const lines = block.text.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim())
    const run = new Set(commandLines(block))
    return lines.flatMap((line, index) => {
      if (!run.has(line)) return []
      const next = lines[index + 1] ?? ''
      return [{ command: line, ...(next.startsWith('# => ') ? { expected: next.slice(5) } : {}) }]
    })
  })
}

/** Words and punctuation must match; ids and numbers are free. */
const shape = (text: string) =>
  text
    .trim()
    .replace(/\b(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{6,}\b/g, 'ID')
    .replace(/\d+(\.\d+)?/g, 'N')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sms-emulator-docs-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('every command of docs/interception.md works as written', async () => {
  const calls = commands()
  expect(calls.length).toBeGreaterThan(4)
  const dataDir = join(dir, 'data')
  const emu = await testEmulator({ dataDir })
  const ports: Record<string, string> = { '7788': emu.urls.dinisoft, '7799': emu.urls.mimsms, '7780': emu.urls.control, '7790': emu.urls['dinisoft-tls'] }
  for (const { command, expected } of calls) {
    const local = command.replace(/:(7788|7799|7780|7790)\b/g, (whole, port: string) => `:${new URL(ports[port] ?? `http://x${whole}`).port}`)
    let output: string
    if (local.startsWith('npx sms-emulator ca ')) {
      const args = local.split(' ').slice(2)
      expect((await cli([...args.map((arg) => (arg.endsWith('.pem') ? join(dir, arg) : arg)), '--data-dir', dataDir])).code, command).toBe(0)
      output = ''
    } else {
      // Only PATH: the machine's own proxy variables and curlrc must not help or hinder.
      output = (await run('sh', ['-c', local], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir } })).stdout
    }
    if (expected !== undefined) expect(shape(output), command).toBe(shape(expected))
  }
  expect(emu.messages().length).toBeGreaterThan(0)
})

test('the guide names every known host, and its scenario example is a valid scenario', () => {
  for (const host of Object.keys(KNOWN_HOSTS)) expect(guide).toContain(`\`${host}\``)
  const [example] = blocks(guide, 'json')
  const scenario = parseScenario(JSON.parse(example ?? ''), providers)
  expect(scenario.hostAliases).toEqual({ 'sms.example-reseller.com': 'mimsms', 'bulksms.example.net': 'dinisoft' })
})
