// MiM SMS's HTTP API as its manual describes it: sending, delivery reports, balance and key retrieval.
import { dlrCodes, getkeyCodes, responseCodes } from '../../../contracts/mimsms/codes.js'
import {
  DLR_CHUNK,
  getBalance,
  getDLR,
  getDLRAll,
  getDLRRep,
  getkey,
  smsapi,
  smsapimany,
  TEXT_CONTENT_TYPE,
  XML_CONTENT_TYPE,
} from '../../../contracts/mimsms/endpoints.js'
import { deliveryEntryFor } from '../../../contracts/lookup.js'
import type { CodeEntry, EndpointSpec } from '../../../contracts/types.js'
import type { Account } from '../../core/accounts.js'
import { type Answer, createProviderApp, type Exchange, serveEndpoint } from '../../core/http.js'
import { historyAt, isFinal } from '../../core/lifecycle.js'
import { type Msisdn, parseMsisdn } from '../../../contracts/msisdn.js'
import { Rejection } from '../../core/rejection.js'
import type { Decision, RequestFacts } from '../../core/rules.js'
import { asGsm7Display, detectEncoding, type Encoding } from '../../../contracts/encoding.js'
import type { EmulatorState } from '../../core/state.js'
import type { Message } from '../../core/store.js'
import { acceptSubmission, type SubmissionItem } from '../../core/submission.js'
import { readSmsapi, readSmsapimany, type SendFields } from './body.js'
import { DEFAULT_SENDERS, PROVIDER } from './defaults.js'
import { parseSchedule } from './dhaka-time.js'
import { type Report, reportsXml } from './dlr-xml.js'
import type { MimsmsOptions } from './options.js'
import { balanceLine, errorBody, submitted } from './reply.js'

/** `type`: text is sent as GSM-7 whatever it contains, unicode as UCS-2 (manual, "Parameter Details"). */
const ENCODING_OF_TYPE: Readonly<Record<string, Encoding>> = { text: 'GSM-7', unicode: 'UCS-2' }
const ID_LENGTH = 10

type Facts = Omit<RequestFacts, 'provider' | 'endpoint'>

// Most messages' provider facts are just their type: one shared object per type, not one per message.
const META_OF_TYPE = new Map(Object.keys(ENCODING_OF_TYPE).map((type) => [type, Object.freeze({ type })]))
const metaOfType = (type: string): Readonly<Record<string, string>> => META_OF_TYPE.get(type) ?? { type }

