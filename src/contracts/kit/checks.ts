// The documented checks of a provider, derived from its contract data: what to send, what must come back.
import { normaliseMsisdn } from '../msisdn.js'
import type { Reason } from '../reasons.js'
import type { EndpointSpec, ParamRole, ParamSpec, ProviderContract, ResponseSpec } from '../types.js'
import { type AnswerReading, isFinalReading, type Report } from './answers.js'
import {
  CREDENTIAL_ROLES,
  type CheckKind,
  type CheckSession,
  MESSAGE_SENT,
  type Params,
  type ProviderCheck,
  type SentMessage,
  codeFor,
  credentialsOf,
  describeAnswer,
  expectCode,
  expectDocumented,
  expectSuccess,
  fail,
  isRefusal,
  needsFor,
  validParams,
} from './check-session.js'
export {
  type Answer,
  CheckFailure,
  type CheckKind,
  type CheckSession,
  type CredentialName,
  MESSAGE_SENT,
  type Params,
  type ProviderCheck,
  type ProviderCredentials,
  type SentMessage,
  expectCode,
  expectDocumented,
  validParams,
} from './check-session.js'

/** Refused for one of these, a request cannot send an SMS whatever the provider does with it. */
const SAFE_ROLES: ReadonlySet<ParamRole> = new Set(['key', 'secret', 'account', 'content', 'recipients', 'messages'])

const KIND_ORDER: readonly CheckKind[] = ['auth', 'missing-param', 'invalid-param', 'balance', 'body-format', 'status', 'delivery-report']

const DELIVERY_FINAL = 'its delivery is final'

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
