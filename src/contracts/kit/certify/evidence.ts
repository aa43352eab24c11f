// What a cell saw, and how its requests are shown as evidence: one line per exchange, credentials masked.
import { maskRequest, maskText, maskValues } from '../../secrets.js'
import type { RecordedRequest } from '../recorded.js'
import { providerContracts } from '../registry.js'

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

const BODY_SHOWN = 120
const allContracts = Object.values(providerContracts)

/**
 * How a cell hides its own key and secret in text whose credentials are masked already (a request
 * shown through `maskRequest`, verify-consumer's findings): by value, wherever they still stand (an
 * answer that echoes them). Masking a masked key again would cut what it keeps to recognise it.
 */
export function valueMasker(secrets: readonly string[]): (text: string) => string {
  return (text) => maskValues(text, secrets)
}

/**
 * How a cell hides its credentials in free text (the consumer's output), with `secrets.ts` doing the
 * masking: credentials by name and in paths (maskText), then the cell's own key and secret by value.
 */
export function masker(secrets: readonly string[]): (text: string) => string {
  const values = valueMasker(secrets)
  return (text) => values(maskText(text, allContracts))
}

function shorten(text: string, limit = BODY_SHOWN): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > limit ? `${flat.slice(0, limit)}...` : flat
}

/** `#3 +1204ms GET /sendtext?apikey=cert****a1b&... -> 503 <html>...` (time from the cell's first request). */
export function describeExchange(exchange: Exchange, start: number, maskOwn: (text: string) => string): string {
  const shown = maskRequest(exchange, allContracts)
  const query = shown.path.includes('?') || !shown.query || Object.keys(shown.query).length === 0 ? '' : `?${new URLSearchParams(shown.query as Record<string, string>)}`
  const body = shown.body ? ` body ${shorten(shown.body)}` : ''
  const answer =
    shown.fault === 'hang' || shown.fault === 'drop'
      ? `no answer (${shown.fault})`
      : `${shown.status}${shown.fault ? ` (${shown.fault})` : ''} ${JSON.stringify(shorten(shown.response))}`
  // Masked by name and path here; `maskOwn` adds the cell's own credentials wherever they still stand.
  return maskOwn(`#${shown.seq} +${Math.max(0, shown.at - start)}ms ${shown.method} ${shown.path}${query}${body} -> ${answer}`)
}
