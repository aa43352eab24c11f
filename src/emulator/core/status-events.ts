// Status-change events ('message.status'), announced only while someone listens: one clock timer for the
// next due change of all messages, none per message. Status itself needs no timer: it is computed from
// the plan and the clock whenever it is read.
import type { Clock } from './clock.js'
import type { EventBus } from './events.js'
import { MinHeap } from './heap.js'
import { historyAt } from './lifecycle.js'
import type { Message, MessageStore } from './store.js'

interface Progress {
  /** How many events of the message's history were announced. */
  emitted: number
  /** Bumped when the plan changes: queued wake-ups of the earlier plan go stale. */
  version: number
}

interface Due {
  readonly at: number
  readonly message: Message
  readonly version: number
}

export interface StatusEvents {
  /** A new message: its first event was announced as 'message.accepted'. */
  accepted(message: Message): void
  /** A message put back after a restart: only the changes still to come are announced. */
  restored(message: Message): void
  /** A message's plan changed (forced outcome). */
  replanned(message: Message): void
  clear(): void
  close(): void
}

const END_OF_TIME = Number.MAX_SAFE_INTEGER

export function createStatusEvents(store: MessageStore, clock: Clock, events: EventBus): StatusEvents {
  let progress = new Map<Message, Progress>()
  let due = new MinHeap<Due>((a, b) => a.at < b.at)
  let cancel: (() => void) | undefined
  let armedAt = Number.POSITIVE_INFINITY
  let listening = false

  /** Announces what is due for one message, and queues its next change. */
  function advance(message: Message, state: Progress): void {
    const now = clock.now()
    const history = historyAt(message, now)
    for (let i = state.emitted; i < history.length; i++) events.emit('message.status', { message, event: history[i] as NonNullable<(typeof history)[number]> })
    state.emitted = Math.max(state.emitted, history.length)
    const next = historyAt(message, END_OF_TIME)[state.emitted]
    if (next) due.push({ at: next.at, message, version: state.version })
    else progress.delete(message)
  }

  function wake(): void {
    cancel = undefined
    armedAt = Number.POSITIVE_INFINITY
    const now = clock.now()
    for (let head = due.peek(); head && head.at <= now; head = due.peek()) {
      due.pop()
      const state = progress.get(head.message)
      if (!state || state.version !== head.version || !store.holds(head.message)) continue
      advance(head.message, state)
    }
    arm()
  }

  function arm(): void {
    const next = due.peek()?.at
    if (next === undefined || next >= armedAt) return
    cancel?.()
    armedAt = next
    cancel = clock.at(next, wake)
  }

  function track(message: Message, emitted: number): void {
    const state = { emitted, version: 0 }
    progress.set(message, state)
    advance(message, state)
  }

  function start(): void {
    listening = true
    // Changes before the first listener came are history; from now on each is announced.
    const now = clock.now()
    for (const message of store.all()) {
      const past = historyAt(message, now).length
      if (historyAt(message, END_OF_TIME).length > past) track(message, past)
    }
    arm()
  }

  function stop(): void {
    listening = false
    cancel?.()
    cancel = undefined
    armedAt = Number.POSITIVE_INFINITY
    progress = new Map()
    due = new MinHeap<Due>((a, b) => a.at < b.at)
  }

  events.watch('message.status', start, stop)

  return {
    accepted(message) {
      if (!listening) return
      track(message, 1)
      arm()
    },
    restored(message) {
      if (!listening) return
      track(message, historyAt(message, clock.now()).length)
      arm()
    },
    replanned(message) {
      if (!listening) return
      const state = progress.get(message)
      if (state) {
        state.version++
        advance(message, state)
      } else track(message, historyAt(message, clock.now() - 1).length)
      arm()
    },
    clear() {
      if (!listening) return
      stop()
      listening = true
    },
    close: stop,
  }
}
