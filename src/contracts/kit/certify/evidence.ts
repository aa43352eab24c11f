// What a cell saw, and how its requests are shown as evidence: one line per exchange, credentials masked.
import type { RecordedRequest } from '../recorded.js'

/** One provider request of a cell, as the emulator's journal records it. */
export interface Exchange extends RecordedRequest {
  readonly seq: number
  /** Epoch milliseconds on the emulator's (real-time) clock. */
  readonly at: number
  readonly provider: string
  readonly endpoint?: string
  readonly status: number
  readonly response: string
  readonly fault?: string
}

/** What happened in one cell. */
export interface Observation {
  readonly exchanges: readonly Exchange[]
  /** Submissions the emulator accepted for the recipient (an SMS on its way to the phone). */
  readonly accepted: number
  /** The consumer's exit code; `null` when it was stopped. */
  readonly exitCode: number | null
  /** Whether the cell's time ran out and the consumer was stopped. */
  readonly timedOut: boolean
  /** The end of what the consumer printed, credentials masked. */
  readonly output: string
  /** Whether `--fail-pattern` matched the output. */
  readonly failMatched: boolean
  /** When the consumer started (epoch ms) and how long it ran. */
  readonly startedAt: number
  readonly durationMs: number
}

const MASK = '***'
const BODY_SHOWN = 120

/**
 * Replaces every credential of the cell wherever it appears: by value, so a key in a path, a body, a
 * log line or an error message is hidden as surely as one in a named parameter.
 */
export function masker(secrets: readonly string[]): (text: string) => string {
  const values = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length)
  const encoded = values.flatMap((value) => (encodeURIComponent(value) === value ? [] : [encodeURIComponent(value)]))
  const all = [...values, ...encoded]
  return (text) => all.reduce((masked, value) => masked.split(value).join(MASK), text)
}

function shorten(text: string, limit = BODY_SHOWN): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > limit ? `${flat.slice(0, limit)}...` : flat
}

/** `#3 +1204ms GET /sendtext?apikey=***&... -> 503 <html>...` (time from the cell's first request). */
export function describeExchange(exchange: Exchange, start: number, mask: (text: string) => string): string {
  const query = exchange.path.includes('?') || !exchange.query || Object.keys(exchange.query).length === 0 ? '' : `?${new URLSearchParams(exchange.query as Record<string, string>)}`
  const body = exchange.body ? ` body ${shorten(exchange.body)}` : ''
  const answer =
    exchange.fault === 'hang' || exchange.fault === 'drop'
      ? `no answer (${exchange.fault})`
      : `${exchange.status}${exchange.fault ? ` (${exchange.fault})` : ''} ${JSON.stringify(shorten(exchange.response))}`
  return mask(`#${exchange.seq} +${Math.max(0, exchange.at - start)}ms ${exchange.method} ${exchange.path}${query}${body} -> ${answer}`)
}
