// Control API: SMS a subscriber sends to an account (two-way SMS), handed out by APIs that pull them (MiM PullSMS).
import type { Context } from 'hono'
import { z } from 'zod'
import { normaliseMsisdn } from '../../contracts/msisdn.js'
import type { Account } from '../core/accounts.js'
import type { InboundMessage } from '../core/inbound.js'
import { realmOf } from '../core/provider.js'
import type { EmulatorState } from '../core/state.js'
import { badField, notFound, parseBody, parseQuery } from './problem.js'

const DIGITS = /^\d+$/

const incomingBody = z
  .object({
    provider: z.string().min(1).optional().describe('The provider of the account; may be left out when one provider takes inbound SMS'),
    account: z.string().min(1).describe("The account's name (MiM user name) or API key"),
    from: z.string().min(1).max(32).describe('The subscriber: 8801XXXXXXXXX, +8801XXXXXXXXX or 01XXXXXXXXX'),
    text: z.string().max(10_000),
    to: z.string().min(1).max(32).optional().describe("The number the subscriber wrote to; the account's first numeric sender ID by default"),
  })
  .strict()

/** The providers whose accounts can receive SMS: the realms of the APIs that hand them out. */
function inboundProviders(state: EmulatorState): string[] {
  return [...new Set([...state.providers.values()].filter((api) => api.inbound).map(realmOf))]
}

function providerFor(state: EmulatorState, named: string | undefined): string {
  const candidates = inboundProviders(state)
  if (named !== undefined) {
    if (!candidates.includes(named)) throw badField('provider', `"${named}" takes no inbound SMS; use ${candidates.join(' or ') || 'none'}`)
    return named
  }
  if (candidates.length !== 1) throw badField('provider', `name the provider: ${candidates.join(' or ')}`)
  return candidates[0] as string
}

function accountFor(state: EmulatorState, provider: string, account: string): Account {
  const found = state.accounts.byKey(provider, account) ?? state.accounts.byName(provider, account)
  if (!found) throw notFound(`${provider} has no account named or keyed "${account}". List them with GET /api/accounts.`)
  return found
}

function inboundJson(message: InboundMessage) {
  return {
    id: message.id,
    provider: message.provider,
    from: message.from,
    to: message.to,
    text: message.text,
    receivedAt: new Date(message.receivedAt).toISOString(),
    taken: message.takenAt !== undefined,
    ...(message.takenAt === undefined ? {} : { takenAt: new Date(message.takenAt).toISOString() }),
  }
}

/** A subscriber "replies": the SMS waits for the account until an API pulls it. */
export async function receiveIncoming(c: Context, state: EmulatorState): Promise<Response> {
  const body = await parseBody(c, incomingBody)
  const provider = providerFor(state, body.provider)
  const account = accountFor(state, provider, body.account)
  const from = normaliseMsisdn(body.from)
  if (!from) throw badField('from', `"${body.from}" is not a Bangladeshi mobile number (8801XXXXXXXXX, +8801XXXXXXXXX or 01XXXXXXXXX)`)
  const to = body.to ?? account.senders?.find((sender) => DIGITS.test(sender)) ?? ''
  const message = state.inbound.add({ provider, account: account.key, from, to, text: body.text })
  return c.json(inboundJson(message), 201)
}

/** Inbound SMS, oldest first, with whether an API handed them out yet. */
export function listIncoming(c: Context, state: EmulatorState): Response {
  const query = parseQuery(c, z.object({ provider: z.string().optional(), account: z.string().optional() }).strict())
  const account = query.account !== undefined && query.provider !== undefined ? accountFor(state, query.provider, query.account).key : query.account
  const messages = state.inbound.list({ ...(query.provider === undefined ? {} : { provider: query.provider }), ...(account === undefined ? {} : { account }) })
  return c.json({ total: messages.length, messages: messages.map(inboundJson) })
}
