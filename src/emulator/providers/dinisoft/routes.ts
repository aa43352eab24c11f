// DiniSoft BD's HTTP API: /sendtext, /getstatus and the balance page, as manual v1.03 describes them.
import { balance, getstatus, sendtext } from '../../../contracts/dinisoft/endpoints.js'
import type { Account } from '../../core/accounts.js'
import { type Answer, createProviderApp, type Exchange, serveEndpoint } from '../../core/http.js'
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
function authenticate(state: EmulatorState, x: Exchange): Account {
  const params = x.params
  const key = params.get('apikey')
  const account = key ? state.accounts.byKey(PROVIDER, key) : undefined
  if (!account) throw new Rejection('unknown-account')
  if (params.get('secretkey') !== account.secret) throw new Rejection('bad-credentials')
  if (account.allowedIps && !account.allowedIps.includes(x.clientIp)) throw new Rejection('ip-not-allowed', x.clientIp)
  return account
}

function splitRecipients(toUser: string | undefined): string[] {
  if (toUser === undefined) return []
  if (!toUser.includes(',')) {
    const number = toUser.trim()
    return number === '' ? [] : [number]
  }
  return toUser
    .split(',')
    .map((number) => number.trim())
    .filter((number) => number !== '')
}

export function dinisoftRoutes(state: EmulatorState) {
  const options = () => state.scenario.options<DinisoftOptions>(PROVIDER)
  // The real servers send no Content-Type unless the scenario names one.
  const answer = (body: string): Answer => ({ status: 200, body, contentType: options().contentType || undefined })
  const app = createProviderApp(state, {
    provider: PROVIDER,
    internalError: () => answer(submitRejected({ reason: 'internal-error' }, options())),
  })
  const newId = () => String(state.nextInSequence(PROVIDER, () => state.random.int(100_000, 899_999)))

  app.on([...sendtext.methods], sendtext.path, (x) => {
    const params = x.params
    const text = params.get('messageContent') ?? ''
    const from = params.get('callerID')
    const numbers = splitRecipients(params.get('toUser'))
    const recipients = numbers.map(parseMsisdn)
    return serveEndpoint(x, state, PROVIDER, {
      endpoint: sendtext.id,
      facts: { account: params.get('apikey'), from, to: recipients.map((recipient, i) => recipient?.msisdn ?? numbers[i] ?? ''), text },
      refuse: (refusal) => answer(submitRejected(refusal, options())),
      run(decision) {
        const account = authenticate(state, x)
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
        return answer(submitAccepted(submission.id))
      },
    })
  })

  app.on([...getstatus.methods], getstatus.path, (x) => {
    const params = x.params
    const id = params.get('messageid')
    return serveEndpoint(x, state, PROVIDER, {
      endpoint: getstatus.id,
      facts: { account: params.get('apikey') },
      refuse: (refusal) => answer(statusRejected(refusal, options())),
      run() {
        const account = authenticate(state, x)
        const messages = id ? state.store.submission(PROVIDER, id) : []
        if (messages.length === 0) throw new Rejection('unknown-message', id)
        if (messages.some((message) => message.account !== account.key)) throw new Rejection('not-owner', id)
        const oneShot = options().oneShotStatus
        const readBefore = messages.some((message) => state.store.hasMark(message, oneShot === 'any' ? READ : FINAL_READ))
        if (oneShot !== 'off' && readBefore) throw new Rejection('already-queried', id)
        const report = summarise(messages, state.clock.now())
        for (const message of messages) {
          state.store.mark(message, READ)
          if (report.final) state.store.mark(message, FINAL_READ)
        }
        return answer(statusReport(report.status, messages[0]?.submissionId ?? '', report.deliveredAt))
      },
    })
  })

  for (const path of [balance.path, ...balance.aliases]) {
    app.get(path, (x) => {
      const name = x.params.get('client')
      const account = name ? state.accounts.byName(PROVIDER, name) : undefined
      // The manual is silent on unknown clients; an empty page makes a client's number parsing fail loudly.
      // The balance page has no refusal format either, so a scenario refusal gets the same empty page.
      return serveEndpoint(x, state, PROVIDER, {
        endpoint: balance.id,
        facts: { account: account?.key },
        refuse: () => answer(''),
        run: () => answer(account ? balanceText(account.balance) : ''),
      })
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
