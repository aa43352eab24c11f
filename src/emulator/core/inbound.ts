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

/** Told of each reply added or handed out (to write it through to a database). */
export interface InboundObserver {
  added(message: InboundMessage): void
  taken(message: InboundMessage): void
}

export interface InboundStore {
  add(message: NewInboundMessage): InboundMessage
  /** Puts back a reply saved before a restart (oldest first), with its id and whether it was handed out. */
  restore(message: InboundMessage): void
  observe(observer: InboundObserver): void
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
  // Kept oldest first from `first`; the evicted prefix is dropped in one slice once it is as long as
  // the capacity, so a full store does not copy itself on every reply.
  let all: InboundMessage[] = []
  let first = 0
  // Per account: the messages not handed out yet, oldest first, read from `head`.
  const waiting = new Map<string, { queue: InboundMessage[]; head: number }>()
  let nextId = 1
  const observers: InboundObserver[] = []
  const scoped = (provider: string, account: string) => `${provider}\u0000${account}`

  function keep(message: InboundMessage): void {
    all.push(message)
    if (all.length - first > capacity) first++
    if (first >= capacity) {
      all = all.slice(first)
      first = 0
    }
    if (message.takenAt !== undefined) return
    const key = scoped(message.provider, message.account)
    const entry = waiting.get(key) ?? { queue: [], head: 0 }
    entry.queue.push(message)
    if (entry.queue.length - entry.head > capacity) entry.head++
    waiting.set(key, entry)
  }

  return {
    add(input) {
      const message: InboundMessage = { ...input, id: nextId++, receivedAt: now() }
      keep(message)
      for (const observer of observers) observer.added(message)
      return message
    },
    restore(message) {
      keep({ ...message })
      nextId = Math.max(nextId, message.id + 1)
    },
    observe(observer) {
      observers.push(observer)
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
      for (const observer of observers) observer.taken(message)
      return message
    },
    list(filter = {}) {
      const kept = first === 0 ? all : all.slice(first)
      return kept.filter((message) => (filter.provider === undefined || message.provider === filter.provider) && (filter.account === undefined || message.account === filter.account))
    },
    get size() {
      return all.length - first
    },
    clear() {
      all = []
      first = 0
      waiting.clear()
      nextId = 1
    },
  }
}
