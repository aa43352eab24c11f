// Where a client keeps the final statuses it has read, for providers that tell a final status only once.
import type { MessageStatus } from './gateway.js'

/** Final statuses by message id. May be async, so several processes can share one (Redis, a table). */
export interface FinalStatusStore {
  get(messageId: string): MessageStatus | undefined | Promise<MessageStatus | undefined>
  set(messageId: string, status: MessageStatus): void | Promise<void>
}

/** An in-memory store keeping the `limit` most recently stored statuses. */
export function memoryStatusStore(limit = 10_000): FinalStatusStore {
  const statuses = new Map<string, MessageStatus>()
  return {
    get: (messageId) => statuses.get(messageId),
    set(messageId, status) {
      statuses.delete(messageId)
      statuses.set(messageId, status)
      // A Map iterates in insertion order: the first key is the oldest.
      if (statuses.size > limit) statuses.delete(statuses.keys().next().value as string)
    },
  }
}
