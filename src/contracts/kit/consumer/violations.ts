// The vocabulary of verify-consumer: kinds of violation with their severity, what a report holds, and how a check reports.
import { entryForReason } from '../../lookup.js'
import type { Reason } from '../../reasons.js'
import type { EndpointSpec } from '../../types.js'

export type Severity = 'error' | 'warning'

/** Every kind of violation, with its severity and what it means: one place for the docs, JUnit and the CLI. */
export const violationKinds = {
  'unknown-endpoint': { severity: 'error', summary: 'The path is no endpoint of the provider' },
  'wrong-method': { severity: 'error', summary: 'The endpoint does not take this HTTP method' },
  'unsafe-method': { severity: 'error', summary: 'HEAD, or a method the manual does not name, sent to an endpoint with side effects: real servers run the GET handler' },
  'wrong-encoding': { severity: 'error', summary: 'The parameters travel in a way the endpoint does not read' },
  'misspelled-param': { severity: 'error', summary: 'A parameter name is close to a documented one (names are case-sensitive)' },
  'unknown-param': { severity: 'warning', summary: 'A parameter the endpoint does not read' },
  'missing-param': { severity: 'error', summary: 'A required parameter is missing or empty' },
  'invalid-value': { severity: 'error', summary: 'A value is not one the endpoint accepts' },
  'invalid-number': { severity: 'error', summary: 'A recipient is not a Bangladeshi mobile number' },
  'invalid-datetime': { severity: 'error', summary: 'A date-time is not in the documented form' },
  'non-gsm-text': { severity: 'error', summary: 'Text outside GSM-7 sent with a GSM-7 message type (MiM type=text)' },
  'text-cut-at-ampersand': { severity: 'error', summary: 'The message text was cut short by an unencoded "&"' },
  'status-after-final': { severity: 'error', summary: 'A status queried again after its final status was answered (DiniSoft one-shot)' },
  'repeated-one-time-read': { severity: 'error', summary: 'Reports that are handed out once read again (MiM getDLR instead of getDLRRep)' },
  'polling-too-fast': { severity: 'warning', summary: 'A status polled faster than the allowed rate' },
} as const satisfies Record<string, { severity: Severity; summary: string }>

export type ViolationKind = keyof typeof violationKinds

export const violationKindNames = Object.keys(violationKinds) as ViolationKind[]

/** The request a violation is about, with credential values masked. */
export interface RequestRef {
  readonly seq?: number
  readonly at?: number
  readonly method: string
  /** Path and query string. */
  readonly target: string
  /** The body parameters, when there were any. */
  readonly body?: string
}

export interface Violation {
  readonly kind: ViolationKind
  readonly severity: Severity
  readonly provider: string
  readonly endpoint?: string
  readonly param?: string
  readonly message: string
  readonly hint: string
  readonly request: RequestRef
}

export interface VerifyConsumerOptions {
  /** The shortest time allowed between two status reads of the same message, in ms (default 1000; 0 turns the check off). */
  readonly minPollIntervalMs?: number
  /** Kinds not to report. */
  readonly ignore?: readonly ViolationKind[]
}

export interface ConsumerVerification {
  /** How many requests were checked. */
  readonly requests: number
  readonly violations: readonly Violation[]
  readonly errors: number
  readonly warnings: number
  /** No error (warnings allowed). */
  readonly ok: boolean
}

export const DEFAULT_MIN_POLL_INTERVAL_MS = 1000

/** How a check reports a violation; the severity defaults to its kind's. */
export type Report = (kind: ViolationKind, message: string, hint: string, param?: string, severity?: Severity) => void

/** " <endpoint> answers it with <code> (<meaning>)." when the contract documents a code for `reason`. */
export function codeHint(endpoint: EndpointSpec, reason: Reason | undefined): string {
  const entry = reason === undefined ? undefined : entryForReason(endpoint.codes ?? [], reason)
  return entry ? ` ${endpoint.id} answers it with ${entry.code} (${entry.meaning}).` : ''
}
