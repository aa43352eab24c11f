import { XMLValidator } from 'fast-xml-parser'
import { expect, test } from 'vitest'
import { checksFor } from '../../src/contracts/kit/checks.js'
import { providerJUnit } from '../../src/contracts/kit/junit.js'
import { providerContracts } from '../../src/contracts/kit/registry.js'
import { formatProviderVerification, type VerifyProviderOptions, verifyProvider } from '../../src/contracts/kit/verify-provider.js'
import type { Emulator } from '../../src/index.js'
import { BD_NUMBER, testEmulator } from '../helpers/emulator.js'

const credentials = {
  dinisoft: { key: 'demo-apikey', secret: 'demo-secretkey', account: 'demo' },
  mimsms: { key: 'demo-api-key', secret: 'demo-password', account: 'demo', sender: 'DEMO' },
} as const

type Provider = keyof typeof credentials

function everything(emu: Emulator, provider: Provider, extra: Partial<VerifyProviderOptions> = {}): VerifyProviderOptions {
  return { provider, baseUrl: emu.urls[provider], credentials: credentials[provider], allowSend: true, to: BD_NUMBER, wait: (ms) => emu.clock.advance(ms), ...extra }
}

const failedIds = (report: Awaited<ReturnType<typeof verifyProvider>>) => report.results.filter((result) => result.status === 'failed').map((result) => result.id)

test.each(['dinisoft', 'mimsms'] as const)('every documented check of %s passes against the emulator', async (provider) => {
  const emu = await testEmulator()
  const report = await verifyProvider(everything(emu, provider))
  expect(report.results.filter((result) => result.status !== 'passed')).toEqual([])
  expect(report.results).toHaveLength(checksFor(providerContracts[provider]).length)
  expect(report).toMatchObject({ provider, ok: true, failed: 0, skipped: 0 })
})

test('the checks cover auth failures, every reachable error code, bodies, balance and delivery reports of both providers', () => {
  const kinds = (provider: Provider) => new Set(checksFor(providerContracts[provider]).map((check) => check.kind))
  expect([...kinds('dinisoft')].sort()).toEqual(['auth', 'balance', 'body-format', 'invalid-param', 'missing-param', 'status'])
  expect([...kinds('mimsms')].sort()).toEqual(['auth', 'balance', 'body-format', 'delivery-report', 'invalid-param', 'missing-param'])
  const titles = checksFor(providerContracts.mimsms).map((check) => check.title)
  for (const code of ['1002', '1003', '1006', '1008', '1009', '1010', '1011', '1012']) expect(titles.some((title) => title.includes(` ${code} `))).toBe(true)
  const dinisoft = checksFor(providerContracts.dinisoft).map((check) => check.title)
  for (const code of ['1', '108', '109', '114']) expect(dinisoft.some((title) => title.includes(` ${code} `))).toBe(true)
})

test('without allowSend nothing is sent and no report is taken: those checks are skipped with the reason', async () => {
  const emu = await testEmulator()
  for (const provider of ['dinisoft', 'mimsms'] as const) {
    const report = await verifyProvider({ ...everything(emu, provider), allowSend: false })
    expect(report.ok).toBe(true)
    const skipped = report.results.filter((result) => result.status === 'skipped')
    expect(skipped.length).toBeGreaterThan(0)
    for (const result of skipped) expect(result.message).toMatch(/run with allowSend/)
    expect(skipped.map((result) => result.id)).toContain(provider === 'dinisoft' ? 'sendtext/accepted' : 'getDLRAll/drain')
  }
  expect(emu.messages()).toEqual([])
  expect(emu.journal().some((entry) => entry.status === 200 && /^SMS SUBMITTED|"ACCEPTD"/.test(entry.response))).toBe(false)
})

test('checks that need a credential the options lack are skipped, the others still run', async () => {
  const emu = await testEmulator()
  const report = await verifyProvider({ provider: 'dinisoft', baseUrl: emu.urls.dinisoft })
  expect(report.ok).toBe(true)
  expect(report.results.find((result) => result.id === 'sendtext/invalid-apikey')?.status).toBe('passed')
  expect(report.results.find((result) => result.id === 'sendtext/invalid-secretkey')).toMatchObject({ status: 'skipped', message: 'needs the API key' })
  expect(report.results.find((result) => result.id === 'balance/answers')).toMatchObject({ status: 'skipped', message: expect.stringContaining('account name') })
})

