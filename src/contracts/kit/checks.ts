// The documented checks of a provider, derived from its contract data: what to send, what must come back.
import { entryForReason } from '../lookup.js'
import { normaliseMsisdn } from '../msisdn.js'
import type { Reason } from '../reasons.js'
import type { EndpointSpec, HttpMethod, ParamRole, ParamSpec, ProviderContract, ResponseSpec } from '../types.js'
import { type AnswerReading, isFinalReading, type Report } from './answers.js'

export type CheckKind = 'auth' | 'missing-param' | 'invalid-param' | 'body-format' | 'balance' | 'status' | 'delivery-report'

/** The credentials a check may need, by what they are rather than by each provider's parameter name. */
export type CredentialName = 'key' | 'secret' | 'account' | 'sender'

/**
 * Credentials of an account on the provider under test: DiniSoft `apikey` (key), `secretkey` (secret),
 * balance `client` (account); MiM `api_key` (key), login username (account) and password (secret), an
 * approved `senderid` (sender).
 */
export type ProviderCredentials = Partial<Record<CredentialName, string>>

/** Parameter values of one request: a value, or `undefined` to leave the parameter out. */
export type Params = Readonly<Record<string, string | undefined>>

export interface Answer {
  readonly status: number
  readonly body: string
  readonly reading: AnswerReading
}

/** What a check runs against: the provider, the credentials, and the states set up once per run. */
export interface CheckSession {
  readonly contract: ProviderContract
  readonly credentials: ProviderCredentials
  /** The recipient of anything sent. */
  readonly to: string
  /** The text of anything sent. */
  readonly text: string
  readonly pollIntervalMs: number
  readonly dlrTimeoutMs: number
  call(endpoint: EndpointSpec, params: Params, method?: HttpMethod): Promise<Answer>
  /** A named state (Pact's provider state), set up once per run and shared by the checks that need it. */
  given<T>(state: string, setUp: () => Promise<T>): Promise<T>
  /** Waits between status polls: real time against a real provider, the virtual clock against the emulator. */
  wait(ms: number): Promise<void>
}

export interface ProviderCheck {
  /** Stable across runs: `sendtext/missing-messageContent`. */
  readonly id: string
  readonly endpoint: string
  readonly kind: CheckKind
  readonly title: string
  /** It sends an SMS, or would if the provider ignored what it gets wrong: it runs only with `allowSend`. */
  readonly sends: boolean
  /** It takes reports other systems of the account would otherwise read: it runs only with `allowSend`. */
  readonly consumes: boolean
  readonly needs: readonly CredentialName[]
  run(session: CheckSession): Promise<void>
}

/** A check's verdict: thrown by a check that fails. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure'
}

const CREDENTIAL_ROLES: ReadonlySet<ParamRole> = new Set(['key', 'secret', 'account'])
/** Refused for one of these, a request cannot send an SMS whatever the provider does with it. */
const SAFE_ROLES: ReadonlySet<ParamRole> = new Set(['key', 'secret', 'account', 'content', 'recipients', 'messages'])
const KIND_ORDER: readonly CheckKind[] = ['auth', 'missing-param', 'invalid-param', 'balance', 'body-format', 'status', 'delivery-report']

/** The state every delivery check starts from: one message sent with the first sending endpoint. */
export const MESSAGE_SENT = 'a message was sent'
const DELIVERY_FINAL = 'its delivery is final'

export interface SentMessage {
  readonly id: string
  readonly recipients: readonly string[]
}

function credentialOf(role: ParamRole | undefined): CredentialName | undefined {
  return role === 'key' || role === 'secret' || role === 'account' || role === 'sender' ? role : undefined
}

/** Whether the provider refuses unknown senders: only then does a check need an approved one. */
function checksSender(endpoint: EndpointSpec): boolean {
  return endpoint.params.some((param) => param.role === 'sender' && param.invalid !== undefined)
}

function credentialsOf(endpoint: EndpointSpec): CredentialName[] {
  const needs = endpoint.params.flatMap((param) => (param.role && CREDENTIAL_ROLES.has(param.role) ? [credentialOf(param.role) as CredentialName] : []))
  if (checksSender(endpoint)) needs.push('sender')
  return [...new Set(needs)]
}

