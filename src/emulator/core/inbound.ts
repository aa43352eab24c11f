// SMS sent by subscribers to an account (two-way SMS): queued per account, handed out oldest first, once each.

export interface InboundMessage {
  /** Counts from 1 per emulator (MiM's `messageId`). */
  readonly id: number
  /** The provider (realm) of the account. */
  readonly provider: string
  /** The account's API key. */
  readonly account: string
  /** The subscriber, normalised `8801XXXXXXXXX` where it could be. */
  readonly from: string
  /** The number or sender ID the subscriber wrote to. */
  readonly to: string
  readonly text: string
  readonly receivedAt: number
  /** When an API handed it out; absent while it waits. */
  takenAt?: number
}

export type NewInboundMessage = Omit<InboundMessage, 'id' | 'receivedAt' | 'takenAt'>

export interface InboundStore {
  add(message: NewInboundMessage): InboundMessage
  /** The oldest message of the account not handed out yet, marked handed out; `undefined` when none waits. */
  take(provider: string, account: string): InboundMessage | undefined
  /** Every message, oldest first, optionally of one provider and account. */
  list(filter?: { provider?: string; account?: string }): InboundMessage[]
  readonly size: number
  clear(): void
}

/** Most messages kept; the oldest go first (a subscriber flood must not grow memory without bound). */
export const INBOUND_CAPACITY = 10_000

export function createInboundStore(now: () => number, capacity = INBOUND_CAPACITY): InboundStore {
  let all: InboundMessage[] = []
  // Per account: the messages not handed out yet, oldest first, read from `head`.
  const waiting = new Map<string, { queue: InboundMessage[]; head: number }>()
  let nextId = 1
  const scoped = (provider: string, account: string) => `${provider}\u0000${account}`

  return {
    add(input) {
      const message: InboundMessage = { ...input, id: nextId++, receivedAt: now() }
      all.push(message)
      if (all.length > capacity) all = all.slice(all.length - capacity)
      const key = scoped(message.provider, message.account)
      const entry = waiting.get(key) ?? { queue: [], head: 0 }
      entry.queue.push(message)
      if (entry.queue.length - entry.head > capacity) entry.head++
      waiting.set(key, entry)
      return message
    },
    take(provider, account) {
      const entry = waiting.get(scoped(provider, account))
      if (!entry) return undefined
      const message = entry.queue[entry.head]
      if (!message) return undefined
      entry.head++
      if (entry.head > 64 && entry.head * 2 > entry.queue.length) {
        entry.queue = entry.queue.slice(entry.head)
        entry.head = 0
      }
      message.takenAt = now()
      return message
    },
    list(filter = {}) {
      return all.filter((message) => (filter.provider === undefined || message.provider === filter.provider) && (filter.account === undefined || message.account === filter.account))
    },
    get size() {
      return all.length
    },
    clear() {
      all = []
      waiting.clear()
      nextId = 1
    },
  }
}
