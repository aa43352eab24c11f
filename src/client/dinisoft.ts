// DiniSoft BD's client: /sendtext, /getstatus (final status read once) and the balance page.
import { statusCodes, submitCodes } from '../contracts/dinisoft/codes.js'
import { balance as balanceEndpoint, getstatus, sendtext } from '../contracts/dinisoft/endpoints.js'
import { entryForCode } from '../contracts/lookup.js'
import type { Reason } from '../contracts/reasons.js'
import {
  type Balance,
  type DeliveryStatus,
  GatewayError,
  InvalidRequestError,
  type ManyItem,
  type MessageStatus,
  ProviderError,
  type SendOutcome,
  type SendRequest,
  type SendResult,
  type SmsGateway,
} from './gateway.js'
import { checkBaseUrl, type HttpAnswer, HttpClient, type HttpOptions, joinUrl } from './http.js'
import { recipientsOf, senderOf } from './request.js'
import { type FinalStatusStore, memoryStatusStore } from './status-cache.js'

const PROVIDER = 'dinisoft'

export interface DiniSoftConfig extends HttpOptions {
  /** Where `/sendtext` and `/getstatus` live: `http://sms.dinisoftbd.com:7788` (or `https://...:7790`). */
  readonly baseUrl: string
  /**
   * Where the balance page lives. The real service serves it on another host and port
   * (`https://sms.dinisoftbd.com`) than sendtext; defaults to `baseUrl`, as on the emulator.
   */
  readonly balanceUrl?: string
  /** The balance page's path; some deployments serve it under `/sms/...` or `/portal/sms/...` instead. */
  readonly balancePath?: string
  readonly apikey: string
  readonly secretkey: string
  /** The client (account) name the balance page asks for. */
  readonly client: string
  /** The default `callerID`: sender number or masking name. */
  readonly sender?: string
  /** `GET` as the manual shows (default), or `POST` with a form body, which keeps the keys out of access logs. */
  readonly method?: 'GET' | 'POST'
  /** Where final statuses are kept (see `status`); default: in memory, the 10,000 latest. */
  readonly finalStatuses?: FinalStatusStore
}

/** Refusals after which the remaining items of a `sendMany` would be refused alike. */
const ACCOUNT_REASONS: readonly Reason[] = ['unknown-account', 'bad-credentials', 'ip-not-allowed']

type Fields = Readonly<Record<string, string>>

/** Reads a DiniSoft answer: a flat JSON object whose values are strings (numbers are tolerated). */
export function parseDiniSoftBody(body: string): Fields | undefined {
  const text = body.replace(/^\uFEFF/, '').trim()
  if (!text.startsWith('{')) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const fields: Record<string, string> = {}
  for (const [name, field] of Object.entries(value)) {
    if (typeof field === 'string' || typeof field === 'number') fields[name] = String(field).trim()
  }
  return fields.Status === undefined ? undefined : fields
}

const EPOCH_MS = /^\d+$/

/**
 * A DiniSoft BD client.
 *
 * @example
 * const sms = new DiniSoftClient({ baseUrl: 'http://127.0.0.1:7788', apikey: 'demo-apikey', secretkey: 'demo-secretkey', client: 'demo', sender: 'DEMO' })
 * const { messageId } = await sms.send({ to: '01712345678', text: 'Hello' })
 */
export class DiniSoftClient implements SmsGateway {
  readonly provider = PROVIDER
  readonly supports = { scheduling: false, recipientStatus: false } as const
  readonly #config: DiniSoftConfig
  readonly #http: HttpClient
  readonly #finalStatuses: FinalStatusStore
  readonly #inFlight = new Map<string, Promise<MessageStatus>>()

  constructor(config: DiniSoftConfig) {
    checkBaseUrl('baseUrl', config.baseUrl)
    if (config.balanceUrl !== undefined) checkBaseUrl('balanceUrl', config.balanceUrl)
    for (const name of ['apikey', 'secretkey', 'client'] as const) {
      if (typeof config[name] !== 'string' || config[name] === '') throw new TypeError(`Missing ${name} in the DiniSoft BD client config.`)
    }
    this.#config = config
    this.#http = new HttpClient(PROVIDER, config, [config.apikey, config.secretkey])
    this.#finalStatuses = config.finalStatuses ?? memoryStatusStore()
  }

