// verify-consumer: checks the requests a consumer made (a journal, a recorded file) against the contracts.
import { asGsm7Display, isGsm7 } from '../encoding.js'
import { isSecretName, maskBody, maskJson, maskPath, maskSecret, maskText } from '../secrets.js'
import { entryForReason } from '../lookup.js'
import { parseMsisdn } from '../msisdn.js'
import type { Reason } from '../reasons.js'
import type { EndpointSpec, ParamSpec, ProviderContract } from '../types.js'
import { isFinalReading, readAnswer } from './answers.js'
import { arrivedAt, baseName, type EndpointMatch, matchEndpoint, pathnameOf, type RecordedRequest, readWire, type WireRequest } from './recorded.js'
import { isProviderName, providerContracts } from './registry.js'

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
const BODY_LIMIT = 500
/** Paths that are not provider requests: the emulator's own document. */
const NOT_PROVIDER_PATHS = new Set(['/openapi.json'])
/** Where a JSON document may hold its list of requests (the control API answers `{ entries: [...] }`). */
const LIST_FIELDS = ['entries', 'items', 'journal', 'requests']
const LOOSE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

interface Parsed {
  readonly record: RecordedRequest
  readonly provider: string
  readonly contract?: ProviderContract
  readonly match?: EndpointMatch
  readonly wire: WireRequest
  readonly ref: RequestRef
}

/** `a, b or c`. */
function either(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The documented name `name` most likely meant: the same but for case, or one or two letters off. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  const sameButCase = candidates.find((candidate) => candidate.toLowerCase() === lower)
  if (sameButCase) return sameButCase
  let best: { name: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = levenshtein(lower, candidate.toLowerCase())
    const allowed = candidate.length >= 6 ? 2 : 1
    if (distance <= allowed && (!best || distance < best.distance)) best = { name: candidate, distance }
  }
  return best?.name
}

const allContracts = Object.values(providerContracts)

/** The request as a report shows it: every credential masked, by name (any case or spelling) and in the path. */
function maskedRef(record: RecordedRequest, wire: WireRequest): RequestRef {
  const mask = (name: string, value: string) => (isSecretName(name) ? maskSecret(value) : value)
  const query = new URLSearchParams(wire.params.filter((param) => param.from === 'query').map((param): [string, string] => [param.name, mask(param.name, param.value)])).toString()
  const bodyParams = wire.params.filter((param) => param.from === 'body')
  let body: string | undefined
  if (wire.encoding === 'json' && wire.json && typeof wire.json === 'object') {
    body = JSON.stringify(maskJson(wire.json))
  } else if (bodyParams.length > 0) {
    body = new URLSearchParams(bodyParams.map((param): [string, string] => [param.name, mask(param.name, param.value)])).toString()
  } else if (wire.encoding === 'unreadable' && typeof record.body === 'string') {
    body = maskBody(record.body, record.contentType)
  }
  const path = maskPath(wire.path, allContracts)
  const at = arrivedAt(record)
  return {
    ...(record.seq === undefined ? {} : { seq: record.seq }),
    ...(at === undefined ? {} : { at }),
    method: wire.method,
    target: query === '' ? path : `${path}?${query}`,
    ...(body === undefined ? {} : { body: body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}...` : body }),
  }
}

function parse(record: RecordedRequest): Parsed {
  const pathname = pathnameOf(record)
  let provider = record.provider && isProviderName(record.provider) ? record.provider : undefined
  let match: EndpointMatch | undefined
  if (provider) match = matchEndpoint(providerContracts[provider], pathname)
  else {
    for (const contract of Object.values(providerContracts)) {
      match = matchEndpoint(contract, pathname)
      if (match) {
        provider = contract.provider
        break
      }
    }
  }
  const contract = provider ? providerContracts[provider] : undefined
  const wire = readWire(record, match?.pathParams ?? {})
  return { record, provider: provider ?? record.provider ?? 'unknown', ...(contract ? { contract } : {}), ...(match ? { match } : {}), wire, ref: maskedRef(record, wire) }
}

type Report = (kind: ViolationKind, message: string, hint: string, param?: string, severity?: Severity) => void

function codeHint(endpoint: EndpointSpec, reason: Reason | undefined): string {
  const entry = reason === undefined ? undefined : entryForReason(endpoint.codes ?? [], reason)
  return entry ? ` ${endpoint.id} answers it with ${entry.code} (${entry.meaning}).` : ''
}

function unknownEndpoint(parsed: Parsed, report: Report): void {
  const { wire } = parsed
  for (const contract of Object.values(providerContracts)) {
    const elsewhere = matchEndpoint(contract, wire.path)
    if (elsewhere && contract !== parsed.contract) {
      report('unknown-endpoint', `${wire.path} is ${contract.title}'s ${elsewhere.endpoint.id}, but the request went to the ${parsed.contract?.title ?? parsed.provider} port`, `Send ${contract.title} requests to its own base URL.`)
      return
    }
  }
  const contracts = parsed.contract ? [parsed.contract] : Object.values(providerContracts)
  const paths = contracts.flatMap((contract) => contract.endpoints.flatMap((endpoint) => [endpoint.path, ...(endpoint.aliases ?? [])]))
  const near =
    contracts.map((contract) => matchEndpoint(contract, wire.path, true)?.path).find((path) => path !== undefined) ??
    paths.find((path) => !path.includes(':') && levenshtein(path.toLowerCase(), wire.path.toLowerCase()) <= 2)
  const target = parsed.contract ? parsed.contract.title : 'either provider'
  report(
    'unknown-endpoint',
    `${wire.method} ${wire.path} is no endpoint of ${target}`,
    near ? `Did you mean ${near}? Paths are case-sensitive and take no trailing slash.` : `The endpoints are: ${paths.join(', ')}.`,
  )
}

