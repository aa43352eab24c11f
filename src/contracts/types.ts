// The shared vocabulary of the contracts: reasons, code tables, endpoint and parameter descriptions.
import type { DeliveryReason, Reason } from './reasons.js'

/** One row of a provider's code table, as the manual prints it. */
export interface CodeEntry {
  /** The code exactly as it travels on the wire (always a string). */
  readonly code: string
  /** The provider's text for the code, where the format carries one (DiniSoft `Text`). */
  readonly text?: string
  /** The provider-neutral reasons this code answers; the first entry naming a reason wins. */
  readonly reasons: readonly Reason[]
  /** For answers that are not refusals: the state of the request or message they report. */
  readonly status?: 'accepted' | 'pending' | 'sent' | 'delivered' | 'failed'
  /** What the manual says the code means. */
  readonly meaning: string
  /** Whether sending the same request again can succeed (a client's retry hint). */
  readonly retryable: boolean
  /** Where the emulator or real deployments differ from the manual, and why. */
  readonly note?: string
}

/** One row of a delivery-report code table. */
export interface DeliveryCodeEntry {
  readonly code: string
  readonly text: string
  /** The neutral outcome; `undefined` when the code is reachable only by naming it. */
  readonly reason?: DeliveryReason
  readonly meaning: string
  readonly final: boolean
}

export type HttpMethod = 'GET' | 'POST'

/** How a request's parameters may travel. */
export type BodyEncoding = 'query' | 'form' | 'multipart' | 'json'

/** The value formats the contract kit knows how to check. */
export type ParamFormat =
  | 'text'
  | 'msisdn'
  | 'msisdn-list'
  | 'message-id'
  | 'datetime'
  | 'enum'
  | 'json-messages'

export interface ParamSpec {
  readonly name: string
  readonly in: 'query' | 'path' | 'body'
  readonly required: boolean
  readonly format: ParamFormat
  readonly enum?: readonly string[]
  readonly description: string
  /** Parameters real clients send that the manual does not list. */
  readonly undocumented?: boolean
}

export type ResponseFormat = 'json' | 'text' | 'xml'

export interface ResponseSpec {
  readonly description: string
  readonly format: ResponseFormat
  /** For text answers: the whole body must match. */
  readonly pattern?: RegExp
  /** For JSON answers: field names in wire order, with whether each is always present. */
  readonly fields?: readonly { readonly name: string; readonly required: boolean; readonly pattern?: RegExp }[]
  /** The content type real deployments send; `undefined` means none at all. */
  readonly contentType?: string
  /** A sample body, verbatim from the manual where it has one. */
  readonly example: string
}

export interface EndpointSpec {
  /** A stable name used by the emulator, client and kit (`sendtext`, `getDLR`). */
  readonly id: string
  /** Hono-style path, `:name` for path parameters. */
  readonly path: string
  /** Other paths real deployments serve the same endpoint under. */
  readonly aliases?: readonly string[]
  readonly methods: readonly HttpMethod[]
  readonly encodings: readonly BodyEncoding[]
  readonly summary: string
  readonly params: readonly ParamSpec[]
  readonly responses: readonly ResponseSpec[]
  /** Whether calling it sends an SMS (verify-provider runs such checks only with --allow-send). */
  readonly sends: boolean
}

export interface ProviderContract {
  readonly provider: ProviderName
  readonly title: string
  readonly manual: string
  readonly endpoints: readonly EndpointSpec[]
}

export type ProviderName = 'dinisoft' | 'mimsms'
