// DiniSoft BD's HTTP API: /sendtext, /getstatus and the balance page, as manual v1.03 describes them.
import { balance, getstatus, sendtext } from '../../../contracts/dinisoft/endpoints.js'
import type { Reason } from '../../../contracts/reasons.js'
import type { Account } from '../../core/accounts.js'
import { applyTransport, createProviderApp, type ProviderContext } from '../../core/http.js'
import { isFinal, statusAt } from '../../core/lifecycle.js'
import { type Msisdn, parseMsisdn } from '../../../contracts/msisdn.js'
import { Rejection } from '../../core/rejection.js'
import { detectEncoding } from '../../../contracts/encoding.js'
import type { EmulatorState } from '../../core/state.js'
import { acceptSubmission } from '../../core/submission.js'
import type { Message } from '../../core/store.js'
import type { DinisoftOptions } from './options.js'
import { balanceText, type ReportedStatus, statusRejected, statusReport, submitAccepted, submitRejected } from './reply.js'

export const PROVIDER = 'dinisoft'
const FINAL_READ = 'dinisoft:final-read'
const READ = 'dinisoft:read'

/** Checks credentials and source IP in the order a gateway would: user, password, then network. */
function authenticate(state: EmulatorState, c: ProviderContext): Account {
  const params = c.get('params')
  const key = params.get('apikey')
  const account = key ? state.accounts.byKey(PROVIDER, key) : undefined
  if (!account) throw new Rejection('unknown-account')
  if (params.get('secretkey') !== account.secret) throw new Rejection('bad-credentials')
  if (account.allowedIps && !account.allowedIps.includes(c.get('clientIp'))) throw new Rejection('ip-not-allowed', c.get('clientIp'))
  return account
}

function splitRecipients(toUser: string | undefined): string[] {
  if (toUser === undefined) return []
  return toUser
    .split(',')
    .map((number) => number.trim())
    .filter((number) => number !== '')
}

