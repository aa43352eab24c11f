// Every accepted message, oldest first, capped, and indexed by the lookups the providers and the control
// API make. A message is one compact object: its id, status and history are computed when read.
import type { Operator } from '../../contracts/msisdn.js'
import type { Encoding } from '../../contracts/encoding.js'
import { type Deliverable, type DeliveryStep, finalAt, historyAt, type MessageStatus, type StatusEvent, statusAt, statusNameAt } from './lifecycle.js'
import { MinHeap } from './heap.js'

export interface Message extends Deliverable {
  /** Unique per recipient: the submission id, then `.1`, `.2` for each recipient in order. */
  readonly id: string
  /** The order of acceptance, from 1. */
  readonly seq: number
  /** The id the provider answered the submission with (one for all its recipients). */
  readonly submissionId: string
  readonly provider: string
  /** The API that accepted it, when its provider has several (`mimsms-json`); each API reports only its own. */
  readonly api?: string
  /** The account's API key. */
  readonly account: string
  readonly from: string
  /** Normalised `8801XXXXXXXXX`. */
  readonly to: string
  readonly operator: Operator
  /** The text as the client sent it. */
  readonly text: string
  /** The text as the handset shows it (differs when unsupported characters were replaced). */
  readonly shownText: string
  readonly encoding: Encoding
  readonly segments: number
  /** Credits charged for this recipient. */
  readonly credits: number
  /** Provider-specific facts worth showing (MiM `type`, `label`, skipped numbers, ...). */
  readonly meta: Readonly<Record<string, string>>
  /** The scenario rule that chose this message's delivery plan, if any. */
  readonly rule?: string | undefined
}

/** What `add` takes: a message's fields before the store numbers it. */
export interface NewMessage extends Omit<Message, 'seq' | 'rule'> {
  /** The recipient's place in its submission (0-based) when `id` is `messageId(submissionId, index)`. */
  readonly index?: number
  readonly rule?: string
}

export interface MessageView extends Omit<Message, 'plan' | 'releaseAt' | 'seq'> {
  readonly status: StatusEvent
  readonly history: readonly StatusEvent[]
  readonly scheduledFor?: number
}

export interface MessageFilter {
  provider?: string
  account?: string
  to?: string
  from?: string
  status?: string
  /** Case-insensitive substring of the text. */
  text?: string
  since?: number
  submissionId?: string
}

export interface MessagePage {
  /** Every match. */
  readonly total: number
  /** Newest first, after skipping `start`. */
  readonly messages: readonly Message[]
}

/**
 * What changes the store (PERSIST writes these through). Each is called after the change is made.
 */
export interface StoreObserver {
  added?(message: Message): void
  evicted?(message: Message): void
  marked?(message: Message, mark: string): void
  replanned?(message: Message): void
  cleared?(): void
}

export interface MessageStore {
  /** Stores a message (with the marks it had, when put back after a restart). */
  add(message: NewMessage, marks?: Iterable<string>): Message
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
  /** Deletes one message (from the control API); `false` when it was not kept. Observers hear `evicted`. */
  remove(message: Message): boolean
  /** Whether a message is still kept (not evicted, removed or cleared). */
  holds(message: Message): boolean
  observe(observer: StoreObserver): void
  clear(): void
}

export const DEFAULT_MAX_MESSAGES = 100_000
const REPORTED = 'core:reported'
/** Shared by every message without provider facts. */
export const NO_META: Readonly<Record<string, string>> = Object.freeze({})

function isEmpty(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return false
  return true
}

/** The id of the `index`-th recipient (0-based) of a submission. */
export function messageId(submissionId: string, index: number): string {
  return `${submissionId}.${index + 1}`
}

