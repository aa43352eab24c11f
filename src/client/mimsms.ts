// MiM SMS's client: /smsapi, /smsapimany, delivery reports (XML), balance and API key retrieval.
import { XMLParser } from 'fast-xml-parser'
import { isGsm7 } from '../contracts/encoding.js'
import { entryForCode } from '../contracts/lookup.js'
import { dlrCodes, responseCodes } from '../contracts/mimsms/codes.js'
import {
  BALANCE_PATTERN,
  DATETIME_PATTERN,
  DLR_CHUNK,
  ERROR_PATTERN,
  getBalance,
  getDLRAll,
  getDLRRep,
  getkey,
  REPLY_PATTERN,
  smsapi,
  smsapimany,
  SUBMITTED_PATTERN,
} from '../contracts/mimsms/endpoints.js'
import type { DeliveryCodeEntry } from '../contracts/types.js'
import {
  type Balance,
  type DeliveryStatus,
  type ManyItem,
  type MessageStatus,
  ProviderError,
  GatewayError,
  InvalidRequestError,
  type RecipientStatus,
  type SendOutcome,
  type SendRequest,
  type SendResult,
  type SmsGateway,
} from './gateway.js'
import { checkBaseUrl, type HttpAnswer, HttpClient, type HttpOptions, joinUrl } from './http.js'
import { recipientsOf, senderOf } from './request.js'
import { SentRecipients, summarise } from './submissions.js'

const PROVIDER = 'mimsms'

export interface MimSmsConfig extends HttpOptions {
  /** `https://esms.mimsms.com`, or the emulator's `http://127.0.0.1:7799`. */
  readonly baseUrl: string
  /** The account's API key (developer page of the account, or `apiKey(username, password)`). */
  readonly api_key?: string
  /** The default `senderid`: an approved sender ID or masking name. */
  readonly sender?: string
  /** The `label` real clients send beside the manual's parameters. Omitted unless set. */
  readonly label?: 'transactional' | 'promotional'
}

/** One `<message>` of a delivery report. */
export interface DeliveryReport extends RecipientStatus {
  /** The SMS shoot id (`<ID>`), where the report carries one: the `messageId` the send answered. */
  readonly messageId?: string
  /** The text (`<SMS>`), without the literal quotes MiM wraps it in. */
  readonly content: string
  /** When the SMS left (`<SMSSent>`). */
  readonly sentAt?: Date
}

/** Any bare number: undocumented codes are refusals too. */
const BARE_CODE = /^\d{3,5}$/
const DHAKA_OFFSET_MS = 6 * 60 * 60 * 1000