/** What calling an endpoint does beyond answering: sending an SMS, or handing out a report only once. */
function sideEffect(endpoint: EndpointSpec): string | undefined {
  if (endpoint.sends) return 'sends an SMS'
  const read = endpoint.statusRead
  if (read && read.handedOut !== 'repeatable') return read.handedOut === 'final-once' ? "uses up the one-shot final status" : 'hands out reports that are then gone'
  return undefined
}

function checkEncoding(endpoint: EndpointSpec, parsed: Parsed, report: Report): boolean {
  const { wire, record } = parsed
  const named = parsed.contract?.endpoints.some((each) => each.methods.includes(wire.method as never)) ?? false
  const effect = sideEffect(endpoint)
  if (effect && (wire.method === 'HEAD' || !named)) {
    report(
      'unsafe-method',
      `${wire.method} ${endpoint.id} ${effect} on the real gateway: its server runs the GET handler for ${wire.method === 'HEAD' ? 'HEAD (a servlet\'s doHead, a PHP script)' : 'a method the manual does not name (a PHP script runs for any method)'}, and so does the emulator for HEAD`,
      `Call ${endpoint.id} with ${either(endpoint.methods)} only, and only when you mean it: a link checker, a proxy's HEAD probe or a CORS preflight counts.`,
    )
    return false
  }
  if (!endpoint.methods.includes(wire.method as never)) {
    const bodies = endpoint.encodings.filter((encoding) => encoding !== 'query')
    report(
      'wrong-method',
      `${endpoint.id} takes ${endpoint.methods.join(' or ')}, not ${wire.method}`,
      endpoint.methods.includes('POST') && bodies.length > 0 ? `Send a POST with a ${either(bodies)} body.` : `Call it with ${either(endpoint.methods)}.`,
    )
    return false
  }
  if (wire.method === 'GET' && typeof record.body === 'string' && record.body !== '') {
    report('wrong-encoding', `${endpoint.id} was sent a GET with a body, which the provider never reads`, 'Put the parameters in the query string, or send a POST.')
    return false
  }
  if (wire.encoding === 'unreadable') {
    report('wrong-encoding', `${endpoint.id}'s parameters could not be read: ${wire.unreadable}`, 'Send application/x-www-form-urlencoded (or another encoding the endpoint reads) with a matching Content-Type header.')
    return false
  }
  if (!endpoint.encodings.includes(wire.encoding)) {
    const readable = either(endpoint.encodings.map((encoding) => (encoding === 'query' ? 'the query string' : `a ${encoding} body`)))
    report('wrong-encoding', `${endpoint.id} reads ${readable}, not ${wire.encoding === 'query' ? 'the query string' : `a ${wire.encoding} body`}`, `Send the parameters in ${readable}.`)
    return false
  }
  return true
}

