// The curl sessions of the README and the API references are run: each file's curl commands are sent in
// order to one emulator, as a reader would send them, and where a `# => answer` line follows a command,
// the answer must have that shape. `VAR=$(curl ... | sed 's/re/rep/')` captures an answer for later
// `$VAR` uses; `sleep N` lets N seconds pass on the emulator's clock.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { testEmulator } from '../helpers/emulator.js'
import { blocksRunBy, CURL_SESSION_FILES } from './blocks.js'

interface CurlCall {
  readonly line: string
  readonly command: string
  readonly expected?: string
  /** `NAME=$(curl ...)`: the variable the answer is stored in. */
  readonly assign?: string
  /** `| sed 's/re/rep/'` applied to the answer before it is stored. */
  readonly sed?: readonly [RegExp, string]
  /** `sleep N`: seconds a reader waits. */
  readonly sleep?: number
}

const ASSIGNMENT = /^([A-Z_]+)=\$\((.*)\)$/
const SED = /\|\s*sed\s+(-E\s+)?'s\/(.*?)\/(.*?)\/'\s*$/

/** Reads the curl options the README uses: -d, --data-urlencode, -X, -H, -F. */
function parseCurl(command: string): { url: string; init: RequestInit } {
  // A shell word: adjacent quoted and unquoted pieces ('{"id":"'$ID'"}' is one word).
  const words = [...command.matchAll(/(?:'[^']*'|"[^"]*"|[^\s'"]+)+/g)].map((m) => m[0].replace(/'([^']*)'|"([^"]*)"/g, (_, single?: string, double?: string) => single ?? double ?? ''))
  let url = ''
  let method: string | undefined
  const headers: Record<string, string> = {}
  const data: string[] = []
  const form = new FormData()
  let multipart = false
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as string
    const next = () => words[++i] ?? ''
    if (word === '-d' || word === '--data' || word === '--data-raw') {
      const value = next()
      // curl reads `@file` from the working directory, the repository root in the README.
      data.push(word !== '--data-raw' && value.startsWith('@') ? readFileSync(new URL(`../../${value.slice(1)}`, import.meta.url), 'utf8') : value)
    }
    else if (word === '--data-urlencode') {
      const [name, ...value] = next().split('=')
      data.push(`${name}=${encodeURIComponent(value.join('='))}`)
    } else if (word === '-F' || word === '--form') {
      const [name, ...value] = next().split('=')
      form.append(name ?? '', value.join('='))
      multipart = true
    } else if (word === '-X' || word === '--request') method = next()
    else if (word === '-H' || word === '--header') {
      const [name, ...value] = next().split(':')
      headers[(name ?? '').trim()] = value.join(':').trim()
    } else if (word.startsWith('http')) url = word
  }
  if (multipart) return { url, init: { method: method ?? 'POST', headers, body: form } }
  if (data.length > 0) {
    const isJson = Object.entries(headers).some(([name, value]) => name.toLowerCase() === 'content-type' && value.includes('json'))
    return { url, init: { method: method ?? 'POST', headers: isJson ? headers : { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: data.join('&') } }
  }
  return { url, init: { method: method ?? 'GET', headers } }
}

function curlCalls(file: string): CurlCall[] {
  const calls: CurlCall[] = []
  for (const { text } of blocksRunBy('curlSession', [file])) {
    const lines = text.replace(/\\\n\s*/g, ' ').split('\n')
    lines.forEach((line, index) => {
      const trimmed = line.trim()
      const assignment = ASSIGNMENT.exec(trimmed)
      let command = assignment ? (assignment[2] ?? '') : trimmed
      const sleep = /^sleep (\d+)/.exec(trimmed)
      if (sleep) return void calls.push({ line, command: trimmed, sleep: Number(sleep[1]) })
      if (!command.startsWith('curl ')) return
      const sed = SED.exec(command)
      if (sed) command = command.slice(0, sed.index).trim()
      const following = lines[index + 1]?.trim()
      calls.push({
        line,
        command,
        ...(following?.startsWith('# => ') ? { expected: following.slice(5) } : {}),
        ...(assignment ? { assign: assignment[1] } : {}),
        // sed -E's \1 is JavaScript's $1.
        ...(sed ? { sed: [new RegExp(sed[2] ?? ''), (sed[3] ?? '').replace(/\\(\d)/g, '$$$1')] as const } : {}),
      })
    })
  }
  return calls
}

/** What must match: the words and punctuation, with ids, numbers and dates left free. */
const shape = (body: string) =>
  body
    .trim()
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, 'DATE')
    .replace(/\b(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{6,}\b/g, 'ID')
    .replace(/\d+(\.\d+)?/g, 'N')

test('the curl sessions cover the README and the API references', () => {
  expect(CURL_SESSION_FILES.map((file) => curlCalls(file).length).reduce((sum, count) => sum + count)).toBeGreaterThan(20)
})

test.each(CURL_SESSION_FILES)('every curl command of %s works, in order, against a fresh emulator', async (file) => {
  const calls = curlCalls(file)
  expect(calls.length).toBeGreaterThan(0)
  const emu = await testEmulator()
  const ports: Record<string, string> = { '7788': emu.urls.dinisoft, '7799': emu.urls.mimsms, '7780': emu.urls.control }
  const variables = new Map<string, string>()
  for (const call of calls) {
    if (call.sleep !== undefined) {
      emu.clock.advance(call.sleep * 1000)
      continue
    }
    const command = call.command.replace(/\$([A-Z_]+)/g, (whole, name: string) => variables.get(name) ?? whole)
    const { url, init } = parseCurl(command)
    // The README reads as a session: some seconds pass between commands, enough for delivery.
    emu.clock.advance('10s')
    const res = await fetch(url.replace(/http:\/\/127\.0\.0\.1:(\d+)/, (whole, port: string) => ports[port] ?? whole), init)
    const body = await res.text()
    expect(res.status, `${call.line}\n${body}`).toBeLessThan(400)
    if (call.assign) variables.set(call.assign, call.sed ? body.replace(call.sed[0], call.sed[1]) : body)
    if (call.expected !== undefined) expect(shape(body), `${call.line}\n(a "# => " line after a command is its expected answer)`).toBe(shape(call.expected))
  }
})
