// certify's report formats: the JSON against the published JSON Schema, the JUnit against a JUnit XSD,
// the HTML self-contained; the score and the baseline comparison.
import { readFile } from 'node:fs/promises'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, expect, test } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { startCellEmulator } from '../../src/certify.js'
import { type CertifyReport, certify, certifyHtml, certifyJUnit, formatCertification, functionConsumer, regressionsAgainst } from '../../src/contracts/kit/certify/index.js'
import { consumerJUnit, providerJUnit } from '../../src/contracts/kit/junit.js'
import { verifyConsumer } from '../../src/contracts/kit/verify-consumer.js'

const schema = JSON.parse(await readFile(new URL('../../schema/certify-report.schema.json', import.meta.url), 'utf8')) as object
const junitXsd = await readFile(new URL('./junit.xsd', import.meta.url), 'utf8')
const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats.default(ajv)
const validate = ajv.compile(schema)

/** Validates documents in one xmllint run (each run starts a WebAssembly instance). */
async function junitProblems(...documents: string[]): Promise<string[]> {
  const xml = documents.map((contents, i) => ({ fileName: `report-${i}.xml`, contents }))
  const result = await validateXML({ xml, schema: [{ fileName: 'junit.xsd', contents: junitXsd }] })
  return result.errors.map((error) => `${error.loc?.fileName ?? ''}: ${error.rawMessage}`)
}

// A consumer that prints a credential, sends one SMS the right way and says "sent" whatever happens:
// it passes some rules and fails others, so every part of a report has something in it.
const credentials = new Set<string>()
const careless = functionConsumer(async ({ env, log }) => {
  for (const value of [env.SMS_API_KEY, env.SMS_API_SECRET]) if (value) credentials.add(value)
  log(`using key ${env.SMS_API_KEY} <&> "quotes"`)
  log(`retrying ${env.SMS_EMULATOR_URL}/sendtext?apikey=${env.SMS_API_KEY}&secretkey=${encodeURIComponent(env.SMS_API_SECRET ?? '')}`)
  const params = new URLSearchParams({ apikey: env.SMS_API_KEY ?? '', secretkey: env.SMS_API_SECRET ?? '', callerID: 'DEMO', toUser: env.SMS_TO ?? '', messageContent: 'Hi & bye' })
  await (await fetch(`${env.SMS_EMULATOR_URL}/sendtext?${params}`)).text()
  return 0
})

let report: CertifyReport
beforeAll(async () => {
  report = await certify({ providers: ['dinisoft'], cells: ['delivered', 'refused-108', 'send-http-503'], consumer: careless, consumerName: ['careless'], startEmulator: startCellEmulator, timeoutMs: 10_000 })
}, 30_000)

test('the JSON report validates against the published schema, and the schema is strict', () => {
  const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown>
  expect(validate(json), ajv.errorsText(validate.errors)).toBe(true)
  expect(validate({ ...json, ok: 'yes' })).toBe(false)
  expect(validate({ ...json, surprise: 1 })).toBe(false)
  const { consumer: _consumer, ...withoutConsumer } = json
  expect(validate(withoutConsumer)).toBe(false)
})

test('the score counts rules passed over rules that apply; failures carry masked evidence and a fix', () => {
  const dinisoft = report.providers[0]
  expect(dinisoft?.score.passed).toBe(dinisoft?.rules.filter((rule) => rule.status === 'passed').length)
  expect(dinisoft?.score.applicable).toBe(dinisoft?.rules.filter((rule) => rule.status !== 'not-applicable').length)
  expect(dinisoft?.rules.find((rule) => rule.id === 'outcome-reported')).toMatchObject({ status: 'failed', failedCells: ['refused-108', 'send-http-503'] })
  expect(dinisoft?.rules.find((rule) => rule.id === 'sends-the-sms')).toMatchObject({ status: 'passed', passedCells: ['delivered'] })
  expect(report.providers[0]?.cells[0]?.output).toMatch(/^using key cert\*{4}\w{3} <&> "quotes"\nretrying http:\/\/\S+\/sendtext\?apikey=cert\*{4}\w{3}&secretkey=cert\*{4}\w{3}\n$/)
  expect(report.ok).toBe(false)
})

test('no credential appears in clear in the terminal, JSON, JUnit or HTML report', () => {
  // Three cells, each its own key and secret, printed by the consumer and sent in every request.
  expect(credentials.size).toBe(6)
  const shown = { terminal: formatCertification(report), json: JSON.stringify(report), junit: certifyJUnit(report), html: certifyHtml(report) }
  for (const [where, text] of Object.entries(shown)) {
    for (const credential of credentials) {
      expect(text.includes(credential), `${where} shows ${credential}`).toBe(false)
      expect(text.includes(encodeURIComponent(credential)), `${where} shows ${credential}`).toBe(false)
    }
    // The evidence still names what was sent, with the credentials masked as secrets.ts masks them.
    expect(text, where).toMatch(/apikey=cert\*{4}\w{3}/)
  }
})

test('the JUnit report validates against the JUnit schema, one test case per cell', async () => {
  const xml = certifyJUnit(report)
  // With the kit's other JUnit reports, which fit the same schema.
  expect(await junitProblems(xml, consumerJUnit(verifyConsumer([{ method: 'GET', path: '/sendText?apikey=k' }])), providerJUnit([]))).toEqual([])
  expect(xml).toContain('<testsuite name="certify dinisoft" tests="3" failures="2"')
  expect(xml).toContain('<property name="score"')
  expect(xml).toMatch(/<failure message="outcome-reported" type="outcome-reported">outcome-reported: reported success/)
  // The schema is no formality: a case without its name is refused.
  expect(await junitProblems(xml.replace(/<testcase classname="([^"]*)" name="[^"]*"/, '<testcase classname="$1"'))).not.toEqual([])
})

test('the HTML report stands alone: no script, nothing fetched, everything escaped', () => {
  const html = certifyHtml(report)
  expect(html).toMatch(/^<!doctype html>/)
  expect(html).not.toMatch(/<script|\bsrc=|<link|@import|url\(/i)
  expect(html).toMatch(/using key cert\*{4}\w{3} &lt;&amp;&gt; &quot;quotes&quot;/)
  expect(html).toContain('<code>outcome-reported</code>')
  expect(html).toMatch(/Score: <strong>\d+\/\d+<\/strong>/)
})

test('against a baseline only new failures count', () => {
  expect(regressionsAgainst(report, report)).toEqual([])
  const fixedSome = { providers: report.providers.map((provider) => ({ ...provider, cells: provider.cells.filter((cell) => cell.id !== 'send-http-503') })) }
  expect(regressionsAgainst(report, fixedSome)).toEqual([{ provider: 'dinisoft', cell: 'send-http-503', rule: 'outcome-reported' }])
})
