// JUnit XML for CI dashboards: one test case per provider check, and one per kind of consumer violation.
import type { ConsumerVerification, Severity, Violation } from './verify-consumer.js'
import { violationKindNames, violationKinds } from './verify-consumer.js'
import type { CheckResult, Exchange, ProviderVerification } from './verify-provider.js'

// XML 1.0 forbids these characters even escaped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

function describeExchange(exchange: Exchange): string {
  const request = `${exchange.method} ${exchange.url}${exchange.requestBody ? `\n  body: ${exchange.requestBody}` : ''}`
  const answer = exchange.error ? `  failed: ${exchange.error}` : `  -> HTTP ${exchange.status} ${exchange.body ?? ''}`
  return `${request}\n${answer}`
}

function providerCase(report: ProviderVerification, result: CheckResult): string {
  const open = `    <testcase${attributes({ classname: `${report.provider}.${result.endpoint}`, name: result.title, time: seconds(result.durationMs) })}`
  const exchanges = result.exchanges.map(describeExchange).join('\n')
  const inner: string[] = []
  if (result.status === 'failed') inner.push(`      <failure${attributes({ message: result.message ?? 'failed', type: result.kind })}>${escapeXml(`${result.message ?? ''}\n\n${exchanges}`)}</failure>`)
  if (result.status === 'skipped') inner.push(`      <skipped${attributes({ message: result.message ?? 'skipped' })}/>`)
  if (result.status === 'passed' && exchanges !== '') inner.push(`      <system-out>${escapeXml(exchanges)}</system-out>`)
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`
}

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>'

/** One `<testsuite>` per provider verified, one `<testcase>` per check. */
export function providerJUnit(reports: readonly ProviderVerification[]): string {
  const suites = reports.map((report) => {
    const cases = report.results.map((result) => providerCase(report, result)).join('\n')
    const head = attributes({
      name: `${report.title} at ${report.baseUrl}`,
      tests: report.results.length,
      failures: report.failed,
      errors: 0,
      skipped: report.skipped,
      time: seconds(report.durationMs),
      timestamp: report.startedAt,
    })
    return `  <testsuite${head}>\n${cases}\n  </testsuite>`
  })
  const total = (pick: (report: ProviderVerification) => number) => reports.reduce((sum, report) => sum + pick(report), 0)
  const head = attributes({
    name: 'sms-emulator verify-provider',
    tests: total((report) => report.results.length),
    failures: total((report) => report.failed),
    errors: 0,
    skipped: total((report) => report.skipped),
    time: seconds(total((report) => report.durationMs)),
  })
  return `${HEADER}\n<testsuites${head}>\n${suites.join('\n')}\n</testsuites>\n`
}

function describeViolation(violation: Violation): string {
  const { request } = violation
  const where = `${request.seq === undefined ? '' : `#${request.seq} `}${request.method} ${request.target}${request.body ? `\n  body: ${request.body}` : ''}`
  return `${where}\n  ${violation.severity}: ${violation.message}\n  fix: ${violation.hint}`
}

/**
 * One `<testcase>` per kind of violation, so a dashboard tracks the same cases run after run. A kind
 * fails when it has a violation of at least `failOn` severity; lesser ones go to `<system-out>`.
 */
export function consumerJUnit(result: ConsumerVerification, options: { failOn?: Severity; name?: string } = {}): string {
  const failOn = options.failOn ?? 'error'
  const failing = (violation: Violation) => violation.severity === 'error' || failOn === 'warning'
  let failures = 0
  const cases = violationKindNames.map((kind) => {
    const found = result.violations.filter((violation) => violation.kind === kind)
    const open = `    <testcase${attributes({ classname: 'consumer', name: `${kind}: ${violationKinds[kind].summary}`, time: '0.000' })}`
    if (found.length === 0) return `${open}/>`
    const failed = found.filter(failing)
    const text = escapeXml(found.map(describeViolation).join('\n\n'))
    if (failed.length === 0) return `${open}>\n      <system-out>${text}</system-out>\n    </testcase>`
    failures++
    const message = `${failed.length} request${failed.length === 1 ? '' : 's'}: ${failed[0]?.message ?? ''}`
    return `${open}>\n      <failure${attributes({ message, type: kind })}>${text}</failure>\n    </testcase>`
  })
  const head = attributes({ name: options.name ?? `verify-consumer (${result.requests} requests)`, tests: violationKindNames.length, failures, errors: 0, skipped: 0, time: '0.000' })
  return `${HEADER}\n<testsuites${attributes({ name: 'sms-emulator verify-consumer', tests: violationKindNames.length, failures, errors: 0 })}>\n  <testsuite${head}>\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`
}