export function dinisoftRoutes(state: EmulatorState) {
  const options = () => state.scenario.options<DinisoftOptions>(PROVIDER)
  const encoder = new TextEncoder()
  const answer = (c: ProviderContext, body: string) => {
    const contentType = options().contentType
    // Bytes, not a string: a string body would get a text/plain Content-Type the real servers do not send.
    return c.body(encoder.encode(body), 200, contentType ? { 'content-type': contentType } : {})
  }
  const app = createProviderApp(state, {
    provider: PROVIDER,
    internalError: (c) => answer(c, submitRejected({ reason: 'internal-error' }, options())),
  })
  const newId = () => String(state.nextInSequence(PROVIDER, () => state.random.int(100_000, 899_999)))

  app.on([...sendtext.methods], sendtext.path, async (c) => {
    c.set('endpoint', sendtext.id)
    const params = c.get('params')
    const text = params.get('messageContent') ?? ''
    const from = params.get('callerID')
    const numbers = splitRecipients(params.get('toUser'))
    const recipients = numbers.map(parseMsisdn)
    const decision = state.scenario.decide({
      provider: PROVIDER,
      endpoint: sendtext.id,
      ...(params.get('apikey') === undefined ? {} : { account: params.get('apikey') }),
      ...(from === undefined ? {} : { from }),
      to: recipients.map((recipient, i) => recipient?.msisdn ?? numbers[i] ?? ''),
      text,
    })
    const replaced = await applyTransport(c, decision)
    if (replaced) return replaced
    const reject = (cause: { reason?: Reason; code?: string }) => answer(c, submitRejected(cause, options()))
    if (decision.code !== undefined || decision.reject !== undefined) {
      return reject({ ...(decision.code === undefined ? {} : { code: decision.code }), ...(decision.reject === undefined ? {} : { reason: decision.reject }) })
    }
    try {
      const account = authenticate(state, c)
      if (text === '') throw new Rejection('missing-content')
      if (!from) throw new Rejection('request-failed', 'callerID is missing')
      if (account.senders && !account.senders.includes(from)) throw new Rejection('sender-not-approved', from)
      if (recipients.length === 0) throw new Rejection('invalid-number', 'toUser is missing')
      const invalid = numbers.filter((_, i) => recipients[i] === undefined)
      if (invalid.length > 0) throw new Rejection('invalid-number', invalid.join(','))
      const submission = acceptSubmission(state, {
        provider: PROVIDER,
        account,
        from,
        items: (recipients as Msisdn[]).map((to) => ({ to, text, encoding: detectEncoding(text) })),
        decision,
        newId,
      })
      return answer(c, submitAccepted(submission.id))
    } catch (error) {
      if (error instanceof Rejection) return reject({ reason: error.reason })
      throw error
    }
  })

  app.on([...getstatus.methods], getstatus.path, async (c) => {
    c.set('endpoint', getstatus.id)
    const params = c.get('params')
    const id = params.get('messageid')
    const decision = state.scenario.decide({
      provider: PROVIDER,
      endpoint: getstatus.id,
      ...(params.get('apikey') === undefined ? {} : { account: params.get('apikey') }),
    })
    const replaced = await applyTransport(c, decision)
    if (replaced) return replaced
    const reject = (cause: { reason?: Reason; code?: string }) => answer(c, statusRejected(cause, options()))
    if (decision.code !== undefined || decision.reject !== undefined) {
      return reject({ ...(decision.code === undefined ? {} : { code: decision.code }), ...(decision.reject === undefined ? {} : { reason: decision.reject }) })
    }
    try {
      const account = authenticate(state, c)
      const messages = id ? state.store.submission(PROVIDER, id) : []
      if (messages.length === 0) throw new Rejection('unknown-message', id)
      if (messages.some((message) => message.account !== account.key)) throw new Rejection('not-owner', id)
      const oneShot = options().oneShotStatus
      const readBefore = messages.some((message) => message.marks.has(oneShot === 'any' ? READ : FINAL_READ))
      if (oneShot !== 'off' && readBefore) throw new Rejection('already-queried', id)
      const report = summarise(messages, state.clock.now())
      for (const message of messages) {
        message.marks.add(READ)
        if (report.final) message.marks.add(FINAL_READ)
      }
      return answer(c, statusReport(report.status, messages[0]?.submissionId ?? '', report.deliveredAt))
    } catch (error) {
      if (error instanceof Rejection) return reject({ reason: error.reason })
      throw error
    }
  })

  for (const path of [balance.path, ...balance.aliases]) {
    app.get(path, async (c) => {
      c.set('endpoint', balance.id)
      const name = c.get('params').get('client')
      const account = name ? state.accounts.byName(PROVIDER, name) : undefined
      const decision = state.scenario.decide({ provider: PROVIDER, endpoint: balance.id, ...(account ? { account: account.key } : {}) })
      const replaced = await applyTransport(c, decision)
      if (replaced) return replaced
      // The manual is silent on unknown clients; an empty page makes a client's number parsing fail loudly.
      return answer(c, account ? balanceText(account.balance) : '')
    })
  }

  return app
}

interface Summary {
  readonly status: ReportedStatus
  readonly final: boolean
  readonly deliveredAt?: number
}

/**
 * One status for a submission to several numbers: the least advanced recipient decides while any is
 * under way; once all are final, a single failure makes it failed.
 */
function summarise(messages: readonly Message[], now: number): Summary {
  const states = messages.map((message) => statusAt(message, now))
  if (states.some((s) => s.status === 'scheduled' || s.status === 'accepted')) return { status: 'pending', final: false }
  if (states.some((s) => !isFinal(s.status))) return { status: 'sent', final: false }
  if (states.some((s) => s.status === 'failed')) return { status: 'failed', final: true }
  return { status: 'delivered', final: true, deliveredAt: Math.max(...states.map((s) => s.at)) }
}
