// Control API: the messages an emulator accepted, one by id, deleting them all, forcing an outcome.
import type { Context } from 'hono'
import { z } from 'zod'
import { finalDeliveryCodes } from '../../contracts/lookup.js'
import { type DeliveryReason, deliveryReasonNames } from '../../contracts/reasons.js'
import { type DeliveryStep, forceOutcome, isFinal, type MessageStatus, statusAt } from '../core/lifecycle.js'
import { apiOf } from '../core/message-filter.js'
import { normaliseMsisdn } from '../../contracts/msisdn.js'
import { realmOf } from '../core/provider.js'
import type { EmulatorState } from '../core/state.js'
import { type Message, type MessageFilter, messageId } from '../core/store.js'
import { badField, committed, conflict, notFound, parseBody, parseQuery } from './problem.js'
import { messageJson } from './views.js'

export const messageStatuses = ['scheduled', 'accepted', 'sent', 'delivered', 'failed'] as const satisfies readonly MessageStatus[]

/** A moment in a query string: ISO 8601, or epoch milliseconds. */
export const moment = z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (Number.isFinite(ms)) return ms
  ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date (2026-01-15T10:00:00+06:00) or epoch milliseconds' })
  return z.NEVER
})

const recipient = z.string().transform((value, ctx) => {
  const msisdn = normaliseMsisdn(value)
  if (msisdn !== undefined) return msisdn
  ctx.addIssue({ code: 'custom', message: 'expected a Bangladeshi mobile number: 8801XXXXXXXXX, +8801XXXXXXXXX or 01XXXXXXXXX' })
  return z.NEVER
})