/** A check of one parameter needs every other credential right, so that only its own fault shows. */
function needsFor(endpoint: EndpointSpec, param: ParamSpec): CredentialName[] {
  if (param.role === 'key' || param.role === 'account') return []
  const all = credentialsOf(endpoint)
  if (param.role === 'secret') return all.filter((name) => name === 'key' || name === 'account')
  return all.filter((name) => name !== credentialOf(param.role))
}

function alphabetDefault(param: ParamSpec): string | undefined {
  const gsm = param.alphabets && Object.entries(param.alphabets).find(([, alphabet]) => alphabet === 'GSM-7')?.[0]
  return gsm ?? param.example ?? param.enum?.[0]
}

/** A request every check starts from: valid in every parameter, with the session's credentials. */
export function validParams(endpoint: EndpointSpec, session: Pick<CheckSession, 'credentials' | 'to' | 'text'>): Record<string, string> {
  const params: Record<string, string> = {}
  for (const param of endpoint.params) {
    const credential = credentialOf(param.role)
    let value: string | undefined
    if (credential) value = session.credentials[credential] ?? param.example
    else if (param.role === 'recipients') value = session.to
    else if (param.role === 'content') value = session.text
    else if (param.role === 'message-type') value = alphabetDefault(param)
    else if (param.role === 'messages') value = JSON.stringify([{ [param.items?.to ?? 'to']: session.to, [param.items?.text ?? 'message']: session.text }])
    else if (param.required) value = param.example ?? param.enum?.[0]
    if (value !== undefined) params[param.name] = value
  }
  return params
}

function codeFor(endpoint: EndpointSpec, reason: Reason): { code: string; meaning: string } {
  const entry = entryForReason(endpoint.codes ?? [], reason)
  if (!entry) throw new Error(`The ${endpoint.id} contract answers "${reason}" with no code of its table`)
  return entry
}

function describeAnswer(answer: Answer): string {
  const body = answer.body.length > 200 ? `${answer.body.slice(0, 200)}...` : answer.body
  return `HTTP ${answer.status} ${JSON.stringify(body)}`
}

function fail(message: string): never {
  throw new CheckFailure(message)
}

/** The answer must be documented: HTTP 200 and a body that fits one of the endpoint's responses. */
export function expectDocumented(endpoint: EndpointSpec, answer: Answer, expectation: string): AnswerReading {
  if (answer.status !== 200) fail(`expected ${expectation} with HTTP 200, got ${describeAnswer(answer)}`)
  if (!answer.reading.response) fail(`expected ${expectation}, but ${answer.reading.problems.join('; ')}: ${describeAnswer(answer)}`)
  return answer.reading
}

export function expectCode(endpoint: EndpointSpec, answer: Answer, reason: Reason): void {
  const expected = codeFor(endpoint, reason)
  const expectation = `code ${expected.code} (${expected.meaning})`
  const reading = expectDocumented(endpoint, answer, expectation)
  if (reading.code !== expected.code) {
    fail(`expected ${expectation}, got ${reading.code === undefined ? 'no code' : `code ${reading.code}${reading.entry ? ` (${reading.entry.meaning})` : ''}`}: ${describeAnswer(answer)}`)
  }
}

function isRefusal(reading: AnswerReading): boolean {
  return reading.response?.bareCode === true || (reading.entry !== undefined && reading.entry.reasons.length > 0)
}

function expectSuccess(endpoint: EndpointSpec, answer: Answer, response?: ResponseSpec): AnswerReading {
  const what = response ? response.description.toLowerCase() : 'a documented success answer'
  const reading = expectDocumented(endpoint, answer, what)
  if (isRefusal(reading)) fail(`expected ${what}, got the refusal ${reading.code}${reading.entry ? ` (${reading.entry.meaning})` : ''}: ${describeAnswer(answer)}`)
  if (response && reading.response !== response) fail(`expected ${what}, got ${reading.response?.description.toLowerCase()}: ${describeAnswer(answer)}`)
  return reading
}

