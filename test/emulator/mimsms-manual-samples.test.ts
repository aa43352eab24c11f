import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { SUBMITTED_PATTERN } from '../../src/contracts/mimsms/endpoints.js'
import { testEmulator } from '../helpers/emulator.js'

interface RecordedRequest {
  description: string
  method: string
  path: string
  headers: Record<string, string>
  body: string
  expect: { recipients: string[]; texts: string[]; encodings?: string[] }
}

const folder = new URL('../../fixtures/requests/mimsms/', import.meta.url)
const samples = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as RecordedRequest] as const)

test('every manual sample shape has a recorded request', () => {
  expect(samples.map(([name]) => name)).toEqual(
    expect.arrayContaining(['php-smsapi-one-to-many.json', 'php-smsapimany.json', 'jquery-smsapimany.json', 'json-smsapimany.json']),
  )
})

test.each(samples)('the recorded request %s is accepted and stores what it sent', async (_name, sample) => {
  const emu = await testEmulator()
  // fetch sets Host itself; every other header goes out as recorded.
  const { host: _host, ...headers } = sample.headers
  const res = await fetch(`${emu.urls.mimsms}${sample.path}`, { method: sample.method, headers, body: sample.body })
  expect(await res.text()).toMatch(SUBMITTED_PATTERN)
  const messages = emu.messages()
  expect(messages.map((m) => m.to)).toEqual(sample.expect.recipients)
  expect(messages.map((m) => m.text)).toEqual(sample.expect.texts)
  if (sample.expect.encodings) expect(messages.map((m) => m.encoding)).toEqual(sample.expect.encodings)
  expect(new Set(messages.map((m) => m.submissionId)).size).toBe(1)
})
