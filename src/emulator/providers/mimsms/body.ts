// The request shapes MiM clients send, read into plain values: /smsapi's fields and /smsapimany's message list.
import type { RequestParams } from '../../core/params.js'

/** What a send request says, before any check. Wire names are read here and nowhere else. */
export interface SendFields {
  readonly apiKey?: string
  readonly sender?: string
  readonly scheduledDateTime?: string
  /** `reply=Y`: answer `1000, <id>`. */
  readonly reply: boolean
  /** `transactional` / `promotional`: sent by real clients, not in the manual; recorded, not checked. */
  readonly label?: string
}

export interface SmsapiFields extends SendFields {
  readonly type?: string
  /** Each recipient as written, in order. */
  readonly contacts: readonly string[]
  readonly text: string
}

export interface ManyMessage {
  readonly to: string
  readonly text: string
}

export type MessageList =
  | { readonly kind: 'missing' }
  | { readonly kind: 'malformed'; readonly why: string }
  | { readonly kind: 'list'; readonly messages: readonly ManyMessage[] }

// The manual separates contacts with "," or "+"; a raw "+" in a URL arrives as a space.
const CONTACT_SEPARATORS = /[,+\s]+/
// jQuery's $.param and PHP's http_build_query: messages[0][to]=...&messages[0][message]=...
const BRACKET_FIELD = /^messages\[([^\]]*)\]\[([^\]]+)\]$/

/**
 * Identifiers are trimmed (the manual's jQuery sample sends `" your_api_key "`, and the panel's
 * framework trims input); the message text is kept exactly as sent.
 */
function trimmed(params: RequestParams, name: string): string | undefined {
  return params.get(name)?.trim()
}

/** The fields every send reads (written one by one: this runs on every send). */
interface MutableSendFields {
  apiKey?: string
  sender?: string
  scheduledDateTime?: string
  reply: boolean
  label?: string
}

function sendFields<T extends MutableSendFields>(params: RequestParams, fields: T): T {
  const apiKey = trimmed(params, 'api_key')
  const sender = trimmed(params, 'senderid')
  const scheduledDateTime = params.get('scheduledDateTime')
  const label = trimmed(params, 'label')
  if (apiKey !== undefined) fields.apiKey = apiKey
  if (sender !== undefined) fields.sender = sender
  if (scheduledDateTime !== undefined) fields.scheduledDateTime = scheduledDateTime
  fields.reply = trimmed(params, 'reply')?.toUpperCase() === 'Y'
  if (label !== undefined && label !== '') fields.label = label
  return fields
}

// Characters that separate contacts: a text without them is one contact (no split needed).
const HAS_SEPARATOR = /[,+\s]/

export function splitContacts(contacts: string | undefined): string[] {
  if (contacts === undefined) return []
  if (!HAS_SEPARATOR.test(contacts)) return contacts === '' ? [] : [contacts]
  return contacts.split(CONTACT_SEPARATORS).filter((contact) => contact !== '')
}

export function readSmsapi(params: RequestParams): SmsapiFields {
  const fields: MutableSendFields & { type?: string; contacts: readonly string[]; text: string } = { reply: false, contacts: [], text: '' }
  sendFields(params, fields)
  const type = trimmed(params, 'type')
  if (type !== undefined) fields.type = type
  fields.contacts = splitContacts(params.get('contacts'))
  fields.text = params.get('msg') ?? ''
  return fields
}

export function readSmsapimany(params: RequestParams): SendFields & { readonly messages: MessageList } {
  return { ...sendFields(params, { reply: false }), messages: readMessages(params) }
}

/**
 * `messages` as the PHP sample sends it (a JSON string in a form field), inside a JSON body (an array,
 * or a JSON string again), or in bracket fields as jQuery sends an array of objects.
 */
export function readMessages(params: RequestParams): MessageList {
  // A list in a JSON body is read as parsed.
  const parsed = params.jsonField('messages')
  if (parsed !== null && typeof parsed === 'object') return fromValue(parsed)
  const value = params.get('messages')
  if (value !== undefined && value.trim() !== '') return fromJson(value)
  return fromBrackets(params)
}

function fromJson(text: string): MessageList {
  let value: unknown
  try {
    value = JSON.parse(text)
    // A client that json_encode()s the list and then sends the whole body as JSON encodes it twice.
    if (typeof value === 'string') value = JSON.parse(value)
  } catch {
    return { kind: 'malformed', why: 'messages is not JSON' }
  }
  return fromValue(value)
}

function fromValue(value: unknown): MessageList {  // PHP's json_encode turns an array with gaps in its keys into an object: {"0": {...}, "2": {...}}.
  const items = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value) : undefined
  if (!items) return { kind: 'malformed', why: 'messages is not a list' }
  const messages: ManyMessage[] = []
  for (const item of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { kind: 'malformed', why: 'a message is not an object' }
    const fields = item as Record<string, unknown>
    const to = scalar(fields.to)
    const message = scalar(fields.message)
    if (to === undefined || message === undefined) return { kind: 'malformed', why: 'a message has a "to" or "message" that is not text' }
    messages.push({ to, text: message })
  }
  return { kind: 'list', messages }
}

/** A JSON field as text: numbers are common for `to`; null and absence are empty. */
function scalar(value: unknown): string | undefined {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function fromBrackets(params: RequestParams): MessageList {
  const byIndex = new Map<string, { to: string; text: string }>()
  let unnamed = 0
  for (const [name, value] of params.entries) {
    if (!name.startsWith('messages[')) continue
    const match = BRACKET_FIELD.exec(name)
    if (!match) continue
    // `messages[][to]` starts a new element each time, as PHP reads it.
    const index = match[1] === '' ? `\u0000${unnamed++}` : (match[1] as string)
    let message = byIndex.get(index)
    if (!message) {
      message = { to: '', text: '' }
      byIndex.set(index, message)
    }
    if (match[2] === 'to') message.to = value
    else if (match[2] === 'message') message.text = value
  }
  if (byIndex.size === 0) return { kind: 'missing' }
  return { kind: 'list', messages: [...byIndex.values()] }
}