export const paging = {
  start: z.coerce.number().int().min(0).default(0).describe('How many of the newest to skip'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
}

function listQuery(state: EmulatorState) {
  return z
    .object({
      provider: z
        .enum([...new Set([...state.providers.values()].map(realmOf))] as [string, ...string[]])
        .optional()
        .describe("The provider whose accounts it used: mimsms's also holds its JSON API's messages"),
      api: z
        .enum([...state.providers.keys()] as [string, ...string[]])
        .optional()
        .describe("The API that accepted it (a provider's legacy or only API has the provider's name)"),
      account: z.string().optional(),
      to: recipient.optional(),
      sender: z.string().optional(),
      status: z.enum(messageStatuses).optional(),
      text: z.string().optional(),
      since: moment.optional(),
      submission: z.string().optional(),
      ...paging,
    })
    .strict()
}

/** Newest first, paged; `total` counts every match. */
export function listMessages(c: Context, state: EmulatorState): Response {
  const query = parseQuery(c, listQuery(state))
  const filter: MessageFilter = {
    ...(query.provider === undefined ? {} : { provider: query.provider }),
    ...(query.api === undefined ? {} : { api: query.api }),
    ...(query.account === undefined ? {} : { account: query.account }),
    ...(query.to === undefined ? {} : { to: query.to }),
    ...(query.sender === undefined ? {} : { from: query.sender }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.text === undefined ? {} : { text: query.text }),
    ...(query.since === undefined ? {} : { since: query.since }),
    ...(query.submission === undefined ? {} : { submissionId: query.submission }),
  }
  const { total, messages } = state.store.page(filter, query.start, query.limit)
  return c.json({ total, start: query.start, limit: query.limit, messages: messages.map((message) => messageJson(state, message)) })
}

/**
 * The messages an id stands for: a message id (`194234.1`) is one recipient; a submission id (the id
 * the provider answered, `194234`) is every recipient of that submission; `latest` the newest message.
 */
export function resolveMessages(state: EmulatorState, id: string): readonly Message[] {
  if (id === 'latest') {
    const newest = state.store.latest()
    return newest ? [newest] : []
  }
  const message = state.store.get(id)
  if (message) return [message]
  const first = state.store.get(messageId(id, 0))
  return first ? state.store.submission(first.provider, id) : []
}

function messagesOf(c: Context, state: EmulatorState): readonly Message[] {
  const id = c.req.param('id') ?? ''
  const messages = resolveMessages(state, id)
  if (messages.length === 0) {
    throw notFound(id === 'latest' ? 'No message has been accepted yet.' : `No message or submission has the id "${id}". List them with GET /api/messages.`)
  }
  return messages
}

/** One message with its history; a submission id answers its first recipient (list all with ?submission=). */
export function getMessage(c: Context, state: EmulatorState): Response {
  const [message] = messagesOf(c, state)
  return c.json(messageJson(state, message as Message))
}

/** Back to the scenario's start: messages, journal, balances, counters and the random sequence. */
export function deleteMessages(c: Context, state: EmulatorState): Response {
  state.reset()
  return c.body(null, 204)
}

/**
 * Deletes one message, or every recipient of a submission; final or not, it is gone (and never
 * reported). Answered once the deletion is committed (--db): a crash after the answer keeps it deleted.
 */
export async function deleteMessage(c: Context, state: EmulatorState): Promise<Response> {
  for (const message of messagesOf(c, state)) {
    state.store.remove(message)
    state.events.emit('message.deleted', { message })
  }
  await committed(state)
  return c.body(null, 204)
}

const outcomeBody = z
  .object({
    status: z.enum(['sent', 'delivered', 'failed']).describe('The state the message is in from now on'),
    reason: z.enum(deliveryReasonNames).optional().describe('Why it failed (default rejected)'),
    code: z.string().min(1).optional().describe("A provider DLR code, rendered verbatim (MiM '1028')"),
  })
  .strict()

/** Forces the state of a message, or of every recipient of a submission, from now on. */
export async function forceMessageOutcome(c: Context, state: EmulatorState): Promise<Response> {
  const messages = messagesOf(c, state)
  const body = await parseBody(c, outcomeBody)
  const now = state.clock.now()
  // Every message is checked before any changes, so a refusal leaves them all as they were.
  const steps = messages.map((message) => {
    const current = statusAt(message, now)
    if (isFinal(current.status)) {
      throw conflict(`Message ${message.id} is already ${current.status}; a final state never changes (reports may have been handed out).`)
    }
    return { message, step: stepFor(state, message, body) }
  })
  for (const { message, step } of steps) {
    forceOutcome(message, now, step)
    state.retrack(message)
  }
  return c.json({ messages: messages.map((message) => messageJson(state, message)) })
}

function stepFor(state: EmulatorState, message: Message, body: z.output<typeof outcomeBody>): Omit<DeliveryStep, 'afterMs'> {
  if (body.status === 'sent') {
    if (body.reason !== undefined || body.code !== undefined) throw badField('status', '"sent" takes no reason or code: they describe a final state')
    return { status: 'sent' }
  }
  const fromCode = body.code === undefined ? undefined : deliveryReasonOf(state, message, body.code)
  const reason = body.reason ?? fromCode ?? (body.status === 'delivered' ? 'delivered' : 'rejected')
  if ((reason === 'delivered') !== (body.status === 'delivered')) {
    throw badField(body.reason === undefined ? 'code' : 'reason', `"${body.reason ?? body.code}" does not describe a ${body.status} message`)
  }
  return { status: body.status, reason, ...(body.code === undefined ? {} : { code: body.code }) }
}

/** What a code means to the API that accepted the message (MiM's JSON API has its own table, not the panel's). */
function deliveryReasonOf(state: EmulatorState, message: Message, code: string): DeliveryReason {
  const api = state.providers.get(apiOf(message))
  const codes = api?.contract ? finalDeliveryCodes(api.contract) : []
  if (!codes.includes(code)) {
    const valid = codes.length > 0 ? `: one of ${codes.join(', ')}` : ''
    throw badField('code', `"${code}" is not a final delivery code of ${api?.title ?? apiOf(message)}${valid}`)
  }
  return api?.deliveryCode(code) ?? 'rejected'
}
