import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { ScenarioError, startEmulator } from '../../src/index.js'

async function scenarioFile(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scenario-'))
  const file = join(dir, 'broken.json')
  await writeFile(file, content)
  return file
}

async function loadError(scenario: string | object): Promise<ScenarioError> {
  try {
    const emu = await startEmulator({ ports: 0, log: false, scenario })
    await emu.close()
  } catch (error) {
    if (error instanceof ScenarioError) return error
    throw error
  }
  throw new Error('the scenario loaded')
}

test('a scenario error names the file, the JSON path and what was expected', async () => {
  const file = await scenarioFile(JSON.stringify({ rules: [{ when: { to: '8801712345678' }, then: { dlr: 'vanished' } }] }))
  const error = await loadError(file)
  expect(error.message).toContain(`Failed to load ${file}: 1 problem.`)
  expect(error.issues).toEqual([{ path: '$.rules[0].then.dlr', message: expect.stringContaining('expected an outcome (pending, sent, delivered, absent-subscriber') }])
})

test('every problem of a scenario is reported at once, each with its path', async () => {
  const error = await loadError({
    version: 2,
    seed: 1.5,
    dlr: { sentAfter: 'soon' },
    accounts: { dinisoft: [{ key: 'k', secret: '', name: 'n' }], acme: [] },
    rules: [
      { when: { to: { prefx: '88017' }, probability: 2 }, then: { latency: '2 weeks' } },
      { when: { provider: 'dinisoftt' }, then: { reject: 'bored' } },
      { then: {} },
      { when: { text: { regex: '(' } }, then: { fault: 'explode' } },
    ],
  })
  const byPath = Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]))
  expect(byPath).toMatchObject({
    '$.version': expect.stringContaining('1'),
    '$.seed': expect.stringContaining('int'),
    '$.dlr.sentAfter': expect.stringContaining('expected a duration'),
    '$.accounts.dinisoft[0].secret': expect.stringContaining('>=1'),
    '$.accounts': expect.stringContaining('unknown key "acme"; expected one of dinisoft, mimsms'),
    '$.rules[0].when.to': expect.stringContaining('"equals", "prefix" or "regex"'),
    '$.rules[0].when.probability': expect.stringContaining('<=1'),
    '$.rules[0].then.latency': expect.stringContaining('expected a duration'),
    '$.rules[1].when.provider': 'expected one of dinisoft, mimsms, mimsms-json, or a list of them',
    '$.rules[1].then.reject': expect.stringContaining('insufficient-balance'),
    '$.rules[2].then': 'a rule must do something: reject, code, dlr, latency or fault',
    '$.rules[3].when.text.regex': expect.stringContaining('RE2 syntax'),
    '$.rules[3].then.fault': expect.stringContaining('http-500, http-502, http-503, malformed, drop, hang, rate-limit'),
  })
})

test('an unknown key is named with the keys that are allowed', async () => {
  const error = await loadError({ rules: [{ when: { recipient: '8801712345678' }, then: { dlr: 'delivered' } }] })
  expect(error.issues).toEqual([{ path: '$.rules[0].when', message: expect.stringMatching(/^unknown key "recipient"; expected one of provider, endpoint, to, from, text, account/) }])
})

test('a code that no aimed provider knows is refused, with the provider that does know it', async () => {
  const error = await loadError({ rules: [{ when: { provider: 'dinisoft' }, then: { dlr: { code: '1028' } } }] })
  expect(error.issues[0]?.path).toBe('$.rules[0].then.dlr.code')
  expect(error.issues[0]?.message).toContain('"1028" is neither a delivery reason')
  expect(error.issues[0]?.message).toContain('"provider": "mimsms"')
  // A rule aimed at MiM's JSON API is checked against that API's own DLR table, which the refusal names.
  const json = await loadError({ rules: [{ when: { provider: 'mimsms-json' }, then: { dlr: { code: '1028' } } }] })
  expect(json.issues[0]?.message).toContain('nor a DLR code of MiM JSON API (0, 6, 32, 31, 5, 13, 9, 36, 34, 8, 400)')
  const refusal = await loadError({ rules: [{ when: { provider: 'dinisoft' }, then: { code: '999' } }] })
  expect(refusal.issues[0]).toMatchObject({ path: '$.rules[0].then.code', message: expect.stringContaining('109, 108, 114, 101, 1, 5400') })
})

test('an endpoint that no provider has is refused with the list of endpoints', async () => {
  const error = await loadError({ rules: [{ when: { endpoint: 'send' }, then: { fault: 'drop' } }] })
  expect(error.issues[0]?.path).toBe('$.rules[0].when.endpoint')
  expect(error.issues[0]?.message).toContain('sendtext, getstatus')
})

test('a file that is not JSON is refused with the line and column', async () => {
  const file = await scenarioFile('{\n  "seed": 1,\n  "rules": [,]\n}\n')
  const error = await loadError(file)
  expect(error.message).toMatch(new RegExp(`^Failed to load ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON at line 3, column 13`))
})

test('a missing file is refused with a hint', async () => {
  const error = await loadError('/nowhere/scenario.json')
  expect(error.message).toMatch(/^Failed to load \/nowhere\/scenario\.json: .*ENOENT.*Check the path given to --scenario\.$/)
})

test('rules added in process are validated like a scenario file', async () => {
  const emu = await startEmulator({ ports: 0, log: false })
  try {
    expect(() => emu.use({ when: { nth: 0 }, then: { dlr: 'delivered' } })).toThrow(/\$\[0\]\.when\.nth: .*>0/)
  } finally {
    await emu.close()
  }
})