function parameterCheck(contract: ProviderContract, endpoint: EndpointSpec, param: ParamSpec, mode: 'missing' | 'invalid'): ProviderCheck {
  const reason = mode === 'missing' ? (param.whenMissing as Reason) : (param.invalid?.reason as Reason)
  const { code } = codeFor(endpoint, reason)
  const credential = param.role !== undefined && CREDENTIAL_ROLES.has(param.role)
  const value = mode === 'invalid' ? (param.invalid?.example as string) : undefined
  const what =
    mode === 'missing'
      ? `when ${param.name} is missing`
      : param.role === 'key' || param.role === 'account'
        ? `for an unknown ${param.name}`
        : param.role === 'secret'
          ? `for a wrong ${param.name}`
          : `for ${param.name}=${JSON.stringify(value)}`
  return {
    id: `${endpoint.id}/${mode}-${param.name}`,
    endpoint: endpoint.id,
    kind: credential ? 'auth' : mode === 'missing' ? 'missing-param' : 'invalid-param',
    title: `${endpoint.id} answers ${code} ${what}`,
    sends: endpoint.sends && !(param.role !== undefined && SAFE_ROLES.has(param.role)),
    consumes: false,
    needs: needsFor(endpoint, param),
    async run(session) {
      const params = { ...validParams(endpoint, session), [param.name]: value }
      expectCode(endpoint, await session.call(endpoint, params), reason)
    },
  }
}

async function sendMessage(endpoint: EndpointSpec, session: CheckSession, extra: Params = {}, response?: ResponseSpec): Promise<SentMessage> {
  const answer = await session.call(endpoint, { ...validParams(endpoint, session), ...extra })
  const reading = expectSuccess(endpoint, answer, response)
  if (reading.entry?.status !== undefined && reading.entry.status !== 'accepted') fail(`expected the message accepted, got code ${reading.code}: ${describeAnswer(answer)}`)
  if (!reading.id) fail(`expected an answer carrying the message id, got ${describeAnswer(answer)}`)
  return { id: reading.id, recipients: [normaliseMsisdn(session.to) ?? session.to] }
}

function isSending(endpoint: EndpointSpec): boolean {
  return endpoint.sends && endpoint.params.some((param) => param.role === 'recipients')
}

function successChecks(contract: ProviderContract, endpoint: EndpointSpec): ProviderCheck[] {
  const needs = credentialsOf(endpoint)
  if (endpoint.sends) {
    const primary = contract.endpoints.find(isSending) === endpoint
    const plain = endpoint.responses.find((response) => response.when === undefined && !response.bareCode)
    const checks: ProviderCheck[] = [
      {
        id: `${endpoint.id}/accepted`,
        endpoint: endpoint.id,
        kind: 'body-format',
        title: `${endpoint.id} accepts a valid request and answers ${plain ? `like ${plain.example}` : 'with the message id'}`,
        sends: true,
        consumes: false,
        needs,
        async run(session) {
          if (primary) await session.given(MESSAGE_SENT, () => sendMessage(endpoint, session, {}, plain))
          else await sendMessage(endpoint, session, {}, plain)
        },
      },
    ]
    for (const response of endpoint.responses.filter((candidate) => candidate.when !== undefined)) {
      const when = Object.entries(response.when ?? {})
        .map(([name, value]) => `${name}=${value}`)
        .join('&')
      checks.push({
        id: `${endpoint.id}/accepted-${when}`,
        endpoint: endpoint.id,
        kind: 'body-format',
        title: `${endpoint.id} with ${when} answers like ${response.example}`,
        sends: true,
        consumes: false,
        needs,
        async run(session) {
          await sendMessage(endpoint, session, response.when, response)
        },
      })
    }
    return checks
  }
  if (endpoint.statusRead) return []
  if (endpoint.params.some((param) => param.role === 'message-id')) return []
  const kind: CheckKind = /balance/i.test(endpoint.id) ? 'balance' : 'body-format'
  const success = endpoint.responses.find((response) => !response.bareCode && response.format !== 'xml')
  return [
    {
      id: `${endpoint.id}/answers`,
      endpoint: endpoint.id,
      kind,
      title: `${endpoint.id} answers in the documented form${success ? `, like ${success.example}` : ''}`,
      sends: false,
      consumes: false,
      needs,
      async run(session) {
        expectSuccess(endpoint, await session.call(endpoint, validParams(endpoint, session)), success)
      },
    },
  ]
}