function documented(endpoint: EndpointSpec): readonly ParamSpec[] {
  return endpoint.params.filter((param) => param.in !== 'path')
}

function isBracketOf(name: string, endpoint: EndpointSpec): boolean {
  const base = baseName(name)
  return base !== name && endpoint.params.some((param) => param.name === base && param.format === 'json-messages')
}

/** Unknown names: misspellings, the tail of a text cut at "&", or merely unknown. Answers the params a misspelling explains. */
function checkNames(endpoint: EndpointSpec, parsed: Parsed, report: Report): Set<string> {
  const { wire } = parsed
  const names = documented(endpoint).map((param) => param.name)
  const known = new Set(names)
  const explained = new Set<string>()
  const content = endpoint.params.find((param) => param.role === 'content')
  const contentIndex = content ? wire.params.findLastIndex((param) => param.name === content.name) : -1
  const contentSource = contentIndex === -1 ? undefined : wire.params[contentIndex]?.from
  const strays: { name: string; value: string }[] = []
  const reported = new Set<string>()
  wire.params.forEach((param, index) => {
    if (param.from === 'path' || known.has(param.name) || isBracketOf(param.name, endpoint) || reported.has(param.name)) return
    reported.add(param.name)
    const meant = closest(param.name, names)
    if (meant && !wire.params.some((other) => other.name === meant)) {
      explained.add(meant)
      const caseOnly = meant.toLowerCase() === param.name.toLowerCase()
      report(
        'misspelled-param',
        `${endpoint.id} has no parameter "${param.name}", so the provider never sees the ${meant} you meant`,
        `Send "${meant}"${caseOnly ? ': parameter names are case-sensitive' : ''}.`,
        param.name,
      )
      return
    }
    if (contentSource !== undefined && index > contentIndex && param.from === contentSource) {
      strays.push({ name: param.name, value: param.value })
      return
    }
    report('unknown-param', `${endpoint.id} does not read "${param.name}"; the provider ignores it`, `Leave it out, or check the name against the manual: ${names.join(', ')}.`, param.name)
  })
  if (content && strays.length > 0) {
    const read = wire.params[contentIndex]?.value ?? ''
    const meant = read + strays.map((stray) => `&${stray.name}${stray.value === '' ? '' : `=${stray.value}`}`).join('')
    report(
      'text-cut-at-ampersand',
      `${content.name} was cut at an unencoded "&": the provider reads ${JSON.stringify(read)} and ignores ${strays.map((stray) => JSON.stringify(stray.name)).join(', ')}; the text was probably ${JSON.stringify(meant)}`,
      'URL-encode the text (encodeURIComponent, URLSearchParams or your HTTP client\'s query builder): "&" must travel as %26.',
      content.name,
    )
  }
  return explained
}

function valueOf(wire: WireRequest, name: string): string | undefined {
  let value: string | undefined
  for (const param of wire.params) if (param.name === name) value = param.value
  return value
}

function checkRequired(endpoint: EndpointSpec, parsed: Parsed, explained: ReadonlySet<string>, report: Report): void {
  for (const param of documented(endpoint)) {
    if (!param.required || explained.has(param.name)) continue
    const value = valueOf(parsed.wire, param.name)
    const viaBrackets = param.format === 'json-messages' && parsed.wire.params.some((sent) => isBracketOf(sent.name, endpoint))
    if (viaBrackets) continue
    if (value === undefined) report('missing-param', `${endpoint.id} needs ${param.name}, and the request has none`, `Send ${param.name} (${param.description}).${codeHint(endpoint, param.whenMissing)}`, param.name)
    else if (value.trim() === '') report('missing-param', `${endpoint.id} needs ${param.name}, and the request sends it empty`, `Send a value for ${param.name} (${param.description}).${codeHint(endpoint, param.whenMissing)}`, param.name)
  }
}

