// What both MiM clients keep of their own submissions, and how a submission's recipients add up to one status.
import type { DeliveryStatus, RecipientStatus } from './gateway.js'

/** How many sends' recipients a client remembers for `status`. */
const REMEMBERED_SENDS = 10_000

/** One word for a submission: a recipient under way keeps it pending or sent; once all are final, one failure fails it. */
export function summarise(reports: readonly RecipientStatus[]): DeliveryStatus {
  const statuses = new Set(reports.map((report) => report.status))
  for (const status of ['pending', 'sent', 'unknown', 'failed'] as const) if (statuses.has(status)) return status
  return reports.length === 0 ? 'unknown' : 'delivered'
}

/** The recipients of the latest sends, by message id: MiM's reports may leave out those still under way. */
export class SentRecipients {
  readonly #recipients = new Map<string, readonly string[]>()

  get(messageId: string): readonly string[] | undefined {
    return this.#recipients.get(messageId)
  }

  remember(messageId: string, to: readonly string[]): void {
    this.#recipients.set(messageId, to)
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.#recipients.size > REMEMBERED_SENDS) this.#recipients.delete(this.#recipients.keys().next().value as string)
  }
}
