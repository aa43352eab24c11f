// MiM SMS's JSON API client (api.mimsms.com): /SMS, /OneToMany, /DSMS, DlrApi, balanceCheck, PullSMS.
import { entryForCode } from '../contracts/lookup.js'
import { dlrCodes, responseCodes } from '../contracts/mimsms-json/codes.js'
import { BALANCE_PATTERN, jsonBalance, jsonDlr, jsonDsms, jsonOneToMany, jsonPullSms, jsonSms, STATUS } from '../contracts/mimsms-json/endpoints.js'
import {
  type Balance,
  type DeliveryStatus,
  GatewayError,
  type ManyItem,
  type MessageStatus,
  ProviderError,
  type RecipientStatus,
  type SendOutcome,
  type SendRequest,
  type SendResult,
  type SmsGateway,
  InvalidRequestError,
} from './gateway.js'
import { checkBaseUrl, type HttpAnswer, HttpClient, type HttpOptions, joinUrl } from './http.js'
import { recipientsOf, senderOf } from './request.js'
import { SentRecipients, summarise } from './submissions.js'

const PROVIDER = 'mimsms-json'
const DIGITS = /^\d+$/

export interface MimSmsJsonConfig extends HttpOptions {
  /** `https://api.mimsms.com`, or the emulator's `http://127.0.0.1:7799` (the JSON API shares MiM's port). */
  readonly baseUrl: string
  /** The account's user name (MiM: the e-mail address you log in with; the emulator's `demo`). */
  readonly userName: string
  readonly apiKey: string
  /** The default `SenderName`: an approved sender ID. */
  readonly sender?: string
  /** `T` transactional (default) or `P` promotional (needs `campaignId`). */
  readonly transactionType?: 'T' | 'P'
  readonly campaignId?: string
}

/** An SMS a subscriber sent to the account (PullSMS). */
export interface InboundSms {
  readonly messageId: string
  readonly from: string
  readonly to: string
  readonly text: string
  /** `message_time` as MiM writes it (Dhaka time, `M/d/yyyy h:mm:ss tt`). */
  readonly time: string
}

type Body = Readonly<Record<string, unknown>>

/** The code and status of an answer; the swapped form POST /OneToMany once answered (`"statusCode":"Success","status":"200"`) reads the same. */
function codeAndStatus(body: Body): { code: string; status: string } | undefined {
  const code = body.statusCode
  const status = body.status
  if (typeof code !== 'string' || typeof status !== 'string') return undefined
  return DIGITS.test(code) || !DIGITS.test(status) ? { code, status } : { code: status, status: code }
}

function statusOfDlr(code: string): DeliveryStatus {
  if (code === '') return 'pending'
  const entry = dlrCodes.find((row) => row.code === code)
  if (!entry) return 'unknown'
  return entry.reason === 'delivered' ? 'delivered' : 'failed'
}

/**
 * A client of MiM's JSON API.
 *
 * @example
 * const sms = new MimSmsJsonClient({ baseUrl: 'http://127.0.0.1:7799', userName: 'demo', apiKey: 'demo-api-key', sender: 'DEMO' })
 * const { messageId } = await sms.send({ to: '01712345678', text: 'Your code is 1234' })
 */
export class MimSmsJsonClient implements SmsGateway {
  readonly provider = PROVIDER
  readonly supports = { scheduling: false, recipientStatus: true } as const
  readonly #config: MimSmsJsonConfig
  readonly #http: HttpClient
  readonly #recipients = new SentRecipients()

  constructor(config: MimSmsJsonConfig) {
    checkBaseUrl('baseUrl', config.baseUrl)
    this.#config = config
    this.#http = new HttpClient(PROVIDER, config, [config.apiKey])
  }