function splitNumbers(value: string, separators: string): string[] {
  const parts: string[] = []
  let current = ''
  for (const char of value) {
    if (separators.includes(char)) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts.map((part) => part.trim()).filter((part) => part !== '')
}

const NUMBER_HINT = 'Send Bangladeshi mobile numbers as 8801XXXXXXXXX (+8801XXXXXXXXX and 01XXXXXXXXX are read too), operator digit 3 to 9.'

function checkNumbers(endpoint: EndpointSpec, param: ParamSpec, numbers: readonly string[], report: Report): void {
  const invalid = numbers.filter((number) => parseMsisdn(number) === undefined)
  if (invalid.length === 0) return
  const allInvalid = invalid.length === numbers.length
  report(
    'invalid-number',
    `${param.name} holds ${invalid.length === 1 ? 'a number' : 'numbers'} that ${invalid.length === 1 ? 'is' : 'are'} not Bangladeshi mobile: ${invalid.map((number) => JSON.stringify(number)).join(', ')}`,
    `${NUMBER_HINT}${allInvalid ? codeHint(endpoint, param.invalid?.reason ?? param.whenMissing) : ' The provider skips them (or refuses the request): those recipients get nothing.'}`,
    param.name,
  )
}

function realDateTime(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute
}

function checkDateTime(endpoint: EndpointSpec, param: ParamSpec, value: string, report: Report): void {
  const loose = LOOSE_DATETIME.exec(value.trim())
  const documentedForm = param.pattern ? param.pattern.test(value) : loose !== null
  if (documentedForm && (loose === null || realDateTime(loose))) return
  const hint = `Send ${param.name} like ${JSON.stringify(param.example ?? '')}.${codeHint(endpoint, param.invalid?.reason)}`
  if (loose && !realDateTime(loose)) report('invalid-datetime', `${param.name}=${JSON.stringify(value)} is no date on the calendar`, hint, param.name)
  else if (loose) {
    // Deployments read a T for the space and a missing seconds field; the manual's form is safer.
    report('invalid-datetime', `${param.name}=${JSON.stringify(value)} is read by deployments, but is not the documented form`, `Send ${param.name} like ${JSON.stringify(param.example ?? '')}.`, param.name, 'warning')
  } else report('invalid-datetime', `${param.name}=${JSON.stringify(value)} is not in the documented form`, hint, param.name)
}

function messagesOf(parsed: Parsed, param: ParamSpec): { to: string; message: string }[] | string {
  const { wire } = parsed
  const value = valueOf(wire, param.name)
  if (value === undefined || value.trim() === '') {
    const fields = new Map<string, { to: string; message: string }>()
    for (const sent of wire.params) {
      const match = /^[^[]+\[([^\]]*)\]\[([^\]]+)\]$/.exec(sent.name)
      if (!match || baseName(sent.name) !== param.name) continue
      const entry = fields.get(match[1] ?? '') ?? { to: '', message: '' }
      if (match[2] === 'to') entry.to = sent.value
      else if (match[2] === 'message') entry.message = sent.value
      fields.set(match[1] ?? '', entry)
    }
    return [...fields.values()]
  }
  let list: unknown
  try {
    list = JSON.parse(value)
    if (typeof list === 'string') list = JSON.parse(list)
  } catch {
    return `${param.name} is not JSON`
  }
  if (!Array.isArray(list)) return `${param.name} is not a JSON list`
  const messages: { to: string; message: string }[] = []
  for (const item of list) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return `${param.name} holds an item that is not an object`
    const { to, message } = item as Record<string, unknown>
    if ((typeof to !== 'string' && typeof to !== 'number') || typeof message !== 'string') return `${param.name} holds an item without a text "to" and "message"`
    messages.push({ to: String(to), message })
  }
  return messages
}

