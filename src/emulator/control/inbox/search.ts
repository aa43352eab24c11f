// The inbox's search: one box over recipient (any part of the number), sender, text, id and provider code.
import { normaliseMsisdn } from '../../../contracts/msisdn.js'
import type { MessageView } from '../../core/store.js'

export interface SearchTerm {
  readonly lower: string
  /** The digits to look for in a recipient (`01712` also finds `8801712...`). */
  readonly digits?: string
}

export function searchTerm(query: string): SearchTerm | undefined {
  const trimmed = query.trim()
  if (trimmed === '') return undefined
  const bare = trimmed.replace(/[\s-]/g, '').replace(/^\+/, '')
  const digits = /^\d{3,}$/.test(bare) ? (normaliseMsisdn(bare) ?? (bare.startsWith('0') ? `88${bare}` : bare)) : undefined
  return { lower: trimmed.toLowerCase(), ...(digits === undefined ? {} : { digits }) }
}

/** Whether a message matches: `code` is the provider code its status stands for (`1028`, `0 DELIVRD`). */
export function matchesSearch(term: SearchTerm, message: MessageView, code: string | undefined): boolean {
  const { lower, digits } = term
  if (digits !== undefined && message.to.includes(digits)) return true
  if (message.id.toLowerCase() === lower || message.submissionId.toLowerCase() === lower) return true
  if (message.from.toLowerCase().includes(lower)) return true
  if (message.text.toLowerCase().includes(lower) || message.shownText.toLowerCase().includes(lower)) return true
  if (code !== undefined && code.toLowerCase().split(' ').includes(lower)) return true
  return message.status.code?.toLowerCase() === lower
}
