// Each account's final reports, in the order they became final, for the providers' report hand-out
// (MiM getAll). Entries that went stale (a forced outcome, a report read by id, an evicted message) are
// skipped when reached, and swept in bulk once half a queue is stale.
import { MinHeap } from './heap.js'
import { finalAt } from './lifecycle.js'
import { StoredMessage } from './message.js'
import { Queue } from './queue.js'

/** The mark of a report handed out. */
export const REPORTED = 'core:reported'

/** A report queued again after its plan changed (rare: a forced outcome). */
interface Requeued {
  readonly at: number
  readonly message: StoredMessage
}

type Queued = StoredMessage | Requeued

const queuedTime = (item: Queued): number => (item instanceof StoredMessage ? (item.queuedAt as number) : item.at)
const queuedMessage = (item: Queued): StoredMessage => (item instanceof StoredMessage ? item : item.message)

const before = (a: Queued, b: Queued): boolean => {
  const at = queuedTime(a)
  const bt = queuedTime(b)
  return at < bt || (at === bt && queuedMessage(a).seq < queuedMessage(b).seq)
}

/**
 * An account's final reports, earliest first. Most reports become final in the order their messages
 * were accepted (one timing for all): those go to a first-in first-out list in O(1), and only the ones
 * that would break its order (a rule's other timing, a forced outcome) to a heap.
 */
class ReportQueue {
  readonly #inOrder = new Queue<Queued>()
  readonly #heap = new MinHeap<Queued>(before)
  stale = 0

  get size(): number {
    return this.#inOrder.size + this.#heap.size
  }

  push(item: Queued): void {
    const last = this.#inOrder.at(this.#inOrder.size - 1)
    if (last === undefined || !before(item, last)) this.#inOrder.push(item)
    else this.#heap.push(item)
  }

  peek(): Queued | undefined {
    const first = this.#inOrder.at(0)
    const top = this.#heap.peek()
    if (first === undefined) return top
    return top !== undefined && before(top, first) ? top : first
  }

  pop(): Queued | undefined {
    const first = this.#inOrder.at(0)
    const top = this.#heap.peek()
    if (first === undefined) return this.#heap.pop()
    return top !== undefined && before(top, first) ? this.#heap.pop() : this.#inOrder.shift()
  }
}

export class ReportQueues {
  /** By API, then account: no key string built per message. */
  readonly #queues = new Map<string, Map<string, ReportQueue>>()
  // The queue used last: traffic is mostly one account's.
  #lastApi: string | undefined
  #lastAccount: string | undefined
  #last: ReportQueue | undefined

  /** `holds`: whether the store still keeps a message. */
  constructor(private readonly holds: (message: StoredMessage) => boolean) {}

  #queueOf(api: string, account: string, create: boolean): ReportQueue | undefined {
    if (api === this.#lastApi && account === this.#lastAccount) return this.#last
    let byAccount = this.#queues.get(api)
    let queue = byAccount?.get(account)
    if (!queue) {
      if (!create) return undefined
      if (!byAccount) this.#queues.set(api, (byAccount = new Map()))
      byAccount.set(account, (queue = new ReportQueue()))
    }
    this.#lastApi = api
    this.#lastAccount = account
    this.#last = queue
    return queue
  }

  #isLive(item: Queued): boolean {
    const message = queuedMessage(item)
    return this.holds(message) && !message.hasMark(REPORTED) && finalAt(message) === queuedTime(item)
  }

  /** Queues a message's report at its final time (if it has one and was not handed out). */
  queue(message: StoredMessage): void {
    const at = finalAt(message)
    if (at === undefined || message.hasMark(REPORTED)) return
    const queue = this.#queueOf(message.api ?? message.provider, message.account, true) as ReportQueue
    if (message.queuedAt === undefined) {
      message.queuedAt = at
      queue.push(message)
    } else {
      queue.push({ at, message })
    }
  }

  /** An entry of `message` in its report queue went stale: sweep the queue once half of it is stale. */
  staled(message: StoredMessage): void {
    if (message.queuedAt === undefined) return
    const queue = this.#queueOf(message.api ?? message.provider, message.account, false)
    if (!queue) return
    queue.stale++
    // Evicted messages are the oldest, so usually at the head: drop stale heads at once.
    for (let head = queue.peek(); head !== undefined && !this.#isLive(head); head = queue.peek()) {
      queue.pop()
      queue.stale = Math.max(0, queue.stale - 1)
    }
    if (queue.stale < 1024 || queue.stale * 2 < queue.size) return
    const live: Queued[] = []
    while (queue.size > 0) {
      const item = queue.pop() as Queued
      if (this.#isLive(item)) live.push(item)
    }
    // Popped in order: pushed back in order, they all go to the first-in first-out list.
    for (const item of live) queue.push(item)
    queue.stale = 0
  }

  /**
   * Takes up to `limit` reports of an API's account that are final at `t`, earliest first; `handOut`
   * marks each one reported as it is taken (so a second entry of the same message is stale).
   */
  take(api: string, account: string, limit: number, t: number, handOut: (message: StoredMessage) => void): StoredMessage[] {
    const queue = this.#queueOf(api, account, false)
    const taken: StoredMessage[] = []
    while (queue && taken.length < limit) {
      const head = queue.peek()
      if (!head || queuedTime(head) > t) break
      queue.pop()
      if (!this.#isLive(head)) {
        queue.stale = Math.max(0, queue.stale - 1)
        continue
      }
      const message = queuedMessage(head)
      handOut(message)
      taken.push(message)
    }
    return taken
  }

  clear(): void {
    this.#queues.clear()
    this.#lastApi = undefined
    this.#lastAccount = undefined
    this.#last = undefined
  }
}
