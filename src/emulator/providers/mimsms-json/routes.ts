// MiM's JSON API (api.mimsms.com): sending, delivery reports, balance and inbound SMS, on MiM's accounts.
import { countSegments, detectEncoding } from '../../../contracts/encoding.js'
import { dlrCodeOfReason, dlrCodes, PENDING_OPERATOR_STATUS } from '../../../contracts/mimsms-json/codes.js'
import {
  JSON_CONTENT_TYPE,
  jsonBalance,
  jsonDlr,
  jsonDsms,
  jsonOneToMany,
  jsonPullSms,
  jsonSend,
  jsonSendOneToMany,
  jsonSms,
  SENT_TEXT,
  SERVER_HEADERS,
  STATUS,
  sendOneToManyText,
} from '../../../contracts/mimsms-json/endpoints.js'
import { DEFAULT_SENDERS } from '../../../contracts/mimsms/senders.js'
import { type Msisdn, parseMsisdn } from '../../../contracts/msisdn.js'
import type { EndpointSpec, HttpMethod } from '../../../contracts/types.js'
import type { Account } from '../../core/accounts.js'
import { type Answer, createProviderApp, type Exchange, type Refusal, serveEndpoint } from '../../core/http.js'
import { isFinal, statusAt } from '../../core/lifecycle.js'
import { Rejection } from '../../core/rejection.js'
import type { Decision } from '../../core/rules.js'
import type { EmulatorState } from '../../core/state.js'
import type { Message } from '../../core/store.js'
import { acceptSubmission, type SubmissionItem } from '../../core/submission.js'
import { formatMessageTime } from './dhaka-time.js'
import { ALNUM_ID_LENGTH, filetimeId } from './ids.js'
import type { MimsmsJsonOptions } from './options.js'
import { errorFields, type Fields, formatCredits, refusalOf, refusalStatus, renderJson, swapStatus } from './reply.js'
import { type DynamicItem, type JsonParams, readJsonParams, readSmsData, splitNumbers, trimmed } from './request.js'

export const API = 'mimsms-json'
/** The provider whose accounts, messages and switches this API uses. */
export const REALM = 'mimsms'

const NULL_CAMPAIGN = new Set(['', 'null'])
const TRAILING_SLASHES = /\/+$/
const ASPNET_PROBLEM = {
  400: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.' },
  415: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16', title: 'Unsupported Media Type' },
} as const

type Handler = (c: Exchange) => Answer | Promise<Answer>
type SendKind = 'sms' | 'many' | 'dsms'

/** IIS sends its answers chunked, without Content-Length. */
const CHUNKED = { 'transfer-encoding': 'chunked' } as const