/** A message as plain data (what `add` takes), for saving it. */
export function messageRecord(message: Message): NewMessage {
  return {
    id: message.id,
    submissionId: message.submissionId,
    provider: message.provider,
    ...(message.api === undefined ? {} : { api: message.api }),
    account: message.account,
    from: message.from,
    to: message.to,
    operator: message.operator,
    text: message.text,
    shownText: message.shownText,
    encoding: message.encoding,
    segments: message.segments,
    credits: message.credits,
    acceptedAt: message.acceptedAt,
    releaseAt: message.releaseAt,
    plan: message.plan,
    meta: message.meta,
    ...(message.rule === undefined ? {} : { rule: message.rule }),
  }
}

/** One message: the fields a message needs and nothing more (its id and shown text are derived). */
class StoredMessage implements Message {
  readonly seq: number
  readonly submissionId: string
  /** Its place in the submission (0-based), or -1 when the id does not follow the `<submission>.<n>` form. */
  readonly index: number
  readonly ownId: string | undefined
  readonly provider: string
  readonly api: string | undefined
  readonly account: string
  readonly from: string
  readonly to: string
  readonly operator: Operator
  readonly text: string
  readonly shown: string | undefined
  readonly encoding: Encoding
  readonly segments: number
  readonly credits: number
  readonly acceptedAt: number
  releaseAt: number
  plan: readonly DeliveryStep[]
  readonly meta: Readonly<Record<string, string>>
  readonly rule: string | undefined
  /** Provider bookkeeping, created on first use. */
  marks: Set<string> | undefined
  /** The time the report queue orders the message by (its final time when queued). */
  queuedAt: number | undefined
  /** Deleted by hand: its slot in the acceptance order stays until eviction reaches it. */
  removed: boolean

  constructor(seq: number, input: NewMessage, marks: Set<string> | undefined) {
    this.seq = seq
    this.submissionId = input.submissionId
    let n = input.index === undefined ? Number.NaN : input.index + 1
    if (input.index === undefined) {
      const prefix = `${input.submissionId}.`
      if (input.id.startsWith(prefix)) n = Number(input.id.slice(prefix.length))
    }
    const regular = Number.isInteger(n) && n >= 1 && (input.index !== undefined || messageId(input.submissionId, n - 1) === input.id)
    this.index = regular ? n - 1 : -1
    this.ownId = regular ? undefined : input.id
    this.provider = input.provider
    this.api = input.api
    this.account = input.account
    this.from = input.from
    this.to = input.to
    this.operator = input.operator
    this.text = input.text
    this.shown = input.shownText === input.text ? undefined : input.shownText
    this.encoding = input.encoding
    this.segments = input.segments
    this.credits = input.credits
    this.acceptedAt = input.acceptedAt
    this.releaseAt = input.releaseAt
    this.plan = input.plan
    this.meta = input.meta === NO_META || isEmpty(input.meta) ? NO_META : input.meta
    this.rule = input.rule
    this.marks = marks
    this.queuedAt = undefined
    this.removed = false
  }

  get id(): string {
    return this.ownId ?? messageId(this.submissionId, this.index)
  }

  get shownText(): string {
    return this.shown ?? this.text
  }
}

/** A first-in first-out list with O(1) removal at the front (arrays shift in O(n)). */
class Queue<T> {
  items: (T | undefined)[] = []
  head = 0

  get size(): number {
    return this.items.length - this.head
  }

  push(item: T): void {
    this.items.push(item)
  }

  at(i: number): T | undefined {
    return this.items[this.head + i]
  }