function sent(session: CheckSession): Promise<SentMessage> {
  const sender = session.contract.endpoints.find(isSending)
  if (!sender) fail(`${session.contract.title} has no endpoint that sends`)
  return session.given(MESSAGE_SENT, () => sendMessage(sender, session, {}, sender.responses.find((response) => response.when === undefined && !response.bareCode)))
}

function idParamsOf(endpoint: EndpointSpec, session: CheckSession, id: string): Record<string, string> {
  const idParam = endpoint.statusRead?.idParam
  return { ...validParams(endpoint, session), ...(idParam ? { [idParam]: id } : {}) }
}

function reportsFor(endpoint: EndpointSpec, reading: AnswerReading, message: SentMessage): readonly Report[] {
  const fields = reading.response?.xml?.fields ?? reading.response?.fields ?? []
  const idField = fields.find((field) => field.role === 'id')
  const msisdnField = fields.find((field) => field.role === 'msisdn')
  const reports = reading.reports ?? []
  for (const report of reports) {
    if (idField && report[idField.name] !== undefined && report[idField.name] !== message.id) {
      fail(`${endpoint.id} for ${message.id} answered a report of another submission: ${idField.name} ${report[idField.name]}`)
    }
    if (msisdnField && !message.recipients.includes(report[msisdnField.name] ?? '')) {
      fail(`${endpoint.id} for ${message.id} answered a report for ${report[msisdnField.name]}, which is not a recipient (${message.recipients.join(', ')})`)
    }
  }
  return reports
}

/** Reads `endpoint` every poll interval until the message's status is final; answers the last reading. */
async function pollUntilFinal(endpoint: EndpointSpec, session: CheckSession, message: SentMessage): Promise<AnswerReading> {
  const deadline = session.dlrTimeoutMs
  let waited = 0
  for (;;) {
    const answer = await session.call(endpoint, idParamsOf(endpoint, session, message.id))
    const reading = expectDocumented(endpoint, answer, 'a documented status')
    if (isRefusal(reading)) fail(`expected the status of ${message.id}, got the refusal ${reading.code}${reading.entry ? ` (${reading.entry.meaning})` : ''}: ${describeAnswer(answer)}`)
    if (reading.reports) reportsFor(endpoint, reading, message)
    const complete = !reading.reports || reading.reports.length === message.recipients.length
    if (complete && isFinalReading(endpoint, reading)) return reading
    if (waited >= deadline) fail(`no final status for ${message.id} within ${deadline} ms (last answer: ${describeAnswer(answer)}); raise the DLR timeout for a slow provider`)
    await session.wait(session.pollIntervalMs)
    waited += session.pollIntervalMs
  }
}