export function mimsmsJsonRoutes(state: EmulatorState) {
  const options = () => state.scenario.options<MimsmsJsonOptions>(REALM)
  const app = createProviderApp(state, {
    provider: API,
    internalError: () => json(errorFields({ reason: 'internal-error' }, newTrxnId())),
    cors: () => options().cors !== false,
  })

  let lastFiletime: bigint | undefined
  state.events.on('reset', () => {
    lastFiletime = undefined
  })

  /** A trxnId in the configured form; DSMS's older form ends in `_C<recipients>`. */
  function newTrxnId(dsmsRecipients?: number): string {
    if (options().jsonIdStyle === 'alnum') return state.random.alphanumeric(ALNUM_ID_LENGTH) + (dsmsRecipients === undefined ? '' : `_C${dsmsRecipients}`)
    lastFiletime = filetimeId(state.clock.now(), state.random.int(0, 9999), lastFiletime)
    return String(lastFiletime)
  }

  function json(fields: Fields, status = 200): Answer {
    return { status, body: renderJson(fields, options().jsonPretty), contentType: JSON_CONTENT_TYPE, headers: { ...SERVER_HEADERS, ...CHUNKED } }
  }

  /** ASP.NET's problem details for a body it cannot bind. */
  function problem(status: 400 | 415): Answer {
    const traceId = `00-${state.random.hexadecimal(32)}-${state.random.hexadecimal(16)}-00`
    const body = { ...ASPNET_PROBLEM[status], status, ...(status === 400 ? { errors: { $: ['The JSON value could not be converted.'] } } : {}), traceId }
    return { status, body: JSON.stringify(body), contentType: 'application/problem+json; charset=utf-8', headers: { ...SERVER_HEADERS, ...CHUNKED } }
  }

  /** 401 first for the IP (when the key is known), then for the key and the user name. */
  function authenticate(c: Exchange, params: JsonParams): Account {
    const apiKey = trimmed(params, 'ApiKey')
    const userName = trimmed(params, 'UserName')
    const account = apiKey ? state.accounts.byKey(REALM, apiKey) : undefined
    if (account?.allowedIps && !account.allowedIps.includes(c.clientIp)) throw new Rejection('ip-not-allowed', c.clientIp)
    if (!account) throw new Rejection('unknown-account')
    if (!userName || userName.toLowerCase() !== account.name.toLowerCase()) throw new Rejection('bad-credentials', 'UserName is not the account of this ApiKey')
    return account
  }

  function approvedSender(account: Account, sender: string | undefined): string {
    const wanted = sender?.trim().toLowerCase()
    const approved = wanted ? [...DEFAULT_SENDERS, ...(account.senders ?? [])].find((name) => name.toLowerCase() === wanted) : undefined
    if (!approved) throw new Rejection('sender-not-approved', sender)
    return approved
  }

  /** T or P on the sending endpoints, D (or nothing) on DSMS; anything else 207. */
  function transactionType(kind: SendKind, value: string | undefined): 'T' | 'P' | 'D' {
    const type = value?.trim().toUpperCase() ?? ''
    if (kind === 'dsms') {
      if (type === '' || type === 'D') return 'D'
    } else if (type === 'T' || type === 'P') {
      return type
    }
    throw new Rejection('missing-type', value)
  }

  function refuseSpam(texts: readonly string[]): void {
    const keywords = state.scenario.spamKeywords
    if (keywords.length === 0) return
    for (const text of texts) {
      const lower = text.toLowerCase()
      const word = keywords.find((keyword) => lower.includes(keyword))
      if (word !== undefined) throw new Rejection('spam', word)
    }
  }

  function refuseLong(items: readonly SubmissionItem[]): void {
    const max = options().jsonMaxSegments
    if (max === 0) return
    for (const item of items) if (countSegments(item.text, item.encoding).segments > max) throw new Rejection('message-too-long')
  }

  /** The request's POST body must be JSON (or none); returns the answer when it is not. */
  function unreadableBody(c: Exchange): Answer | undefined {
    const params = c.params
    if (c.method !== 'POST') return undefined
    if (params.malformed !== undefined && params.encoding === 'json') return problem(400)
    if (params.encoding === 'query' || params.encoding === 'json') return undefined
    if (params.encoding === 'form' && options().jsonFormBodies) return undefined
    return problem(415)
  }

  /** The documented error body on the sending endpoints (and DlrApi, PullSMS); `/OneToMany` may swap. */
  function sendRefusal(c: Exchange, endpoint: EndpointSpec) {
    return (refusal: Refusal) => answerFor(c, endpoint, errorFields(refusal, newTrxnId()))
  }

  function answerFor(c: Exchange, endpoint: EndpointSpec, fields: Fields): Answer {
    return json(endpoint === jsonOneToMany && options().jsonOneToManySwapped ? swapStatus(fields) : fields)
  }

  function send(endpoint: EndpointSpec, kind: SendKind): Handler {
    return (c) => {
      const params = readJsonParams(c.params)
      const dynamic = kind === 'dsms' ? readSmsData(params.raw('SmsData')) : undefined
      const numbers = kind === 'dsms' ? (dynamic ?? []).map((item) => item.to.trim()) : splitNumbers(params.get('MobileNumber'))
      const text = params.get('Message') ?? ''
      const facts = {
        realm: REALM,
        account: trimmed(params, 'ApiKey'),
        from: params.get('SenderName')?.trim(),
        to: numbers.map((number) => parseMsisdn(number)?.msisdn ?? number),
        text: kind === 'dsms' ? (dynamic ?? []).map((item) => item.text).join('\n') : text,
      }
      return serveEndpoint(c, state, API, {
        endpoint: endpoint.id,
        facts,
        refuse: sendRefusal(c, endpoint),
        run: (decision) => accept(c, endpoint, kind, params, { dynamic, numbers, text }, decision),
      })
    }
  }

  function accept(
    c: Exchange,
    endpoint: EndpointSpec,
    kind: SendKind,
    params: JsonParams,
    input: { dynamic: DynamicItem[] | undefined; numbers: readonly string[]; text: string },
    decision: Decision,
  ): Answer {
    const account = authenticate(c, params)
    const type = transactionType(kind, params.get('TransactionType'))
    if (kind === 'dsms') {
      if (!input.dynamic) throw new Rejection('invalid-request', 'SmsData is not a list of {MobNumber, Message}')
      if (input.dynamic.every((item) => item.text.trim() === '')) throw new Rejection('missing-content')
    } else if (input.text.trim() === '') {
      throw new Rejection('missing-content')
    }
    const from = approvedSender(account, params.get('SenderName'))
    const campaign = params.get('CampaignId')?.trim() ?? ''
    if (type === 'P' && NULL_CAMPAIGN.has(campaign.toLowerCase())) throw new Rejection('invalid-campaign')

    const items: SubmissionItem[] = []
    const skipped: string[] = []
    if (input.dynamic) {
      for (const item of input.dynamic) {
        const to = parseMsisdn(item.to)
        if (to && item.text.trim() !== '') items.push({ to, text: item.text, encoding: detectEncoding(item.text) })
        else skipped.push(item.to)
      }
    } else {
      const listAllowed = kind === 'many' || type === 'P' || options().jsonSmsNumberLists === 'always'
      if (!listAllowed && input.numbers.length > 1) throw new Rejection('invalid-number', 'a list of numbers is for promotional SMS only')
      const encoding = detectEncoding(input.text)
      for (const number of input.numbers) {
        const to: Msisdn | undefined = parseMsisdn(number)
        if (to) items.push({ to, text: input.text, encoding })
        else skipped.push(number)
      }
    }
    if (items.length === 0) throw new Rejection('no-valid-number', input.numbers.join(','))
    refuseLong(items)
    refuseSpam(kind === 'dsms' ? items.map((item) => item.text) : [input.text])

    const submission = acceptSubmission(state, {
      provider: REALM,
      api: API,
      account,
      from,
      items,
      decision,
      newId: () => newTrxnId(kind === 'dsms' ? items.length : undefined),
      meta: {
        transactionType: type,
        ...(type === 'P' ? { campaignId: campaign } : {}),
        ...(skipped.length === 0 ? {} : { skipped: skipped.join(',') }),
      },
    })
    const trxnId = submission.id
    if (endpoint === jsonSend) {
      return json([
        ['statusCode', '200'],
        ['status', STATUS.success],
        ['responseResult', SENT_TEXT],
        ['trxnId', trxnId],
      ])
    }
    const result = endpoint === jsonSendOneToMany ? sendOneToManyText(items.length, skipped.length) : SENT_TEXT
    return answerFor(c, endpoint, [
      ['statusCode', '200'],
      ['status', STATUS.success],
      ['trxnId', trxnId],
      ['responseResult', result],
    ])
  }

  /** `{"statusCode":"200","status":"Data Not Found","trxnId":"<asked>"}` */
  const dlrNotFound = (c: Exchange, asked: string) =>
    json([
      ['statusCode', '200'],
      ['status', STATUS.notFound],
      ['trxnId', asked],
    ])

  function dlrFields(message: Message, asked: string): Fields | undefined {
    const now = state.clock.now()
    const current = statusAt(message, now)
    let code = ''
    let operatorStatus = PENDING_OPERATOR_STATUS
    if (isFinal(current.status)) {
      const named = current.code === undefined ? undefined : dlrCodes.find((entry) => entry.code === current.code)
      const reason = current.reason ?? (current.status === 'delivered' ? 'delivered' : 'rejected')
      const entry = named ?? dlrCodes.find((candidate) => candidate.code === dlrCodeOfReason[reason])
      code = entry?.code ?? ''
      const text = entry?.text ?? ''
      operatorStatus = options().jsonDlrStatusCase === 'upper' ? text.toUpperCase() : text
    } else if (options().jsonDlrPending === 'not-found') {
      return undefined
    }
    return [
      ['statusCode', '200'],
      ['status', STATUS.ok],
      ['trxnId', asked],
      ['dlrCode', code],
      ['operatorStatus', operatorStatus],
      ['receiverMobile', message.to],
    ]
  }

  const dlr: Handler = (c) => {
    const params = readJsonParams(c.params)
    return serveEndpoint(c, state, API, {
      endpoint: jsonDlr.id,
      facts: { realm: REALM, account: trimmed(params, 'ApiKey') },
      refuse: sendRefusal(c, jsonDlr),
      run: () => {
        const account = authenticate(c, params)
        const asked = trimmed(params, 'trxnId') ?? ''
        if (asked === '') throw new Rejection('invalid-request', 'trxnId is missing')
        const number = trimmed(params, 'MobileNumber') ?? ''
        const wanted = number === '' ? undefined : (parseMsisdn(number)?.msisdn ?? number)
        // Only this API's submissions of this account: legacy shoot ids read as unknown here.
        const messages = state.store.submission(REALM, asked).filter((message) => message.api === API && message.account === account.key)
        const message = wanted === undefined ? messages[0] : messages.find((candidate) => candidate.to === wanted)
        const fields = message && dlrFields(message, asked)
        return fields ? json(fields) : dlrNotFound(c, asked)
      },
    })
  }

  const balance: Handler = (c) => {
    const params = readJsonParams(c.params)
    // POST answers with an empty trxnId, GET without one; refusals keep the same shape.
    const withTrxnId = c.method === 'POST'
    const shape = (code: string, status: string, result: string): Fields => [
      ['statusCode', code],
      ['status', status],
      ...(withTrxnId ? ([['trxnId', '']] as const) : []),
      ['responseResult', result],
    ]
    return serveEndpoint(c, state, API, {
      endpoint: jsonBalance.id,
      facts: { realm: REALM, account: trimmed(params, 'ApiKey') },
      refuse: (refusal) => {
        const { code, text } = refusalOf(refusal)
        return json(shape(code, refusalStatus(code), text))
      },
      run: () => json(shape('200', STATUS.ok, formatCredits(authenticate(c, params).balance))),
    })
  }

  const pullSms: Handler = (c) => {
    const params = readJsonParams(c.params)
    return serveEndpoint(c, state, API, {
      endpoint: jsonPullSms.id,
      facts: { realm: REALM, account: trimmed(params, 'ApiKey') },
      refuse: sendRefusal(c, jsonPullSms),
      run: () => {
        const account = authenticate(c, params)
        const message = state.inbound.take(REALM, account.key)
        const pullId = () => state.random.alphanumeric(ALNUM_ID_LENGTH)
        if (!message) {
          return json([
            ['statusCode', '200'],
            ['status', STATUS.notFound],
            ['trxt_Id', pullId()],
          ])
        }
        return json([
          ['statusCode', '200'],
          ['status', STATUS.success],
          ['messageId', String(message.id)],
          ['sender', message.from],
          ['receiver', message.to],
          ['message_Text', message.text],
          ['message_time', formatMessageTime(message.receivedAt)],
          ['trxnId', pullId()],
        ])
      },
    })
  }

  const handlers: readonly (readonly [EndpointSpec, Partial<Record<HttpMethod, Handler>>])[] = [
    [jsonSms, { POST: send(jsonSms, 'sms') }],
    [jsonOneToMany, { POST: send(jsonOneToMany, 'many') }],
    [jsonDsms, { POST: send(jsonDsms, 'dsms') }],
    // POST with the query and an empty body works as GET [W].
    [jsonSend, { GET: send(jsonSend, 'sms'), POST: send(jsonSend, 'sms') }],
    [jsonSendOneToMany, { GET: send(jsonSendOneToMany, 'many') }],
    [jsonDlr, { POST: dlr }],
    [jsonBalance, { POST: balance, GET: balance }],
    [jsonPullSms, { GET: pullSms }],
  ]
  // ASP.NET routes without regard to case: one table by lower-cased path.
  const routes = new Map<string, Partial<Record<HttpMethod, Handler>>>()
  const dispatch = (c: Exchange) => {
    const methods = routes.get(c.path.replace(TRAILING_SLASHES, '').toLowerCase())
    // IIS answers an unknown path or a wrong method with an empty body.
    if (!methods) return { status: 404, body: '', headers: SERVER_HEADERS }
    const handler = methods[c.method as HttpMethod]
    if (!handler) return { status: 405, body: '', headers: { allow: Object.keys(methods).join(', '), ...SERVER_HEADERS } }
    return unreadableBody(c) ?? handler(c)
  }
  for (const [endpoint, methods] of handlers) {
    for (const path of [endpoint.path, ...(endpoint.aliases ?? [])]) {
      routes.set(path.toLowerCase(), methods)
      // The documented spelling as a route of its own, so the app lists what it serves.
      app.on(Object.keys(methods), path, dispatch)
    }
  }
  app.all('*', dispatch)

  return app
}