test('an emulator scripted to answer a code sendtext does not document fails exactly the checks of that endpoint', async () => {
  const emu = await testEmulator()
  // -42 is getstatus's "Authorization failed": sendtext never answers it.
  emu.use({ when: { provider: 'dinisoft', endpoint: 'sendtext' }, then: { code: '-42' } })
  const report = await verifyProvider(everything(emu, 'dinisoft'))
  const sendtextChecks = checksFor(providerContracts.dinisoft).filter((check) => check.endpoint === 'sendtext' || check.kind === 'status').map((check) => check.id)
  expect(failedIds(report)).toEqual(sendtextChecks.filter((id) => failedIds(report).includes(id)))
  expect(new Set(failedIds(report))).toEqual(new Set(sendtextChecks))
  const unknownKey = report.results.find((result) => result.id === 'sendtext/invalid-apikey')
  expect(unknownKey?.message).toBe(
    'expected code 109 (User not provided / deleted), but "Status" is "-42", not a code sendtext documents (0, 109, 108, 114, 101, 1, 5400): HTTP 200 "{\\"Status\\":\\"-42\\",\\"Text\\":\\"REJECTD\\"}"',
  )
  expect(report.results.find((result) => result.id === 'getstatus/final-once')?.message).toMatch(/^could not set up "a message was sent"/)
  expect(report).toMatchObject({ ok: false })
})

test('an emulator scripted to answer a documented code in the wrong place fails that check', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'smsapi' }, then: { code: '1005' } })
  const report = await verifyProvider({ ...everything(emu, 'mimsms'), filter: (check) => check.endpoint === 'smsapi' })
  const missingType = report.results.find((result) => result.id === 'smsapi/missing-type')
  expect(missingType).toMatchObject({ status: 'failed', message: 'expected code 1009 (Message Type Not Set (text/unicode)), got code 1005 (Internal Error): HTTP 200 "1005"' })
  expect(report.passed).toBe(0)
})

test('a malformed body (cut short) fails the checks whose answers it replaces', async () => {
  const emu = await testEmulator()
  emu.use({ when: { provider: 'mimsms', endpoint: ['getBalance', 'getDLRRep'] }, then: { fault: 'malformed' } })
  const report = await verifyProvider(everything(emu, 'mimsms'))
  expect(failedIds(report).sort()).toEqual(['getBalance/answers', 'getBalance/invalid-apiKey', 'getDLR/once', 'getDLRRep/invalid-apiKey', 'getDLRRep/repeatable'])
  expect(report.results.find((result) => result.id === 'getBalance/answers')?.message).toMatch(/^expected balance, but the body "Your Balance[^"]*" does not match balance \(\^Your Balance is:BDT/)
})

test('an HTTP error page instead of the provider\'s answer fails with the status', async () => {
  const emu = await testEmulator()
  emu.use({ when: { endpoint: 'balance' }, then: { fault: 'http-503' } })
  const report = await verifyProvider({ ...everything(emu, 'dinisoft'), filter: (check) => check.endpoint === 'balance' })
  expect(report.results[0]?.message).toMatch(/^expected balance with HTTP 200, got HTTP 503 "<html>/)
})

test('the readable table and the JUnit XML list every check, with the exchanges of failures and secrets masked', async () => {
  const emu = await testEmulator()
  // 5400 is sendtext's "source IP not allowed": getstatus never answers it.
  emu.use({ when: { provider: 'dinisoft', endpoint: 'getstatus' }, then: { code: '5400' } })
  const report = await verifyProvider({ provider: 'dinisoft', baseUrl: emu.urls.dinisoft, credentials: credentials.dinisoft })
  const table = formatProviderVerification(report)
  expect(table).toContain('  FAIL  getstatus  getstatus answers 109 for an unknown apikey')
  expect(table).toContain('  PASS  sendtext   sendtext answers 114 when messageContent is missing')
  expect(table).toMatch(/\d+ passed, 6 failed, 3 skipped in \d+ ms/)
  const xml = providerJUnit([report])
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(xml).toMatch(/<testsuites name="sms-emulator verify-provider" tests="\d+" failures="6" errors="0" skipped="3"/)
  expect(xml).toContain('apikey=de****y&amp;secretkey=demo****key')
  expect(xml).not.toContain('demo-secretkey')
  expect(JSON.stringify(report)).not.toContain('demo-secretkey')
})
