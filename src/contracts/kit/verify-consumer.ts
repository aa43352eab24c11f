// verify-consumer: checks the requests a consumer made (a journal, a recorded file) against the contracts.
// One module per concern in consumer/: the request as read (request), how it was sent (form), its
// values (values), checks across requests (sequence), the vocabulary (violations) and the report (format).
import { checkEncoding, checkNames, checkRequired, unknownEndpoint } from './consumer/form.js'
import { parse } from './consumer/request.js'
import { checkSequence, createSequenceState } from './consumer/sequence.js'
import { checkValues } from './consumer/values.js'
import {
  type ConsumerVerification,
  DEFAULT_MIN_POLL_INTERVAL_MS,
  type Report,
  type VerifyConsumerOptions,
  type Violation,
  violationKinds,
} from './consumer/violations.js'
import { maskText } from '../secrets.js'
import { pathnameOf, type RecordedRequest } from './recorded.js'
import { providerContracts } from './registry.js'

export { formatConsumerVerification } from './consumer/format.js'
export {
  type ConsumerVerification,
  DEFAULT_MIN_POLL_INTERVAL_MS,
  type RequestRef,
  type Severity,
  type VerifyConsumerOptions,
  type Violation,
  type ViolationKind,
  violationKindNames,
  violationKinds,
} from './consumer/violations.js'
export { parseRecordedRequests } from './recorded.js'

const allContracts = Object.values(providerContracts)

/** Paths that are not provider requests: the emulator's own document. */
const NOT_PROVIDER_PATHS = new Set(['/openapi.json'])

/**
 * Checks each recorded request against its provider's contract and lists every violation, in request
 * order, each with the request, a severity and a hint.
 *
 * @example
 * const { violations } = verifyConsumer(emu.journal())
 */
export function verifyConsumer(records: Iterable<RecordedRequest>, options: VerifyConsumerOptions = {}): ConsumerVerification {
  const minPollIntervalMs = options.minPollIntervalMs ?? DEFAULT_MIN_POLL_INTERVAL_MS
  const ignored = new Set(options.ignore ?? [])
  const violations: Violation[] = []
  const state = createSequenceState()
  let list = [...records]
  if (list.every((record) => typeof record.seq === 'number')) list = list.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
  let requests = 0
  for (const record of list) {
    if (NOT_PROVIDER_PATHS.has(pathnameOf(record))) continue
    requests++
    const parsed = parse(record)
    const endpoint = parsed.match?.endpoint
    const report: Report = (kind, message, hint, param, severity) => {
      if (ignored.has(kind)) return
      violations.push({
        kind,
        severity: severity ?? violationKinds[kind].severity,
        provider: parsed.provider,
        ...(endpoint ? { endpoint: endpoint.id } : {}),
        ...(param === undefined ? {} : { param }),
        message: maskText(message, allContracts),
        hint: maskText(hint, allContracts),
        request: parsed.ref,
      })
    }
    if (!endpoint) {
      unknownEndpoint(parsed, report)
      continue
    }
    const readable = checkEncoding(endpoint, parsed, report)
    const explained = checkNames(endpoint, parsed, report)
    if (readable) checkRequired(endpoint, parsed, explained, report)
    checkValues(endpoint, parsed, report)
    checkSequence(endpoint, parsed, state, minPollIntervalMs, report)
  }
  const errors = violations.filter((violation) => violation.severity === 'error').length
  return { requests, violations, errors, warnings: violations.length - errors, ok: errors === 0 }
}