function checkValues(endpoint: EndpointSpec, parsed: Parsed, report: Report): void {
  const { wire } = parsed
  for (const param of documented(endpoint)) {
    const value = valueOf(wire, param.name)
    if (param.format === 'json-messages') {
      if (value === undefined && !wire.params.some((sent) => isBracketOf(sent.name, endpoint))) continue
      const messages = messagesOf(parsed, param)
      if (typeof messages === 'string') {
        report('invalid-value', `${messages}: ${param.description}`, `Send ${param.name} as a JSON list of {"to", "message"}.${codeHint(endpoint, param.invalid?.reason)}`, param.name)
        continue
      }
      checkNumbers(endpoint, param, messages.map((message) => message.to), report)
      continue
    }
    if (value === undefined || value.trim() === '') continue
    switch (param.format) {
      case 'enum':
        if (param.enum && !param.enum.includes(value.trim())) {
          report('invalid-value', `${param.name}=${JSON.stringify(value)} is not one of ${param.enum.join(', ')}`, `Send ${param.name} as one of: ${param.enum.join(', ')}.${codeHint(endpoint, param.invalid?.reason)}`, param.name)
        }
        break
      case 'msisdn':
        checkNumbers(endpoint, param, [value], report)
        break
      case 'msisdn-list':
        checkNumbers(endpoint, param, splitNumbers(value, param.separators ?? ','), report)
        break
      case 'datetime':
        checkDateTime(endpoint, param, value, report)
        break
      default:
        if (param.pattern && !param.pattern.test(value)) report('invalid-value', `${param.name}=${JSON.stringify(value)} does not match ${param.pattern.source}`, `Send ${param.description}.`, param.name)
    }
  }
  checkAlphabet(endpoint, wire, report)
}

function checkAlphabet(endpoint: EndpointSpec, wire: WireRequest, report: Report): void {
  const typeParam = endpoint.params.find((param) => param.alphabets !== undefined)
  const content = endpoint.params.find((param) => param.role === 'content')
  if (!typeParam?.alphabets || !content) return
  const type = valueOf(wire, typeParam.name)?.trim()
  const text = valueOf(wire, content.name)
  if (type === undefined || text === undefined || typeParam.alphabets[type] !== 'GSM-7' || isGsm7(text)) return
  const wide = Object.entries(typeParam.alphabets).find(([, alphabet]) => alphabet === 'UCS-2')?.[0]
  report(
    'non-gsm-text',
    `${content.name} holds characters GSM-7 cannot carry, sent with ${typeParam.name}=${type}: the handset shows ${JSON.stringify(asGsm7Display(text))}`,
    `Send ${typeParam.name}=${wide ?? 'unicode'} for Bangla and any text outside GSM-7 (it costs 70 characters a segment instead of 160).`,
    content.name,
  )
}

interface SequenceState {
  readonly finalAnswered: Map<string, RequestRef>
  readonly reportsHandedOut: Map<string, RequestRef>
  readonly lastRead: Map<string, { at: number; ref: RequestRef; fullChunk: boolean }>
}

function describeRef(ref: RequestRef): string {
  return ref.seq === undefined ? `${ref.method} ${ref.target}` : `#${ref.seq}`
}