  shift(): T | undefined {
    const item = this.items[this.head]
    this.items[this.head++] = undefined
    // Compact now and then: amortised O(1), and the array does not grow forever.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
}

/** A report queued again after its plan changed (rare: a forced outcome). */
interface Requeued {
  readonly at: number
  readonly message: StoredMessage
}

type Queued = StoredMessage | Requeued

const queuedTime = (item: Queued): number => (item instanceof StoredMessage ? (item.queuedAt as number) : item.at)
const queuedMessage = (item: Queued): StoredMessage => (item instanceof StoredMessage ? item : item.message)

/** An account's final reports, earliest first; entries that went stale are skipped, and swept in bulk. */
class ReportQueue {
  readonly heap = new MinHeap<Queued>((a, b) => {
    const at = queuedTime(a)
    const bt = queuedTime(b)
    return at < bt || (at === bt && queuedMessage(a).seq < queuedMessage(b).seq)
  })
  stale = 0
}

export function createMessageStore(now: () => number, maxMessages = DEFAULT_MAX_MESSAGES): MessageStore {
  const messages = new Queue<StoredMessage>()
  // One message (most submissions and recipients) or several, oldest first.
  const bySubmission = new Map<string, StoredMessage | StoredMessage[]>()
  const byTo = new Map<string, StoredMessage | Queue<StoredMessage>>()
  const reportQueues = new Map<string, ReportQueue>()
  // Messages whose id does not follow the `<submission>.<n>` form (stored by hand, in tests).
  const irregular = new Map<string, StoredMessage>()
  const observers: StoreObserver[] = []
  const perProvider = new Map<string, number>()
  let seq = 0
  /** Messages with a lower seq were evicted. */
  let oldestSeq = 1
  /** Removed messages whose slots are still in `messages`. */
  let removedSlots = 0
  const liveCount = () => messages.size - removedSlots
  const scoped = (provider: string, value: string) => `${provider}\u0000${value}`
  const holds = (message: StoredMessage) => message.seq >= oldestSeq && !message.removed

  function isLive(item: Queued): boolean {
    const message = queuedMessage(item)
    return holds(message) && !message.marks?.has(REPORTED) && finalAt(message) === queuedTime(item)
  }

  function queueReport(message: StoredMessage): void {
    const at = finalAt(message)
    if (at === undefined || message.marks?.has(REPORTED)) return
    const key = scoped(message.api ?? message.provider, message.account)
    let queue = reportQueues.get(key)
    if (!queue) {
      queue = new ReportQueue()
      reportQueues.set(key, queue)
    }
    if (message.queuedAt === undefined) {
      message.queuedAt = at
      queue.heap.push(message)
    } else {
      queue.heap.push({ at, message })
    }
  }

  /** An entry of `message` in its report queue went stale: sweep the queue once half of it is stale. */
  function staled(message: StoredMessage): void {
    if (message.queuedAt === undefined) return
    const queue = reportQueues.get(scoped(message.api ?? message.provider, message.account))
    if (!queue) return
    queue.stale++
    if (queue.stale < 1024 || queue.stale * 2 < queue.heap.size) return
    const live: Queued[] = []
    while (queue.heap.size > 0) {
      const item = queue.heap.pop() as Queued
      if (isLive(item)) live.push(item)
    }
    // Popped in order: pushing back in order keeps the heap valid at no extra cost.
    for (const item of live) queue.heap.push(item)
    queue.stale = 0
  }

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
    perProvider.set(message.provider, (perProvider.get(message.provider) ?? 1) - 1)
    const group = bySubmission.get(message.submissionId)
    if (group === message || (Array.isArray(group) && group[group.length - 1] === message)) bySubmission.delete(message.submissionId)
    const recipient = byTo.get(message.to)
    if (recipient === message) byTo.delete(message.to)
    else if (recipient instanceof Queue) {
      if (recipient.at(0) === message) recipient.shift()
      if (recipient.size === 0) byTo.delete(message.to)
    }
    if (message.ownId !== undefined) irregular.delete(message.ownId)
    if (!message.marks?.has(REPORTED)) staled(message)
    for (const observer of observers) observer.evicted?.(message)
  }

  function statusFilter(filter: MessageFilter): MessageStatus | undefined {
    return filter.status as MessageStatus | undefined
  }

