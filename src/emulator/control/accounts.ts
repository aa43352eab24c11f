// Control API: the providers' accounts and balances: read, create, top up.
import type { Context } from 'hono'
import { z } from 'zod'
import { maskSecret } from '../../contracts/secrets.js'
import type { Account } from '../core/accounts.js'
import { accountSchema } from '../core/scenario-schema.js'
import type { EmulatorState } from '../core/state.js'
import { conflict, notFound, parseBody, parseQuery } from './problem.js'
import { accountJson } from './views.js'

function providerOf(c: Context, state: EmulatorState): string {
  const provider = c.req.param('provider') ?? ''
  if (!state.providers.has(provider)) throw notFound(`No provider "${provider}"; the providers are ${[...state.providers.keys()].join(', ')}.`)
  return provider
}

function accountOf(c: Context, state: EmulatorState): Account {
  const provider = providerOf(c, state)
  const key = c.req.param('key') ?? ''
  // Listings show keys masked, so an account can be named by its name as well.
  const account = state.accounts.byKey(provider, key) ?? state.accounts.byName(provider, key)
  if (!account) throw notFound(`${provider} has no account with the key or name "${maskSecret(key)}". List them with GET /api/accounts.`)
  return account
}

export function listAccounts(c: Context, state: EmulatorState): Response {
  const query = parseQuery(c, z.object({ provider: z.enum([...state.providers.keys()] as [string, ...string[]]).optional() }).strict())
  return c.json({ accounts: state.accounts.list(query.provider).map(accountJson) })
}

export function getAccount(c: Context, state: EmulatorState): Response {
  return c.json(accountJson(accountOf(c, state)))
}

/** Adds an account until the next reset (put it in the scenario to keep it). */
export async function createAccount(c: Context, state: EmulatorState): Promise<Response> {
  const provider = providerOf(c, state)
  const seed = await parseBody(c, accountSchema)
  if (state.accounts.byKey(provider, seed.key)) throw conflict(`${provider} already has an account with the key "${maskSecret(seed.key)}".`)
  const account = state.accounts.upsert(provider, seed)
  state.durability.accountSaved(account)
  return c.json(accountJson(account), 201)
}

const topUpBody = z.object({ credits: z.number().positive().max(1e12) }).strict()

export async function topUpAccount(c: Context, state: EmulatorState): Promise<Response> {
  const account = accountOf(c, state)
  const { credits } = await parseBody(c, topUpBody)
  state.accounts.topUp(account, credits)
  state.durability.accountSaved(account)
  return c.json(accountJson(account))
}
