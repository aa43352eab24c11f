// What a provider check is and runs against (the session, credentials, answers), and how it judges an
// answer: the vocabulary of the checks in checks.ts, kept apart so that module holds only the checks.
import { entryForReason } from '../lookup.js'
import type { Reason } from '../reasons.js'
import type { EndpointSpec, HttpMethod, ParamRole, ParamSpec, ProviderContract, ResponseSpec } from '../types.js'
import type { AnswerReading } from './answers.js'

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

export const CREDENTIAL_ROLES: ReadonlySet<ParamRole> = new Set(['key', 'secret', 'account'])

/** The state every delivery check starts from: one message sent with the first sending endpoint. */
export const MESSAGE_SENT = 'a message was sent'

export interface SentMessage {
  readonly id: string
  readonly recipients: readonly string[]
}

export function credentialOf(role: ParamRole | undefined): CredentialName | undefined {
  return role === 'key' || role === 'secret' || role === 'account' || role === 'sender' ? role : undefined
}

/** Whether the provider refuses unknown senders: only then does a check need an approved one. */
export function checksSender(endpoint: EndpointSpec): boolean {
  return endpoint.params.some((param) => param.role === 'sender' && param.invalid !== undefined)
}

export function credentialsOf(endpoint: EndpointSpec): CredentialName[] {
  const needs = endpoint.params.flatMap((param) => (param.role && CREDENTIAL_ROLES.has(param.role) ? [credentialOf(param.role) as CredentialName] : []))
  if (checksSender(endpoint)) needs.push('sender')
  return [...new Set(needs)]
}

/** A check of one parameter needs every other credential right, so that only its own fault shows. */
export function needsFor(endpoint: EndpointSpec, param: ParamSpec): CredentialName[] {
  if (param.role === 'key' || param.role === 'account') return []
  const all = credentialsOf(endpoint)
  if (param.role === 'secret') return all.filter((name) => name === 'key' || name === 'account')
  return all.filter((name) => name !== credentialOf(param.role))
}

export function alphabetDefault(param: ParamSpec): string | undefined {
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

export function codeFor(endpoint: EndpointSpec, reason: Reason): { code: string; meaning: string } {
  const entry = entryForReason(endpoint.codes ?? [], reason)
  if (!entry) throw new Error(`The ${endpoint.id} contract answers "${reason}" with no code of its table`)
  return entry
}

export function describeAnswer(answer: Answer): string {
  const body = answer.body.length > 200 ? `${answer.body.slice(0, 200)}...` : answer.body
  return `HTTP ${answer.status} ${JSON.stringify(body)}`
}

export function fail(message: string): never {
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

export function isRefusal(reading: AnswerReading): boolean {
  return reading.response?.bareCode === true || (reading.entry !== undefined && reading.entry.reasons.length > 0)
}

export function expectSuccess(endpoint: EndpointSpec, answer: Answer, response?: ResponseSpec): AnswerReading {
  const what = response ? response.description.toLowerCase() : 'a documented success answer'
  const reading = expectDocumented(endpoint, answer, what)
  if (isRefusal(reading)) fail(`expected ${what}, got the refusal ${reading.code}${reading.entry ? ` (${reading.entry.meaning})` : ''}: ${describeAnswer(answer)}`)
  if (response && reading.response !== response) fail(`expected ${what}, got ${reading.response?.description.toLowerCase()}: ${describeAnswer(answer)}`)
  return reading
}