export function mimsmsRoutes(state: EmulatorState) {
  const options = () => state.scenario.options<MimsmsOptions>(PROVIDER)
  const text = (body: string): Answer => ({ status: 200, body, contentType: TEXT_CONTENT_TYPE })
  const app = createProviderApp(state, {
    provider: PROVIDER,
    internalError: () => text(errorBody({ reason: 'internal-error' })),
    cors: () => options().cors,
  })
  const newId = () => state.random.alphanumeric(ID_LENGTH)

  /** Every endpoint runs in the core's frame; a refusal is the bare code from `table`. */
  function handle(
    x: Exchange,
    endpoint: EndpointSpec,
    facts: Facts,
    run: (decision: Decision) => Answer,
    table: readonly CodeEntry[] = responseCodes,
  ): Answer | Promise<Answer> {
    return serveEndpoint(x, state, PROVIDER, { endpoint: endpoint.id, facts, run, refuse: (refusal) => text(errorBody(refusal, table)) })
  }

  function authenticate(x: Exchange, apiKey: string | undefined): Account {
    const account = apiKey ? state.accounts.byKey(PROVIDER, apiKey) : undefined
    if (!account) throw new Rejection('unknown-account')
    if (account.allowedIps && !account.allowedIps.includes(x.clientIp)) throw new Rejection('ip-not-allowed', x.clientIp)
    return account
  }

  /** Every account may use the default senders and its own; masking names compare case-insensitively. */
  function approvedSender(account: Account, sender: string | undefined): string {
    const wanted = sender?.toLowerCase()
    if (wanted) {
      for (const name of DEFAULT_SENDERS) if (name.toLowerCase() === wanted) return name
      for (const name of account.senders ?? []) if (name.toLowerCase() === wanted) return name
    }
    throw new Rejection('sender-not-approved', sender)
  }

  /** When to release the messages; a value that is not a Dhaka date-time is refused (1006). */
  function releaseTime(value: string | undefined): number | undefined {
    const schedule = parseSchedule(value)
    if (schedule.kind === 'invalid') throw new Rejection('invalid-request', `scheduledDateTime "${value}"`)
    return schedule.kind === 'at' ? schedule.at : undefined
  }

  function refuseSpam(texts: readonly string[]): void {
    const keywords = state.scenario.spamKeywords
    if (keywords.length === 0) return
    for (const message of texts) {
      const lower = message.toLowerCase()
      const word = keywords.find((keyword) => lower.includes(keyword))
      if (word !== undefined) throw new Rejection('spam', word)
    }
  }

  interface Accepted {
    readonly account: Account
    readonly from: string
    readonly releaseAt: number | undefined
    readonly items: readonly SubmissionItem[]
    readonly meta: Readonly<Record<string, string>>
  }

  function submit(decision: Decision, fields: SendFields, accepted: Accepted): Answer {
    const submission = acceptSubmission(state, {
      provider: PROVIDER,
      account: accepted.account,
      from: accepted.from,
      items: accepted.items,
      decision,
      newId,
      ...(accepted.releaseAt === undefined ? {} : { releaseAt: accepted.releaseAt }),
      meta: fields.label === undefined ? accepted.meta : { ...accepted.meta, label: fields.label },
    })
    return text(submitted(submission.id, fields.reply))
  }

  app.on([...smsapi.methods], smsapi.path, (x) => {
    const fields = readSmsapi(x.params)
    const recipients = fields.contacts.map(parseMsisdn)
    const facts = {
      account: fields.apiKey,
      from: fields.sender,
      to: recipients.map((recipient, i) => recipient?.msisdn ?? fields.contacts[i] ?? ''),
      text: fields.text,
    }
    return handle(x, smsapi, facts, (decision) => {
      const account = authenticate(x, fields.apiKey)
      const encoding = fields.type !== undefined && Object.hasOwn(ENCODING_OF_TYPE, fields.type) ? ENCODING_OF_TYPE[fields.type] : undefined
      if (!encoding) throw new Rejection('missing-type', fields.type)
      if (fields.text.trim() === '') throw new Rejection('missing-content')
      const from = approvedSender(account, fields.sender)
      const releaseAt = releaseTime(fields.scheduledDateTime)
      const valid = recipients.filter((recipient): recipient is Msisdn => recipient !== undefined)
      if (valid.length === 0) throw new Rejection('no-valid-number', fields.contacts.join(','))
      refuseSpam([fields.text])
      // type=text with characters outside GSM-7 goes through; the handset shows "?" for each of them.
      const shown = encoding === 'GSM-7' ? asGsm7Display(fields.text) : fields.text
      const items = valid.map((to): SubmissionItem => (shown === fields.text ? { to, text: fields.text, encoding } : { to, text: fields.text, encoding, shownText: shown }))
      const skipped = fields.contacts.filter((_, i) => recipients[i] === undefined)
      const meta = skipped.length === 0 ? metaOfType(fields.type as string) : { type: fields.type as string, skipped: skipped.join(',') }
      return submit(decision, fields, { account, from, releaseAt, items, meta })
    })
  })

  app.on([...smsapimany.methods], smsapimany.path, (x) => {
    const fields = readSmsapimany(x.params)
    const list = fields.messages.kind === 'list' ? fields.messages.messages : []
    const recipients = list.map((message) => parseMsisdn(message.to))
    const facts = {
      account: fields.apiKey,
      from: fields.sender,
      to: recipients.map((recipient, i) => recipient?.msisdn ?? list[i]?.to ?? ''),
      text: list.map((message) => message.text).join('\n'),
    }
    return handle(x, smsapimany, facts, (decision) => {
      const account = authenticate(x, fields.apiKey)
      const from = approvedSender(account, fields.sender)
      const releaseAt = releaseTime(fields.scheduledDateTime)
      if (fields.messages.kind === 'malformed') throw new Rejection('invalid-request', fields.messages.why)
      if (list.length === 0) throw new Rejection('missing-content', 'no messages')
      const items: SubmissionItem[] = []
      const skipped: string[] = []
      const empty: string[] = []
      list.forEach((message, i) => {
        const to = recipients[i]
        if (!to) skipped.push(message.to)
        else if (message.text.trim() === '') empty.push(to.msisdn)
        else items.push({ to, text: message.text, encoding: detectEncoding(message.text) })
      })
      if (items.length === 0) throw new Rejection(empty.length > 0 ? 'missing-content' : 'no-valid-number')
      if (state.scenario.spamKeywords.length > 0) refuseSpam(items.map((item) => item.text))
      const meta = {
        ...(skipped.length === 0 ? {} : { skipped: skipped.join(',') }),
        ...(empty.length === 0 ? {} : { skippedEmpty: empty.join(',') }),
      }
      return submit(decision, fields, { account, from, releaseAt, items, meta })
    })
  })

  const xml = (reports: readonly Report[]): Answer => ({
    status: 200,
    body: reportsXml(reports, { rawAmpersand: options().rawAmpersandInSms, idElement: options().idElement }),
    contentType: XML_CONTENT_TYPE,
  })

  /** The recipients of one of the account's submissions; another account's id reads as unknown. */
  function shoot(account: Account, shootId: string): readonly Message[] {
    const messages = state.store.submission(PROVIDER, shootId)
    // The JSON API's submissions are the account's too, but only its own DlrApi reports them.
    return messages[0]?.account === account.key && messages[0].api === undefined ? messages : []
  }

  // Registered before getDLR/:shootId, which would otherwise take "getAll" for an id.
  app.get(getDLRAll.path, (x) => {
    const apiKey = x.param('apiKey')
    return handle(x, getDLRAll, { account: apiKey }, () => {
      const account = authenticate(x, apiKey)
      const now = state.clock.now()
      return xml(state.store.takeReports(PROVIDER, account.key, DLR_CHUNK).map((message) => reportOf(message, now)))
    })
  })

  app.get(getDLR.path, (x) => {
    const apiKey = x.param('apiKey')
    return handle(x, getDLR, { account: apiKey }, () => {
      const account = authenticate(x, apiKey)
      const now = state.clock.now()
      const showPending = options().pendingReports === 'empty'
      const reports: Report[] = []
      for (const message of shoot(account, x.param('shootId'))) {
        const report = reportOf(message, now)
        if (!report.final) {
          if (showPending) reports.push(report)
        } else if (!state.store.isReported(message)) {
          state.store.markReported(message)
          reports.push(report)
        }
      }
      return xml(reports)
    })
  })

  app.get(getDLRRep.path, (x) => {
    const apiKey = x.param('apiKey')
    return handle(x, getDLRRep, { account: apiKey }, () => {
      const account = authenticate(x, apiKey)
      const now = state.clock.now()
      const showPending = options().pendingReports === 'empty'
      const reports = shoot(account, x.param('shootId'))
        .map((message) => reportOf(message, now))
        .filter((report) => report.final || showPending)
      return xml(reports)
    })
  })

  app.get(getBalance.path, (x) => {
    const apiKey = x.param('apiKey')
    return handle(x, getBalance, { account: apiKey }, () => text(balanceLine(authenticate(x, apiKey).balance)))
  })

  app.get(getkey.path, (x) => {
    const account = state.accounts.byName(PROVIDER, x.param('username'))
    return handle(
      x,
      getkey,
      account ? { account: account.key } : {},
      () => {
        if (!account) throw new Rejection('unknown-account')
        if (x.param('password') !== account.secret) throw new Rejection('bad-credentials')
        return text(account.key)
      },
      getkeyCodes,
    )
  })

  return app
}

/** What a report says of one recipient at `now`. */
function reportOf(message: Message, now: number): Report {
  const history = historyAt(message, now)
  const last = history[history.length - 1]
  const sent = history.find((event) => event.status === 'sent')
  let final: Report['final']
  if (last && isFinal(last.status)) {
    const entry =
      deliveryEntryFor(dlrCodes, { ...(last.code === undefined ? {} : { code: last.code }), ...(last.reason === undefined ? {} : { reason: last.reason }) }) ??
      deliveryEntryFor(dlrCodes, { reason: last.status === 'delivered' ? 'delivered' : 'rejected' })
    final = { at: last.at, code: entry?.code ?? '', text: entry?.text ?? '' }
  }
  // Empty until the message leaves for the network; a final one without a sent step (refused at once) left at release.
  const sentAt = sent?.at ?? (final ? message.releaseAt : undefined)
  return {
    submissionId: message.submissionId,
    to: message.to,
    text: message.text,
    ...(sentAt === undefined ? {} : { sentAt }),
    ...(final === undefined ? {} : { final }),
  }
}
