// Every accepted message, oldest first, capped, and indexed by the lookups the providers and the control
// API make. A message is one compact object: its id, status and history are computed when read.
import { type Message, messageView, type MessageView, type NewMessage, StoredMessage } from './message.js'
import { apiOf, matches, type MessageFilter, type MessagePage } from './message-filter.js'
import { Queue } from './queue.js'
import { REPORTED, ReportQueues } from './report-queues.js'

export { type Message, messageId, messageRecord, type MessageView, type NewMessage, NO_META } from './message.js'
export type { MessageFilter, MessagePage } from './message-filter.js'

/**
 * What changes the store (PERSIST writes these through). Each is called after the change is made.
 */
export interface StoreObserver {
  added?(message: Message): void
  /** Let go of by the retention cap. */
  evicted?(message: Message): void
  /** Deleted on request (`remove`). */
  removed?(message: Message): void
  marked?(message: Message, mark: string): void
  replanned?(message: Message): void
  cleared?(): void
}

export interface MessageStore {
  /**
   * Stores a message; put back after a restart, with the marks it had and its order number `seq` (higher
   * than any given so far).
   */
  add(message: NewMessage, marks?: Iterable<string>, seq?: number): Message
  get(id: string): Message | undefined
  /** The message accepted last. */
  latest(): Message | undefined
  /** The recipients of one submission, in order. */
  submission(provider: string, submissionId: string): readonly Message[]
  /** Whether any provider already answered with this submission id (ids are unique across providers). */
  isSubmissionIdTaken(submissionId: string): boolean
  /** Messages matching a filter, oldest first (uses the recipient and submission indexes when it can). */
  find(filter?: MessageFilter): Message[]
  /** Matches newest first: `limit` of them after skipping `start`, and how many match in all. */
  page(filter: MessageFilter, start: number, limit: number): MessagePage
  /** How many messages match, without collecting them. */
  count(filter?: MessageFilter): number
  /** Every message, oldest first. */
  all(): IterableIterator<Message>
  view(message: Message): MessageView
  /** Hands out, once, up to `limit` final reports of an account in the order they became final (`provider`: the API). */
  takeReports(provider: string, account: string, limit: number): Message[]
  /** Marks a report handed out (by a per-submission read), so it is not handed out again. */
  markReported(message: Message): void
  /** Whether the report was handed out (by `takeReports` or `markReported`). */
  isReported(message: Message): boolean
  /** Provider bookkeeping on a message ("final status already read"); cleared with the store. */
  mark(message: Message, mark: string): void
  hasMark(message: Message, mark: string): boolean
  /** Every mark of a message (for saving it). */
  marksOf(message: Message): readonly string[]
  /** To be called after a plan changes (forced outcome), so report queues see the new final time. */
  replanned(message: Message): void
  /** Most messages kept (0: no limit); the oldest go first. */
  readonly maxMessages: number
  readonly size: number
  /** Deletes one message (from the control API); `false` when it was not kept. Observers hear `removed`. */
  remove(message: Message): boolean
  /** Whether a message is still kept (not evicted, removed or cleared). */
  holds(message: Message): boolean
  observe(observer: StoreObserver): void
  clear(): void
}

export const DEFAULT_MAX_MESSAGES = 100_000