function statusChecks(contract: ProviderContract, endpoint: EndpointSpec): ProviderCheck[] {
  const read = endpoint.statusRead
  if (!read) return []
  const needs = credentialsOf(endpoint)
  const repeatable = contract.endpoints.find((candidate) => candidate.statusRead?.handedOut === 'repeatable' && candidate.statusRead.idParam !== undefined)
  const final = (session: CheckSession) =>
    session.given(DELIVERY_FINAL, async () => {
      const message = await sent(session)
      return { message, reading: await pollUntilFinal(repeatable ?? endpoint, session, message) }
    })
  switch (read.handedOut) {
    case 'final-once': {
      const again = codeFor(endpoint, 'already-queried')
      return [
        {
          id: `${endpoint.id}/final-once`,
          endpoint: endpoint.id,
          kind: 'status',
          title: `${endpoint.id} reports a sent message until its final status, answered once, then ${again.code}`,
          sends: true,
          consumes: false,
          needs,
          async run(session) {
            const message = await sent(session)
            await pollUntilFinal(endpoint, session, message)
            expectCode(endpoint, await session.call(endpoint, idParamsOf(endpoint, session, message.id)), 'already-queried')
          },
        },
      ]
    }
    case 'repeatable':
      return [
        {
          id: `${endpoint.id}/repeatable`,
          endpoint: endpoint.id,
          kind: 'delivery-report',
          title: `${endpoint.id} answers a report for every recipient, the same as often as asked`,
          sends: true,
          consumes: false,
          needs,
          async run(session) {
            const { message, reading } = await final(session)
            const first = reportsFor(endpoint, reading, message)
            const answer = await session.call(endpoint, idParamsOf(endpoint, session, message.id))
            const second = reportsFor(endpoint, expectDocumented(endpoint, answer, 'the same reports again'), message)
            if (JSON.stringify(second) !== JSON.stringify(first)) fail(`a second read answered other reports: ${describeAnswer(answer)}`)
          },
        },
      ]
    case 'once':
      return [
        {
          id: `${endpoint.id}/once`,
          endpoint: endpoint.id,
          kind: 'delivery-report',
          title: `${endpoint.id} hands each final report out once: a second read answers none`,
          sends: true,
          consumes: false,
          needs,
          async run(session) {
            const { message } = await final(session)
            const first = await session.call(endpoint, idParamsOf(endpoint, session, message.id))
            const reports = reportsFor(endpoint, expectDocumented(endpoint, first, 'the final reports'), message)
            if (reports.length !== message.recipients.length) fail(`expected ${message.recipients.length} report(s) on the first read, got ${reports.length}: ${describeAnswer(first)}`)
            const second = await session.call(endpoint, idParamsOf(endpoint, session, message.id))
            const again = reportsFor(endpoint, expectDocumented(endpoint, second, 'no reports'), message)
            if (again.length !== 0) fail(`expected no report on the second read, got ${again.length}: ${describeAnswer(second)}`)
          },
        },
      ]
    case 'drain':
      return [
        {
          id: `${endpoint.id}/drain`,
          endpoint: endpoint.id,
          kind: 'delivery-report',
          title: `${endpoint.id} answers ${endpoint.responses.some((response) => response.format === 'xml') ? 'the report XML' : 'in the documented form'}, at most ${read.chunk ?? 'one chunk of'} ${read.chunk === 1 ? 'item' : 'reports'} a call`,
          sends: false,
          consumes: true,
          needs,
          async run(session) {
            const answer = await session.call(endpoint, validParams(endpoint, session))
            const reading = expectDocumented(endpoint, answer, 'the report XML')
            if (isRefusal(reading)) fail(`expected the report XML, got the refusal ${reading.code}: ${describeAnswer(answer)}`)
            const count = reading.reports?.length ?? 0
            if (read.chunk !== undefined && count > read.chunk) fail(`expected at most ${read.chunk} reports a call, got ${count}`)
          },
        },
      ]
  }
}

/**
 * Every documented check of a provider, derived from its contract: auth failures, missing and refused
 * parameters, the success bodies, the balance, and the delivery-status rules. Ordered so that checks
 * which take reports run after the ones that need them.
 */
export function checksFor(contract: ProviderContract): ProviderCheck[] {
  const checks: ProviderCheck[] = []
  for (const endpoint of contract.endpoints) {
    for (const param of endpoint.params) {
      if (param.whenMissing && param.in !== 'path') checks.push(parameterCheck(contract, endpoint, param, 'missing'))
      if (param.invalid) checks.push(parameterCheck(contract, endpoint, param, 'invalid'))
    }
    checks.push(...successChecks(contract, endpoint), ...statusChecks(contract, endpoint))
  }
  const rank = (check: ProviderCheck) => KIND_ORDER.indexOf(check.kind) * 10 + (check.consumes ? 5 : 0)
  return checks.map((check, index) => ({ check, index })).sort((a, b) => rank(a.check) - rank(b.check) || a.index - b.index).map(({ check }) => check)
}
