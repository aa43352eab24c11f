// In-process notifications (accepted messages, status changes, journal entries) for streams and hooks.
import type { StatusEvent } from './lifecycle.js'
import type { Message } from './store.js'

export interface EmulatorEvents {
  'message.accepted': { readonly message: Message }
  'message.status': { readonly message: Message; readonly event: StatusEvent }
  reset: Record<string, never>
}

export type EventName = keyof EmulatorEvents
type Listener<K extends EventName> = (payload: EmulatorEvents[K]) => void

export interface EventBus {
  on<K extends EventName>(name: K, listener: Listener<K>): () => void
  emit<K extends EventName>(name: K, payload: EmulatorEvents[K]): void
  /** Calls `first` when `name` gets its first listener and `last` when its last one leaves. */
  watch(name: EventName, first: () => void, last: () => void): void
}

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const watchers = new Map<EventName, { first: () => void; last: () => void }[]>()
  return {
    on(name, listener) {
      let set = listeners.get(name)
      if (!set) {
        set = new Set()
        listeners.set(name, set)
      }
      const entry = listener as (payload: never) => void
      set.add(entry)
      if (set.size === 1) for (const watcher of watchers.get(name) ?? []) watcher.first()
      return () => {
        if (set.delete(entry) && set.size === 0) for (const watcher of watchers.get(name) ?? []) watcher.last()
      }
    },
    watch(name, first, last) {
      watchers.set(name, [...(watchers.get(name) ?? []), { first, last }])
      if ((listeners.get(name)?.size ?? 0) > 0) first()
    },
    emit(name, payload) {
      const set = listeners.get(name)
      if (!set) return
      for (const listener of set) {
        // A broken listener (a closed stream) must not fail the request that caused the event.
        try {
          ;(listener as Listener<typeof name>)(payload)
        } catch (error) {
          onListenerError(error)
        }
      }
    },
  }
}