export function createMessageStore(now: () => number, maxMessages = DEFAULT_MAX_MESSAGES): MessageStore {
  const messages = new Queue<StoredMessage>()
  // One message (most submissions and recipients) or several, oldest first.
  const bySubmission = new Map<string, StoredMessage | StoredMessage[]>()
  const byTo = new Map<string, StoredMessage | Queue<StoredMessage>>()
  // Messages whose id does not follow the `<submission>.<n>` form (stored by hand, in tests).
  const irregular = new Map<string, StoredMessage>()
  const observers: StoreObserver[] = []
  const perProvider = new Map<string, number>()
  const perApi = new Map<string, number>()
  const tally = (message: StoredMessage, by: 1 | -1) => {
    perProvider.set(message.provider, (perProvider.get(message.provider) ?? 0) + by)
    perApi.set(apiOf(message), (perApi.get(apiOf(message)) ?? 0) + by)
  }
  let seq = 0
  /** Messages with a lower seq were evicted. */
  let oldestSeq = 1
  /** Removed messages whose slots are still in `messages`. */
  let removedSlots = 0
  const liveCount = () => messages.size - removedSlots
  const holds = (message: StoredMessage) => message.seq >= oldestSeq && !message.removed
  const reports = new ReportQueues(holds)

  /** Drops a message from the indexes (eviction or removal). */
  function unindex(message: StoredMessage): void {
    const group = bySubmission.get(message.submissionId)
    if (group === message) bySubmission.delete(message.submissionId)
    else if (Array.isArray(group)) {
      const rest = group.filter((other) => other !== message && holds(other))
      if (rest.length === 0) bySubmission.delete(message.submissionId)
      else bySubmission.set(message.submissionId, rest.length === 1 ? (rest[0] as StoredMessage) : rest)
    }
    const recipient = byTo.get(message.to)
    if (recipient === message) byTo.delete(message.to)
    else if (recipient instanceof Queue) {
      const rest = new Queue<StoredMessage>()
      for (let i = 0; i < recipient.size; i++) {
        const other = recipient.at(i) as StoredMessage
        if (other !== message && holds(other)) rest.push(other)
      }
      if (rest.size === 0) byTo.delete(message.to)
      else byTo.set(message.to, rest)
    }
  }

  function evictOldest(): void {
    const message = messages.shift()
    if (!message) return
    oldestSeq = message.seq + 1
    if (message.removed) {
      removedSlots--
      return
    }
    tally(message, -1)
    const group = bySubmission.get(message.submissionId)
    if (group === message || (Array.isArray(group) && group[group.length - 1] === message)) bySubmission.delete(message.submissionId)
    const recipient = byTo.get(message.to)
    if (recipient === message) byTo.delete(message.to)
    else if (recipient instanceof Queue) {
      if (recipient.at(0) === message) recipient.shift()
      if (recipient.size === 0) byTo.delete(message.to)
    }
    if (message.ownId !== undefined) irregular.delete(message.ownId)
    if (!message.hasMark(REPORTED)) reports.staled(message)
    for (const observer of observers) observer.evicted?.(message)
  }

  /** The smallest set of messages a filter can match, oldest first, as an indexable list. */
  function candidates(filter: MessageFilter): { size: number; at(i: number): StoredMessage | undefined } {
    if (filter.to !== undefined) {
      const found = byTo.get(filter.to)
      if (!found) return { size: 0, at: () => undefined }
      return found instanceof Queue ? found : { size: 1, at: (i) => (i === 0 ? found : undefined) }
    }
    if (filter.submissionId !== undefined) {
      const found = bySubmission.get(filter.submissionId)
      const list = found === undefined ? [] : Array.isArray(found) ? found.filter(holds) : [found]
      return { size: list.length, at: (i) => list[i] }
    }
    return messages
  }

  /** How many match a filter that the running counts answer (none, a provider or an API), else undefined. */
  function countedAtOnce(filter: MessageFilter): number | undefined {
    let only: 'provider' | 'api' | undefined
    for (const key in filter) {
      if (filter[key as keyof MessageFilter] === undefined) continue
      if ((key !== 'provider' && key !== 'api') || only !== undefined) return undefined
      only = key
    }
    if (only === undefined) return liveCount()
    return (only === 'provider' ? perProvider.get(filter.provider as string) : perApi.get(filter.api as string)) ?? 0
  }

  function submissionOf(submissionId: string): readonly StoredMessage[] {
    const found = bySubmission.get(submissionId)
    if (found === undefined) return []
    if (!Array.isArray(found)) return [found]
    // The oldest recipients of a submission may already be gone.
    return found[0] && holds(found[0]) ? found : found.filter(holds)
  }

  const store: MessageStore = {
    maxMessages,
    add(input, marks, restoredSeq) {
      seq = restoredSeq !== undefined && restoredSeq > seq ? restoredSeq : seq + 1
      const message = new StoredMessage(seq, input, marks)
      messages.push(message)
      const group = bySubmission.get(message.submissionId)
      if (group === undefined) bySubmission.set(message.submissionId, message)
      else if (Array.isArray(group)) group.push(message)
      else bySubmission.set(message.submissionId, [group, message])
      const recipient = byTo.get(message.to)
      if (recipient === undefined) byTo.set(message.to, message)
      else if (recipient instanceof Queue) recipient.push(message)
      else {
        const queue = new Queue<StoredMessage>()
        queue.push(recipient)
        queue.push(message)
        byTo.set(message.to, queue)
      }
      if (message.ownId !== undefined) irregular.set(message.ownId, message)
      tally(message, 1)
      reports.queue(message)
      for (const observer of observers) observer.added?.(message)
      if (maxMessages > 0) while (liveCount() > maxMessages) evictOldest()
      return message
    },
    get(id) {
      const dot = id.lastIndexOf('.')
      if (dot > 0) {
        const n = Number(id.slice(dot + 1))
        if (Number.isInteger(n) && n >= 1) {
          const found = submissionOf(id.slice(0, dot)).find((message) => message.index === n - 1)
          if (found) return found
        }
      }
      return irregular.get(id)
    },
    latest() {
      for (let i = messages.size - 1; i >= 0; i--) {
        const message = messages.at(i) as StoredMessage
        if (!message.removed) return message
      }
      return undefined
    },
    submission(provider, submissionId) {
      const found = submissionOf(submissionId)
      return found[0]?.provider === provider ? found : []
    },
    isSubmissionIdTaken: (submissionId) => bySubmission.has(submissionId),
    find(filter = {}) {
      const t = now()
      const list = candidates(filter)
      const found: Message[] = []
      for (let i = 0; i < list.size; i++) {
        const message = list.at(i) as StoredMessage
        if (matches(message, filter, t)) found.push(message)
      }
      return found
    },
    page(filter, start, limit) {
      const t = now()
      const list = candidates(filter)
      const page: Message[] = []
      const needle = filter.text?.toLowerCase()
      // When the total is known without looking, only the newest matches up to the page are looked at.
      const known = countedAtOnce(filter)
      let total = 0
      for (let i = list.size - 1; i >= 0; i--) {
        const message = list.at(i) as StoredMessage
        if (!matches(message, filter, t, needle)) continue
        if (total >= start && page.length < limit) page.push(message)
        total++
        if (known !== undefined && page.length === limit) break
      }
      return { total: known ?? total, messages: page }
    },
    count(filter = {}) {
      const known = countedAtOnce(filter)
      if (known !== undefined) return known
      const t = now()
      const list = candidates(filter)
      let total = 0
      for (let i = 0; i < list.size; i++) if (matches(list.at(i) as StoredMessage, filter, t)) total++
      return total
    },
    *all() {
      for (let i = 0; i < messages.size; i++) {
        const message = messages.at(i) as StoredMessage
        if (!message.removed) yield message
      }
    },
    view: (message) => messageView(message, now()),
    takeReports(provider, account, limit) {
      return reports.take(provider, account, limit, now(), store.markReported)
    },
    markReported(message) {
      store.mark(message, REPORTED)
    },
    isReported: (message) => store.hasMark(message, REPORTED),
    mark(message, mark) {
      if (!(message as StoredMessage).addMark(mark)) return
      for (const observer of observers) observer.marked?.(message, mark)
    },
    hasMark: (message, mark) => (message as StoredMessage).hasMark(mark),
    marksOf: (message) => (message as StoredMessage).marks,
    replanned(message) {
      const stored = message as StoredMessage
      reports.staled(stored)
      reports.queue(stored)
      for (const observer of observers) observer.replanned?.(message)
    },
    get size() {
      return liveCount()
    },
    holds: (message) => holds(message as StoredMessage),
    remove(message) {
      const stored = message as StoredMessage
      if (!holds(stored)) return false
      unindex(stored)
      stored.removed = true
      removedSlots++
      tally(stored, -1)
      if (stored.ownId !== undefined) irregular.delete(stored.ownId)
      if (!stored.hasMark(REPORTED)) reports.staled(stored)
      for (const observer of observers) observer.removed?.(message)
      return true
    },
    observe(observer) {
      observers.push(observer)
    },
    clear() {
      oldestSeq = seq + 1
      messages.clear()
      removedSlots = 0
      bySubmission.clear()
      byTo.clear()
      reports.clear()
      irregular.clear()
      perProvider.clear()
      perApi.clear()
      for (const observer of observers) observer.cleared?.()
    },
  }
  return store
}