  /** `text` is compared lower-cased: `needle` is the filter's text, lower-cased once per query. */
  function matches(message: StoredMessage, filter: MessageFilter, t: number, needle = filter.text?.toLowerCase()): boolean {
    if (message.removed) return false
    if (filter.provider !== undefined && message.provider !== filter.provider) return false
    if (filter.account !== undefined && message.account !== filter.account) return false
    if (filter.to !== undefined && message.to !== filter.to) return false
    if (filter.from !== undefined && message.from !== filter.from) return false
    if (filter.since !== undefined && message.acceptedAt < filter.since) return false
    if (filter.submissionId !== undefined && message.submissionId !== filter.submissionId) return false
    if (needle !== undefined && !message.text.toLowerCase().includes(needle)) return false
    const status = statusFilter(filter)
    if (status !== undefined && statusNameAt(message, t) !== status) return false
    return true
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

  function submissionOf(submissionId: string): readonly StoredMessage[] {
    const found = bySubmission.get(submissionId)
    if (found === undefined) return []
    if (!Array.isArray(found)) return [found]
    // The oldest recipients of a submission may already be gone.
    return found[0] && holds(found[0]) ? found : found.filter(holds)
  }

  const store: MessageStore = {
    maxMessages,
    add(input, marks) {
      const initial = marks === undefined ? undefined : new Set(marks)
      const message = new StoredMessage(++seq, input, initial !== undefined && initial.size > 0 ? initial : undefined)
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
      perProvider.set(message.provider, (perProvider.get(message.provider) ?? 0) + 1)
      queueReport(message)
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
      let total = 0
      for (let i = list.size - 1; i >= 0; i--) {
        const message = list.at(i) as StoredMessage
        if (!matches(message, filter, t, needle)) continue
        if (total >= start && page.length < limit) page.push(message)
        total++
      }
      return { total, messages: page }
    },
    count(filter = {}) {
      const keys = Object.keys(filter)
      if (keys.length === 0) return liveCount()
      if (keys.length === 1 && filter.provider !== undefined) return perProvider.get(filter.provider) ?? 0
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
    view(message) {
      const t = now()
      const { plan: _plan, releaseAt: _releaseAt, ...record } = messageRecord(message)
      return {
        ...record,
        status: statusAt(message, t),
        history: historyAt(message, t),
        ...(message.releaseAt > message.acceptedAt ? { scheduledFor: message.releaseAt } : {}),
      }
    },
    takeReports(provider, account, limit) {
      const queue = reportQueues.get(scoped(provider, account))
      const taken: Message[] = []
      const t = now()
      while (queue && taken.length < limit) {
        const head = queue.heap.peek()
        if (!head || queuedTime(head) > t) break
        queue.heap.pop()
        // Entries go stale when a plan is forced, a report is read by id, or the message was evicted.
        if (!isLive(head)) {
          queue.stale = Math.max(0, queue.stale - 1)
          continue
        }
        const message = queuedMessage(head)
        store.markReported(message)
        taken.push(message)
      }
      return taken
    },
    markReported(message) {
      store.mark(message, REPORTED)
    },
    isReported: (message) => store.hasMark(message, REPORTED),
    mark(message, mark) {
      const stored = message as StoredMessage
      if (stored.marks?.has(mark)) return
      ;(stored.marks ??= new Set()).add(mark)
      for (const observer of observers) observer.marked?.(message, mark)
    },
    hasMark: (message, mark) => (message as StoredMessage).marks?.has(mark) ?? false,
    marksOf: (message) => [...((message as StoredMessage).marks ?? [])],
    replanned(message) {
      const stored = message as StoredMessage
      staled(stored)
      queueReport(stored)
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
      perProvider.set(stored.provider, (perProvider.get(stored.provider) ?? 1) - 1)
      if (stored.ownId !== undefined) irregular.delete(stored.ownId)
      if (!stored.marks?.has(REPORTED)) staled(stored)
      for (const observer of observers) observer.evicted?.(message)
      return true
    },
    observe(observer) {
      observers.push(observer)
    },
    clear() {
      oldestSeq = seq + 1
      messages.items = []
      messages.head = 0
      removedSlots = 0
      bySubmission.clear()
      byTo.clear()
      reportQueues.clear()
      irregular.clear()
      perProvider.clear()
      for (const observer of observers) observer.cleared?.()
    },
  }
  return store
}