  async send(request: SendRequest): Promise<SendResult> {
    if (request.scheduleAt !== undefined) {
      throw new InvalidRequestError('Failed to send: DiniSoft BD has no scheduled sending (its manual has no such parameter). Send at the time instead.')
    }
    const to = recipientsOf(request.to)
    const params = {
      apikey: this.#config.apikey,
      secretkey: this.#config.secretkey,
      callerID: senderOf(request.sender, this.#config.sender),
      // Several numbers in one toUser, comma-separated, get one Message_ID (see docs/provider-notes.md).
      toUser: to.join(','),
      messageContent: request.text,
    }
    const action = `send an SMS via DiniSoft BD to ${to.join(', ')}`
    const url = this.#url(sendtext.path, params)
    return this.#http.call({
      action,
      kind: 'send',
      ...url,
      read: (answer) => {
        const fields = this.#fields({ action, url: url.url }, answer, sendtext.responses[0].example)
        const code = fields.Status ?? ''
        const entry = entryForCode(submitCodes, code)
        if (entry?.status !== 'accepted') throw this.#refusal(action, fields, entry, answer)
        const messageId = fields.Message_ID
        if (!messageId) throw this.#http.unexpected({ action, url: url.url }, answer, 'a Message_ID in the accepted answer')
        return { provider: PROVIDER, messageId, to }
      },
    })
  }

  /**
   * DiniSoft has no many-to-many endpoint: each item is its own `/sendtext`, in order. A refusal of the
   * account (unknown key, wrong secret, IP not allowed) ends the run: the remaining items carry that error.
   */
  async sendMany(items: readonly ManyItem[], options: { readonly sender?: string } = {}): Promise<SendOutcome[]> {
    for (const item of items) recipientsOf(item.to)
    const sender = senderOf(options.sender, this.#config.sender)
    const outcomes: SendOutcome[] = []
    let stop: GatewayError | undefined
    for (const { to, text } of items) {
      if (stop) {
        outcomes.push({ ok: false, to, text, error: stop })
        continue
      }
      try {
        const { messageId } = await this.send({ to, text, sender })
        outcomes.push({ ok: true, to, text, messageId })
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error
        outcomes.push({ ok: false, to, text, error })
        if (error instanceof ProviderError && error.reasons.some((reason) => ACCOUNT_REASONS.includes(reason))) stop = error
      }
    }
    return outcomes
  }

  /**
   * The status of a submission. DiniSoft answers a final status (delivered or failed) once only and a
   * repeat query with 114, so the client keeps every final status it reads (in `finalStatuses`) and
   * answers repeats from there; concurrent calls for one id share one request. A 114 for an id this
   * client has no final status for (an unknown id, or one whose final status another process read)
   * is answered as `unknown` with code 114, not thrown.
   */
  async status(messageId: string): Promise<MessageStatus> {
    const known = await this.#finalStatuses.get(messageId)
    if (known) return known
    const running = this.#inFlight.get(messageId)
    if (running) return running
    const query = this.#queryStatus(messageId).finally(() => this.#inFlight.delete(messageId))
    this.#inFlight.set(messageId, query)
    return query
  }

  async #queryStatus(messageId: string): Promise<MessageStatus> {
    const action = `read the status of DiniSoft BD message ${messageId}`
    const url = this.#url(getstatus.path, { apikey: this.#config.apikey, secretkey: this.#config.secretkey, messageid: messageId })
    const status = await this.#http.call({
      action,
      kind: 'read',
      ...url,
      read: (answer): MessageStatus => {
        const fields = this.#fields({ action, url: url.url }, answer, getstatus.responses[0].example)
        const code = fields.Status ?? ''
        const entry = entryForCode(statusCodes, code)
        const text = fields.Text ?? ''
        const base = { provider: PROVIDER, messageId, code, text, ...(entry ? { meaning: entry.meaning } : {}) } as const
        if (entry?.status && entry.status !== 'accepted') {
          const status: DeliveryStatus = entry.status
          const deliveredAt = fields['Delivery Time']
          const at = deliveredAt && EPOCH_MS.test(deliveredAt) ? new Date(Number(deliveredAt)) : undefined
          return { ...base, status, final: status === 'delivered' || status === 'failed', ...(at ? { at } : {}) }
        }
        if (entry?.reasons.some((reason) => reason === 'unknown-message' || reason === 'already-queried')) {
          return { ...base, status: 'unknown', final: false }
        }
        throw this.#refusal(action, fields, entry, answer)
      },
    })
    if (status.final) await this.#finalStatuses.set(messageId, status)
    // Another caller sharing the store may have read the final status while this query was under way.
    if (status.status === 'unknown') return (await this.#finalStatuses.get(messageId)) ?? status
    return status
  }

  /** The balance page: plain text with six decimals (`10.000000`). */
  async balance(): Promise<Balance> {
    const action = `read the DiniSoft BD balance of client ${this.#config.client}`
    const url = joinUrl(this.#config.balanceUrl ?? this.#config.baseUrl, this.#config.balancePath ?? balanceEndpoint.path, { client: this.#config.client })
    return this.#http.call({
      action,
      kind: 'read',
      method: 'GET',
      url,
      read: (answer) => {
        const raw = answer.body.trim()
        const spec = balanceEndpoint.responses[0]
        if (!spec.pattern.test(raw)) {
          throw this.#http.unexpected({ action, url }, answer, `a balance such as ${JSON.stringify(spec.example)} (an empty page means an unknown client name)`)
        }
        return { provider: PROVIDER, amount: Number(raw), raw: answer.body }
      },
    })
  }

  #url(path: string, params: Record<string, string>): { method: 'GET' | 'POST'; url: URL; body?: URLSearchParams } {
    if (this.#config.method === 'POST') return { method: 'POST', url: joinUrl(this.#config.baseUrl, path), body: new URLSearchParams(params) }
    return { method: 'GET', url: joinUrl(this.#config.baseUrl, path, params) }
  }

  #fields(call: { action: string; url: URL }, answer: HttpAnswer, example: string): Fields {
    const fields = parseDiniSoftBody(answer.body)
    if (!fields) throw this.#http.unexpected(call, answer, `a DiniSoft JSON answer such as ${example}`)
    return fields
  }

  #refusal(action: string, fields: Fields, entry: ReturnType<typeof entryForCode>, answer: HttpAnswer): ProviderError {
    return new ProviderError({
      provider: PROVIDER,
      action,
      code: fields.Status ?? '',
      ...(fields.Text === undefined ? {} : { text: fields.Text }),
      entry,
      body: answer.body,
    })
  }
}
