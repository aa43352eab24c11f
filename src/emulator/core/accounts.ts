// Accounts of every provider, indexed by API key and by name; balances are charged here and only here.
import { Rejection } from './rejection.js'

/** A provider-neutral account. Each provider says which of its parameters carries `key`, `secret`, `name`. */
export interface AccountSeed {
  /** The API key (DiniSoft `apikey`, MiM `api_key`). */
  readonly key: string
  /** The second secret (DiniSoft `secretkey`, MiM login password). */
  readonly secret: string
  /** The account's name (DiniSoft balance `client`, MiM login username). */
  readonly name: string
  readonly balance: number
  /** Sender IDs the account may use; `undefined` lets any sender through. */
  readonly senders?: readonly string[]
  /** Source IPs the account may call from; `undefined` allows every IP. */
  readonly allowedIps?: readonly string[]
}

export interface Account extends AccountSeed {
  readonly provider: string
  balance: number
}

export interface AccountStore {
  byKey(provider: string, key: string): Account | undefined
  byName(provider: string, name: string): Account | undefined
  list(provider?: string): readonly Account[]
  /** Adds an account, or replaces the one with the same provider and key. */
  upsert(provider: string, seed: AccountSeed): Account
  /** Takes `credits` off the balance, or refuses with `insufficient-balance`; never goes below zero. */
  charge(account: Account, credits: number): void
  topUp(account: Account, credits: number): void
  clear(): void
}

export function createAccountStore(): AccountStore {
  const byKey = new Map<string, Account>()
  const byName = new Map<string, Account>()
  const scoped = (provider: string, value: string) => `${provider}\u0000${value}`

  return {
    byKey: (provider, key) => byKey.get(scoped(provider, key)),
    byName: (provider, name) => byName.get(scoped(provider, name)),
    list: (provider) => [...byKey.values()].filter((account) => provider === undefined || account.provider === provider),
    upsert(provider, seed) {
      const previous = byKey.get(scoped(provider, seed.key))
      if (previous) byName.delete(scoped(provider, previous.name))
      const account: Account = {
        provider,
        key: seed.key,
        secret: seed.secret,
        name: seed.name,
        balance: seed.balance,
        ...(seed.senders ? { senders: [...seed.senders] } : {}),
        ...(seed.allowedIps ? { allowedIps: [...seed.allowedIps] } : {}),
      }
      byKey.set(scoped(provider, account.key), account)
      byName.set(scoped(provider, account.name), account)
      return account
    },
    charge(account, credits) {
      if (credits > account.balance) {
        throw new Rejection('insufficient-balance', `needs ${credits} credits, has ${account.balance}`)
      }
      account.balance -= credits
    },
    topUp(account, credits) {
      account.balance += credits
    },
    clear() {
      byKey.clear()
      byName.clear()
    },
  }
}