function checkSequence(endpoint: EndpointSpec, parsed: Parsed, state: SequenceState, minPollIntervalMs: number, report: Report): void {
  const read = endpoint.statusRead
  if (!read) return
  const { wire, record, ref } = parsed
  const keyParam = endpoint.params.find((param) => param.role === 'key')
  const account = keyParam ? (valueOf(wire, keyParam.name) ?? '') : ''
  const id = read.idParam ? valueOf(wire, read.idParam) : undefined
  if (read.idParam && (id === undefined || id === '')) return
  const key = `${parsed.provider}\u0000${endpoint.id}\u0000${account}\u0000${id ?? ''}`
  const reading = typeof record.response === 'string' ? readAnswer(endpoint, record.response) : undefined

  if (read.handedOut === 'final-once') {
    const earlier = state.finalAnswered.get(key)
    if (earlier) {
      const again = entryForReason(endpoint.codes ?? [], 'already-queried')
      report(
        'status-after-final',
        `${endpoint.id} asked again for ${id} after its final status was answered (${describeRef(earlier)})`,
        `A final status is answered once${again ? `; every later query gets ${again.code}` : ''}. Stop polling at the first final status and keep it.`,
        read.idParam,
      )
    } else if (reading && isFinalReading(endpoint, reading)) {
      state.finalAnswered.set(key, ref)
    }
  }
  if (read.handedOut === 'once') {
    const earlier = state.reportsHandedOut.get(key)
    if (earlier) {
      report(
        'repeated-one-time-read',
        `${endpoint.id} called again for ${id} after its reports were handed out (${describeRef(earlier)}); this call answers none of them`,
        read.repeatWith ? `Use ${read.repeatWith} to read a submission's reports more than once (or to poll until every recipient is final).` : 'Keep the reports the first call answered.',
        read.idParam,
      )
    } else if (reading === undefined || (reading.reports?.length ?? 0) > 0) {
      state.reportsHandedOut.set(key, ref)
    }
  }
  const at = arrivedAt(record)
  if (minPollIntervalMs > 0 && at !== undefined) {
    const last = state.lastRead.get(key)
    const gap = last ? at - last.at : Number.POSITIVE_INFINITY
    if (last && gap < minPollIntervalMs && !last.fullChunk) {
      report(
        'polling-too-fast',
        `${endpoint.id} read ${id === undefined ? "the account's reports" : `the status of ${id}`} ${gap} ms after the previous read (${describeRef(last.ref)})`,
        `Wait at least ${minPollIntervalMs} ms between two reads (back off as delivery takes seconds).`,
        read.idParam,
      )
    }
    const fullChunk = read.chunk !== undefined && (reading?.reports?.length ?? 0) >= read.chunk
    state.lastRead.set(key, { at, ref, fullChunk })
  }
}

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
  const state: SequenceState = { finalAnswered: new Map(), reportsHandedOut: new Map(), lastRead: new Map() }
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

/**
 * Reads recorded requests from text: a JSON array, a JSON object holding one (`entries`, `items`,
 * `journal`), or JSON Lines (one request per line).
 */
export function parseRecordedRequests(text: string, source = 'the input'): RecordedRequest[] {
  const trimmed = text.trim()
  if (trimmed === '') return []
  const check = (value: unknown, where: string): RecordedRequest => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`Failed to read ${source}: ${where} is not a request object.`)
    const request = value as Record<string, unknown>
    if (typeof request.method !== 'string' || typeof request.path !== 'string') {
      throw new Error(`Failed to read ${source}: ${where} needs a "method" and a "path" (a journal entry of the emulator, or {"method":"GET","path":"/sendtext?..."}).`)
    }
    return value as RecordedRequest
  }
  let whole: unknown
  let isOneDocument = false
  try {
    whole = JSON.parse(trimmed)
    isOneDocument = true
  } catch (error) {
    if (trimmed.startsWith('[')) throw new Error(`Failed to read ${source}: it is not valid JSON (${(error as Error).message}).`, { cause: error })
  }
  if (isOneDocument) {
    const list = Array.isArray(whole) ? whole : LIST_FIELDS.map((name) => (whole as Record<string, unknown> | null)?.[name]).find(Array.isArray)
    if (Array.isArray(list)) return list.map((item, index) => check(item, `item ${index + 1}`))
    return [check(whole, 'the document')]
  }
  return trimmed.split(/\r?\n/).flatMap((line, index) => {
    if (line.trim() === '') return []
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new Error(`Failed to read ${source}: line ${index + 1} is not valid JSON (${(error as Error).message}).`, { cause: error })
    }
    return [check(value, `line ${index + 1}`)]
  })
}

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
