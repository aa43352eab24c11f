// Every accepted message, indexed by the lookups the providers and the control API make.
import type { Operator } from '../../contracts/msisdn.js'
import type { Encoding } from '../../contracts/encoding.js'
import { type Deliverable, finalAt, historyAt, type StatusEvent, statusAt } from './lifecycle.js'
import { MinHeap } from './heap.js'

export interface Message extends Deliverable {
  /** Unique per recipient: the submission id, then `.1`, `.2` for each recipient in order. */
  readonly id: string
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
  readonly rule?: string
  /** Provider bookkeeping (e.g. "final status already read"); cleared with the store. */
  readonly marks: Set<string>
}

export type NewMessage = Omit<Message, 'marks'>

export interface MessageView extends Omit<Message, 'marks' | 'plan' | 'releaseAt'> {
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

export interface MessageStore {
  add(message: NewMessage): Message
  get(id: string): Message | undefined
  /** The message accepted last. */
  latest(): Message | undefined
  /** The recipients of one submission, in order. */
  submission(provider: string, submissionId: string): readonly Message[]
  /** Whether any provider already answered with this submission id (ids are unique across providers). */
  isSubmissionIdTaken(submissionId: string): boolean
  /** Messages matching a filter, oldest first (uses the recipient and submission indexes when it can). */
  find(filter?: MessageFilter): Message[]
  view(message: Message): MessageView
  /** Hands out, once, up to `limit` final reports of an account in the order they became final (`provider`: the API). */
  takeReports(provider: string, account: string, limit: number): Message[]
  /** Marks a report handed out (by a per-submission read), so it is not handed out again. */
  markReported(message: Message): void
  /** Adds a provider's bookkeeping mark (e.g. "final status read") to a message. */
  mark(message: Message, mark: string): void
  /** Whether the report was handed out (by `takeReports` or `markReported`). */
  isReported(message: Message): boolean
  /** To be called after a plan changes (forced outcome), so report queues see the new final time. */
  replanned(message: Message): void
  readonly size: number
  clear(): void
}

const REPORTED = 'core:reported'

/** The id of the `index`-th recipient (0-based) of a submission. */
export function messageId(submissionId: string, index: number): string {
  return `${submissionId}.${index + 1}`
}

interface QueuedReport {
  readonly at: number
  readonly seq: number
  readonly message: Message
}

/** `onMarked` hears of every mark added, so it can be saved. */
export function createMessageStore(now: () => number, onMarked: (message: Message) => void = () => {}): MessageStore {
  const byId = new Map<string, Message>()
  const bySubmission = new Map<string, Message[]>()
  const byTo = new Map<string, Message[]>()
  const reportQueues = new Map<string, MinHeap<QueuedReport>>()
  let seq = 0
  let newest: Message | undefined
  const scoped = (provider: string, value: string) => `${provider}\u0000${value}`

  function queueReport(message: Message): void {
    const at = finalAt(message)
    if (at === undefined || message.marks.has(REPORTED)) return
    const key = scoped(message.api ?? message.provider, message.account)
    let queue = reportQueues.get(key)
    if (!queue) {
      queue = new MinHeap<QueuedReport>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq))
      reportQueues.set(key, queue)
    }
    queue.push({ at, seq: seq++, message })
  }

  function push<K>(index: Map<K, Message[]>, key: K, message: Message): void {
    const list = index.get(key)
    if (list) list.push(message)
    else index.set(key, [message])
  }

  function matches(message: Message, filter: MessageFilter, t: number): boolean {
    if (filter.provider !== undefined && message.provider !== filter.provider) return false
    if (filter.account !== undefined && message.account !== filter.account) return false
    if (filter.to !== undefined && message.to !== filter.to) return false
    if (filter.from !== undefined && message.from !== filter.from) return false
    if (filter.since !== undefined && message.acceptedAt < filter.since) return false
    if (filter.submissionId !== undefined && message.submissionId !== filter.submissionId) return false
    if (filter.text !== undefined && !message.text.toLowerCase().includes(filter.text.toLowerCase())) return false
    if (filter.status !== undefined && statusAt(message, t).status !== filter.status) return false
    return true
  }

  return {
    add(input) {
      const message: Message = { ...input, marks: new Set() }
      byId.set(message.id, message)
      push(bySubmission, scoped(message.provider, message.submissionId), message)
      push(byTo, message.to, message)
      queueReport(message)
      newest = message
      return message
    },
    get: (id) => byId.get(id),
    latest: () => newest,
    submission: (provider, submissionId) => bySubmission.get(scoped(provider, submissionId)) ?? [],
    isSubmissionIdTaken: (submissionId) => byId.has(messageId(submissionId, 0)),
    find(filter = {}) {
      const t = now()
      const candidates =
        filter.to !== undefined
          ? (byTo.get(filter.to) ?? [])
          : filter.submissionId !== undefined && filter.provider !== undefined
            ? (bySubmission.get(scoped(filter.provider, filter.submissionId)) ?? [])
            : byId.values()
      const found: Message[] = []
      for (const message of candidates) if (matches(message, filter, t)) found.push(message)
      return found
    },
    view(message) {
      const t = now()
      const { marks: _marks, plan: _plan, releaseAt, ...rest } = message
      return {
        ...rest,
        status: statusAt(message, t),
        history: historyAt(message, t),
        ...(releaseAt > message.acceptedAt ? { scheduledFor: releaseAt } : {}),
      }
    },
    takeReports(provider, account, limit) {
      const queue = reportQueues.get(scoped(provider, account))
      const taken: Message[] = []
      const t = now()
      while (queue && taken.length < limit) {
        const head = queue.peek()
        if (!head || head.at > t) break
        queue.pop()
        // Entries go stale when a plan is forced or a report is read by id; skip those.
        if (head.message.marks.has(REPORTED) || finalAt(head.message) !== head.at) continue
        head.message.marks.add(REPORTED)
        onMarked(head.message)
        taken.push(head.message)
      }
      return taken
    },
    markReported(message) {
      message.marks.add(REPORTED)
      onMarked(message)
    },
    mark(message, mark) {
      if (message.marks.has(mark)) return
      message.marks.add(mark)
      onMarked(message)
    },
    isReported: (message) => message.marks.has(REPORTED),
    replanned: queueReport,
    get size() {
      return byId.size
    },
    clear() {
      newest = undefined
      byId.clear()
      bySubmission.clear()
      byTo.clear()
      reportQueues.clear()
    },
  }
}
