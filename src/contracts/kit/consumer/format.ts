// verify-consumer's report for people: each request with its violations and fixes, then the totals.
import type { ConsumerVerification, RequestRef, Violation } from './violations.js'

/** A readable report: each request with its violations and hints, then the totals. */
export function formatConsumerVerification(result: ConsumerVerification): string {
  const lines: string[] = []
  const byRequest = new Map<RequestRef, Violation[]>()
  for (const violation of result.violations) byRequest.set(violation.request, [...(byRequest.get(violation.request) ?? []), violation])
  for (const [ref, violations] of byRequest) {
    const first = violations[0]
    lines.push(`${ref.seq === undefined ? '' : `#${ref.seq} `}${ref.method} ${ref.target}${first ? `  (${first.provider}${first.endpoint ? ` ${first.endpoint}` : ''})` : ''}`)
    if (ref.body) lines.push(`    body: ${ref.body}`)
    for (const violation of violations) {
      lines.push(`  ${violation.severity.toUpperCase().padEnd(7)} ${violation.kind}: ${violation.message}`)
      lines.push(`          fix: ${violation.hint}`)
    }
    lines.push('')
  }
  lines.push(`${result.requests} request${result.requests === 1 ? '' : 's'} checked: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`)
  return lines.join('\n')
}