  /** One text: `/SMS` for one recipient, `/OneToMany` for several. MiM picks GSM-7 or UCS-2 from the text. */
  async send(request: SendRequest): Promise<SendResult> {
    if (request.scheduleAt !== undefined) throw new InvalidRequestError('Failed to send: MiM\'s JSON API has no scheduling.')
    const to = recipientsOf(request.to)
    const endpoint = to.length === 1 ? jsonSms : jsonOneToMany
    const messageId = await this.#submit(`send an SMS via MiM SMS to ${to.join(', ')}`, endpoint.path, {
      ...this.#credentials(),
      MobileNumber: to.join(','),
      SenderName: senderOf(request.sender, this.#config.sender),
      TransactionType: this.#config.transactionType ?? 'T',
      Message: request.text,
      CampaignId: this.#config.campaignId ?? 'null',
    })
    this.#recipients.remember(messageId, to)
    return { provider: PROVIDER, messageId, to }
  }

  /** A text of its own for each recipient, in one `/DSMS` request: one trxnId for the lot, or the error for all. */
  async sendMany(items: readonly ManyItem[], options: { readonly sender?: string } = {}): Promise<SendOutcome[]> {
    if (items.length === 0) return []
    const data = items.map((item) => ({ MobNumber: recipientsOf(item.to).join(','), Message: item.text }))
    try {
      const messageId = await this.#submit(`send ${items.length} SMS via MiM SMS`, jsonDsms.path, {
        ...this.#credentials(),
        SenderName: senderOf(options.sender, this.#config.sender),
        TransactionType: 'D',
        SmsData: data,
      })
      this.#recipients.remember(
        messageId,
        data.map((item) => item.MobNumber),
      )
      return items.map(({ to, text }) => ({ ok: true, to, text, messageId }))
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      return items.map(({ to, text }) => ({ ok: false, to, text, error }))
    }
  }

  /** DlrApi for each recipient this client sent the submission to (the first recipient for another id). */
  async status(messageId: string): Promise<MessageStatus> {
    const numbers = this.#recipients.get(messageId) ?? [undefined]
    const recipients: RecipientStatus[] = []
    for (const number of numbers) {
      const report = await this.#report(messageId, number)
      if (report) recipients.push(report)
      else if (number !== undefined) recipients.push({ to: number, status: 'unknown', code: '', text: STATUS.notFound })
    }
    const status = summarise(recipients)
    const deciding = recipients.find((recipient) => recipient.status === status)
    return {
      provider: PROVIDER,
      messageId,
      status,
      final: status === 'delivered' || status === 'failed',
      code: deciding?.code ?? '',
      text: deciding?.text ?? '',
      ...(deciding?.meaning ? { meaning: deciding.meaning } : {}),
      recipients,
    }
  }

  /** The account's credit (`responseResult` of balanceCheck). */
  async balance(): Promise<Balance> {
    const action = 'read the MiM SMS balance'
    const url = joinUrl(this.#config.baseUrl, jsonBalance.path)
    return this.#http.call({
      action,
      kind: 'read',
      method: 'POST',
      url,
      body: { json: { UserName: this.#config.userName, Apikey: this.#config.apiKey } },
      read: (answer) => {
        const body = this.#read(action, url, answer, 'a balance')
        const amount = typeof body.responseResult === 'string' && BALANCE_PATTERN.test(body.responseResult) ? Number(body.responseResult) : undefined
        if (amount === undefined) throw this.#http.unexpected({ action, url }, answer, `a balance such as ${JSON.stringify(jsonBalance.responses[0].example)}`)
        return { provider: PROVIDER, amount, raw: answer.body }
      },
    })
  }

  /** The oldest SMS a subscriber sent to the account and nobody pulled yet; `undefined` when none waits. */
  async pullInbound(): Promise<InboundSms | undefined> {
    const action = 'pull an inbound SMS from MiM SMS'
    const url = joinUrl(this.#config.baseUrl, jsonPullSms.path, { UserName: this.#config.userName, Apikey: this.#config.apiKey })
    return this.#http.call({
      action,
      // Each message is handed out once: a retry after a lost answer would skip it, so no retries.
      kind: 'send',
      method: 'GET',
      url,
      read: (answer) => {
        const body = this.#read(action, url, answer, 'an inbound SMS or "Data Not Found"')
        if (body.status === STATUS.notFound) return undefined
        const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
        return { messageId: field('messageId'), from: field('sender'), to: field('receiver'), text: field('message_Text'), time: field('message_time') }
      },
    })
  }

  async #report(messageId: string, number: string | undefined): Promise<RecipientStatus | undefined> {
    const action = `read the delivery report of MiM SMS message ${messageId}`
    const url = joinUrl(this.#config.baseUrl, jsonDlr.path)
    return this.#http.call({
      action,
      kind: 'read',
      method: 'POST',
      url,
      body: { json: { ...this.#credentials(), ...(number === undefined ? {} : { MobileNumber: number }), trxnId: messageId } },
      read: (answer) => {
        const body = this.#read(action, url, answer, 'a delivery report')
        if (body.status === STATUS.notFound) return undefined
        const code = typeof body.dlrCode === 'string' ? body.dlrCode : ''
        const entry = dlrCodes.find((row) => row.code === code)
        return {
          to: typeof body.receiverMobile === 'string' ? body.receiverMobile : (number ?? ''),
          status: statusOfDlr(code),
          code,
          text: typeof body.operatorStatus === 'string' ? body.operatorStatus : '',
          ...(entry ? { meaning: entry.meaning } : {}),
        }
      },
    })
  }

  async #submit(action: string, path: string, json: Record<string, unknown>): Promise<string> {
    const url = joinUrl(this.#config.baseUrl, path)
    return this.#http.call({
      action,
      kind: 'send',
      method: 'POST',
      url,
      body: { json },
      read: (answer) => {
        const body = this.#read(action, url, answer, '{"statusCode":"200","status":"Success","trxnId":...}')
        if (typeof body.trxnId !== 'string' || body.trxnId === '') throw this.#http.unexpected({ action, url }, answer, 'a trxnId')
        return body.trxnId
      },
    })
  }

  /** The JSON object of an answer; a refusal (any statusCode but 200) throws a `ProviderError`. */
  #read(action: string, url: URL, answer: HttpAnswer, expected: string): Body {
    let body: unknown
    try {
      body = JSON.parse(answer.body)
    } catch {
      throw this.#http.unexpected({ action, url }, answer, expected)
    }
    const parsed = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : undefined
    const head = parsed && codeAndStatus(parsed)
    if (!parsed || !head) throw this.#http.unexpected({ action, url }, answer, expected)
    if (head.code === '200') return parsed
    const text = typeof parsed.responseResult === 'string' ? parsed.responseResult : undefined
    const entry = responseCodes.find((row) => row.code === head.code && row.text === text) ?? entryForCode(responseCodes, head.code)
    throw new ProviderError({ provider: PROVIDER, action, code: head.code, ...(text === undefined ? {} : { text }), entry, body: answer.body })
  }

  #credentials(): { UserName: string; ApiKey: string } {
    return { UserName: this.#config.userName, ApiKey: this.#config.apiKey }
  }

}