/** `YYYY-MM-DD HH:mm:ss` in Asia/Dhaka time (UTC+6 all year), MiM's date-time format. */
export function toDhakaDateTime(date: Date): string {
  return new Date(date.getTime() + DHAKA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}

export function fromDhakaDateTime(value: string): Date | undefined {
  if (!DATETIME_PATTERN.test(value)) return undefined
  const date = new Date(`${value.replace(' ', 'T')}+06:00`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * A report with no DLR code is one whose delivery is under way (panels that list such recipients leave
 * the DLR elements empty): sent once it has left (`<SMSSent>`), pending before.
 */
function statusOfDlr(entry: DeliveryCodeEntry | undefined, code: string, sent: boolean): DeliveryStatus {
  if (code === '') return sent ? 'sent' : 'pending'
  if (!entry) return 'unknown'
  if (!entry.final) return 'pending'
  return entry.reason === 'delivered' ? 'delivered' : 'failed'
}

const xml = new XMLParser({
  // Every value stays a string: numbers like 8801... and ids must not turn into floats.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  // Decodes &#2476; and friends; a raw `&` (seen in real feeds) is left as it is rather than failing.
  htmlEntities: true,
  isArray: (_name, jpath) => jpath === 'dlr.message',
})

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return ''
}

/** `"SMS Content..."` -> `SMS Content...`: MiM wraps the text in literal double quotes. */
function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value
}

/** Parses a DLR XML body into reports, or `undefined` when it is not one. Tolerates a raw `&`. */
export function parseDlrXml(body: string): DeliveryReport[] | undefined {
  const source = body.replace(/^\uFEFF/, '').trim()
  if (!source.startsWith('<')) return undefined
  let document: unknown
  try {
    document = xml.parse(source)
  } catch {
    return undefined
  }
  if (typeof document !== 'object' || document === null || !('dlr' in document)) return undefined
  const root = (document as { dlr: unknown }).dlr
  const messages = typeof root === 'object' && root !== null ? ((root as { message?: unknown }).message ?? []) : []
  if (!Array.isArray(messages)) return undefined
  return messages.map((message: Record<string, unknown>) => {
    const code = text(message.DLRStatus).trim()
    const entry = dlrCodes.find((row) => row.code === code)
    const received = fromDhakaDateTime(text(message.DLRReceived).trim())
    const sent = fromDhakaDateTime(text(message.SMSSent).trim())
    const id = text(message.ID).trim()
    return {
      ...(id === '' ? {} : { messageId: id }),
      to: text(message.MSISDN).trim(),
      content: unquote(text(message.SMS)),
      status: statusOfDlr(entry, code, sent !== undefined),
      code,
      text: text(message.DLRStatusDetails).trim(),
      ...(entry ? { meaning: entry.meaning } : {}),
      ...(sent ? { sentAt: sent } : {}),
      ...(received ? { at: received } : {}),
    }
  })
}

/**
 * A MiM SMS client.
 *
 * @example
 * const sms = new MimSmsClient({ baseUrl: 'http://127.0.0.1:7799', api_key: 'demo-api-key', sender: 'DEMO' })
 * const { messageId } = await sms.send({ to: '01712345678', text: 'আপনার কোড 1234' }) // sent as type=unicode
 */
export class MimSmsClient implements SmsGateway {
  readonly provider = PROVIDER
  readonly supports = { scheduling: true, recipientStatus: true } as const
  readonly #config: MimSmsConfig
  readonly #http: HttpClient
  readonly #recipients = new SentRecipients()

  constructor(config: MimSmsConfig) {
    checkBaseUrl('baseUrl', config.baseUrl)
    this.#config = config
    this.#http = new HttpClient(PROVIDER, config, [config.api_key])
  }

  /** One text to one or more recipients; `type=unicode` whenever the text is not all GSM-7 (Bangla, emoji). */
  async send(request: SendRequest): Promise<SendResult> {
    const to = recipientsOf(request.to)
    const form = new URLSearchParams({
      api_key: this.#key(),
      type: isGsm7(request.text) ? 'text' : 'unicode',
      contacts: to.join(','),
      senderid: senderOf(request.sender, this.#config.sender),
      msg: request.text,
    })
    this.#addSchedule(form, request.scheduleAt)
    if (this.#config.label) form.set('label', this.#config.label)
    const action = `send an SMS via MiM SMS to ${to.join(', ')}`
    const messageId = await this.#submit(action, smsapi.path, form)
    this.#recipients.remember(messageId, to)
    return { provider: PROVIDER, messageId, to }
  }

  /**
   * Its own text for each recipient, in one `/smsapimany` request (the PHP sample's shape: `messages`
   * as a JSON string). MiM answers one shoot id for the lot, so every item shares it, or the error.
   */
  async sendMany(items: readonly ManyItem[], options: { readonly sender?: string; readonly scheduleAt?: Date } = {}): Promise<SendOutcome[]> {
    if (items.length === 0) return []
    const messages = items.map((item) => ({ to: recipientsOf(item.to).join(','), message: item.text }))
    const form = new URLSearchParams({
      api_key: this.#key(),
      senderid: senderOf(options.sender, this.#config.sender),
      // Not in the manual for smsapimany; a gateway that reads it must not send Bangla as GSM-7.
      type: items.every((item) => isGsm7(item.text)) ? 'text' : 'unicode',
      messages: JSON.stringify(messages),
    })
    this.#addSchedule(form, options.scheduleAt)
    if (this.#config.label) form.set('label', this.#config.label)
    try {
      const messageId = await this.#submit(`send ${items.length} SMS via MiM SMS`, smsapimany.path, form)
      this.#recipients.remember(
        messageId,
        messages.map((message) => message.to),
      )
      return items.map(({ to, text }) => ({ ok: true, to, text, messageId }))
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      return items.map(({ to, text }) => ({ ok: false, to, text, error }))
    }
  }

  /**
   * The reports of every recipient of a submission, through `getDLRRep` (repeatable, unlike `getDLR`).
   * Panels may leave out recipients whose delivery is still under way; for a submission this client
   * sent, those recipients are listed as pending. A submission with no report at all is `unknown` (an
   * id this client did not send) or `pending` (one it did).
   */
  async status(messageId: string): Promise<MessageStatus> {
    const action = `read the delivery reports of MiM SMS message ${messageId}`
    const url = joinUrl(this.#config.baseUrl, this.#path(getDLRRep.path, { shootId: messageId }))
    const reports = await this.#http.call({ action, kind: 'read', method: 'GET', url, read: (answer) => this.#reports(action, url, answer) })
    const reported = new Set(reports.map((report) => report.to))
    const recipients: RecipientStatus[] = [
      ...reports.map(({ to, status, code, text, meaning, at }) => ({ to, status, code, text, ...(meaning ? { meaning } : {}), ...(at ? { at } : {}) })),
      ...(this.#recipients.get(messageId) ?? []).filter((to) => !reported.has(to)).map((to) => ({ to, status: 'pending' as const, code: '', text: '' })),
    ]
    const status = summarise(recipients)
    const final = status === 'delivered' || status === 'failed'
    const deciding = recipients.find((recipient) => recipient.status === status)
    const times = recipients.map((recipient) => recipient.at?.getTime())
    const finishedAt = final && times.every((time) => time !== undefined) ? Math.max(...(times as number[])) : undefined
    return {
      provider: PROVIDER,
      messageId,
      status,
      final,
      code: deciding?.code ?? '',
      text: deciding?.text ?? '',
      ...(deciding?.meaning ? { meaning: deciding.meaning } : {}),
      ...(finishedAt === undefined ? {} : { at: new Date(finishedAt) }),
      recipients,
    }
  }

  /**
   * Every delivery report waiting for the account, page by page: `getAll` hands out at most 100 reports
   * a call, each once, so it is called again while a call returns 100. Each page is yielded before the
   * next is asked for, so a failure later on does not lose the reports already drained.
   */
  async *deliveryReportPages(options: { readonly maxCalls?: number } = {}): AsyncGenerator<DeliveryReport[], void, undefined> {
    const maxCalls = options.maxCalls ?? 100
    const action = 'read the MiM SMS delivery reports (getAll)'
    const url = joinUrl(this.#config.baseUrl, this.#path(getDLRAll.path, {}))
    for (let call = 0; call < maxCalls; call++) {
      const page = await this.#http.call({ action, kind: 'read', method: 'GET', url, read: (answer) => this.#reports(action, url, answer) })
      if (page.length > 0) yield page
      if (page.length < DLR_CHUNK) return
    }
  }

  /** All waiting delivery reports (see `deliveryReportPages`, which is safer when a later call may fail). */
  async deliveryReports(options: { readonly maxCalls?: number } = {}): Promise<DeliveryReport[]> {
    const reports: DeliveryReport[] = []
    for await (const page of this.deliveryReportPages(options)) reports.push(...page)
    return reports
  }

  /** The account's credit: `Your Balance is:BDT 470.44`. */
  async balance(): Promise<Balance> {
    const action = 'read the MiM SMS balance'
    const url = joinUrl(this.#config.baseUrl, this.#path(getBalance.path, {}))
    return this.#http.call({
      action,
      kind: 'read',
      method: 'GET',
      url,
      read: (answer) => {
        const body = answer.body.trim()
        this.#throwIfErrorCode(action, answer)
        const amount = BALANCE_PATTERN.exec(body)?.[1]
        if (amount === undefined) throw this.#http.unexpected({ action, url }, answer, `a balance such as ${JSON.stringify(getBalance.responses[0].example)}`)
        return { provider: PROVIDER, amount: Number(amount), currency: 'BDT', raw: answer.body }
      },
    })
  }

  /** The account's API key, from its login (`/getkey/{username}/{password}`). Needs no `api_key` in the config. */
  async apiKey(username: string, password: string): Promise<string> {
    const action = `retrieve the MiM SMS API key of ${username}`
    const path = getkey.path.replace(':username', encodeURIComponent(username)).replace(':password', encodeURIComponent(password))
    const url = joinUrl(this.#config.baseUrl, path)
    const http = new HttpClient(PROVIDER, this.#config, [password, this.#config.api_key])
    return http.call({
      action,
      kind: 'read',
      method: 'GET',
      url,
      read: (answer) => {
        this.#throwIfErrorCode(action, answer)
        const key = answer.body.trim()
        if (!getkey.responses[0].pattern.test(key)) throw http.unexpected({ action, url }, answer, 'the API key')
        return key
      },
    })
  }

  async #submit(action: string, path: string, form: URLSearchParams): Promise<string> {
    const url = joinUrl(this.#config.baseUrl, path)
    return this.#http.call({
      action,
      kind: 'send',
      method: 'POST',
      url,
      body: form,
      read: (answer) => {
        const body = answer.body.trim()
        const id = SUBMITTED_PATTERN.exec(body)?.[1] ?? REPLY_PATTERN.exec(body)?.[1]
        if (id !== undefined) return id
        this.#throwIfErrorCode(action, answer)
        throw this.#http.unexpected({ action, url }, answer, `"SMS SUBMITTED: ID - <id>", "1000, <id>" or an error code`)
      },
    })
  }

  #reports(action: string, url: URL, answer: HttpAnswer): DeliveryReport[] {
    this.#throwIfErrorCode(action, answer)
    const reports = parseDlrXml(answer.body)
    if (!reports) throw this.#http.unexpected({ action, url }, answer, 'a <dlr> XML report')
    return reports
  }

  /** An error answer is the bare code (`1007`); a bare number outside the manual's table is still the provider's refusal. */
  #throwIfErrorCode(action: string, answer: HttpAnswer): void {
    const body = answer.body.trim()
    if (!ERROR_PATTERN.test(body) && !BARE_CODE.test(body)) return
    const entry = entryForCode(responseCodes, body)
    if (entry?.status === 'accepted') return
    throw new ProviderError({ provider: PROVIDER, action, code: body, entry, body: answer.body })
  }


  #addSchedule(form: URLSearchParams, at: Date | undefined): void {
    if (at === undefined) return
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new InvalidRequestError('Failed to send: scheduleAt is not a valid Date.')
    form.set('scheduledDateTime', toDhakaDateTime(at))
  }

  #key(): string {
    if (!this.#config.api_key) throw new InvalidRequestError('No api_key in the MiM SMS client config: set it, or get it with apiKey(username, password).')
    return this.#config.api_key
  }

  #path(template: string, params: Record<string, string>): string {
    let path = template.replace(':apiKey', encodeURIComponent(this.#key()))
    for (const [name, value] of Object.entries(params)) path = path.replace(`:${name}`, encodeURIComponent(value))
    return path
  }
}
