// The one interface over both providers: what a send, a status and a balance look like, and the errors.
import type { Reason } from '../contracts/reasons.js'
import type { CodeEntry, ProviderName } from '../contracts/types.js'

export type { ProviderName }

/** Where a message stands, in words both providers share. */
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'failed' | 'unknown'

export interface SendRequest {
  /** One number or several; `8801XXXXXXXXX`, `+8801XXXXXXXXX` or `01XXXXXXXXX`. */
  readonly to: string | readonly string[]
  readonly text: string
  /** Sender ID or masking name; defaults to the client's `sender`. */
  readonly sender?: string
  /** Send later (MiM only); DiniSoft BD has no scheduling and refuses it before any request. */
  readonly scheduleAt?: Date
}

export interface ManyItem {
  readonly to: string
  readonly text: string
}

export interface SendResult {
  readonly provider: ProviderName
  /** The provider's id for the submission: DiniSoft `Message_ID`, MiM SMS shoot id. */
  readonly messageId: string
  /** The recipients as sent, in normal form `8801XXXXXXXXX`. */
  readonly to: readonly string[]
}

/** One item of `sendMany`: sent with an id, or not, with the reason. */
export type SendOutcome =
  | { readonly ok: true; readonly to: string; readonly text: string; readonly messageId: string }
  | { readonly ok: false; readonly to: string; readonly text: string; readonly error: GatewayError }

/** The delivery state of one recipient, as a delivery report gives it. */
export interface RecipientStatus {
  readonly to: string
  readonly status: DeliveryStatus
  /** The provider's own code (MiM `DLRStatus`) and text (`DLRStatusDetails`). */
  readonly code: string
  readonly text: string
  readonly meaning?: string
  /** When the provider registered the final state, where it says. */
  readonly at?: Date
}

export interface MessageStatus {
  readonly provider: ProviderName
  readonly messageId: string
  /** One word for the whole submission: any recipient under way keeps it pending or sent; one failure fails it. */
  readonly status: DeliveryStatus
  /** Whether the status can no longer change. */
  readonly final: boolean
  /** The provider's own code and text (DiniSoft `Status`/`Text`; for MiM, of the deciding recipient). */
  readonly code: string
  readonly text: string
  /** What the provider's manual says the code means (from `src/contracts`). */
  readonly meaning?: string
  /** When the message was delivered or failed, where the provider says. */
  readonly at?: Date
  /** Per-recipient detail, where the provider reports it (MiM). */
  readonly recipients?: readonly RecipientStatus[]
}

export interface Balance {
  readonly provider: ProviderName
  readonly amount: number
  /** `BDT` where the provider names it (MiM). */
  readonly currency?: string
  /** The body as the provider sent it. */
  readonly raw: string
}

/** What both providers can do. `createGateway` gives one; each client implements it. */
export interface SmsGateway {
  readonly provider: ProviderName
  /** What this provider supports beyond the common ground. */
  readonly supports: { readonly scheduling: boolean; readonly recipientStatus: boolean }
  /** One text to one or more recipients. Throws a `GatewayError` when it was not accepted. */
  send(request: SendRequest): Promise<SendResult>
  /** A text of its own for each recipient. Never throws for a refusal: each item says how it went. */
  sendMany(items: readonly ManyItem[], options?: { readonly sender?: string }): Promise<SendOutcome[]>
  /** The delivery status of a submission. */
  status(messageId: string): Promise<MessageStatus>
  balance(): Promise<Balance>
}

// ---------------------------------------------------------------------------------------------------
// Errors

/** Anything that kept a request from getting a usable answer from the provider. */
export class GatewayError extends Error {
  override name = 'GatewayError'
  constructor(
    readonly provider: ProviderName,
    message: string,
    /** Whether sending the same request again can help (for reads; sends follow the retry policy). */
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** The provider answered with one of its codes for a refusal or failure. */
export class ProviderError extends GatewayError {
  override name = 'ProviderError'
  /** The provider's code, as on the wire (`108`, `1007`). */
  readonly code: string
  /** The provider's text for it, where its format carries one (DiniSoft `REJECTD`). */
  readonly text: string | undefined
  /** What the manual says the code means; for a code the manual lacks, says so. */
  readonly meaning: string
  /** Whether the code is in the provider's manual. */
  readonly documented: boolean
  /** The provider-neutral reasons the code stands for (`insufficient-balance`, ...), for handling both providers alike. */
  readonly reasons: readonly Reason[]
  /** The body as the provider sent it. */
  readonly body: string

  constructor(init: { provider: ProviderName; action: string; code: string; text?: string; entry: CodeEntry | undefined; body: string }) {
    const meaning = init.entry?.meaning ?? 'a code the provider\'s manual does not list'
    const label = init.text ? `${init.code} ${init.text}` : init.code
    super(init.provider, `Failed to ${init.action}: the provider answered ${label} (${meaning}).`, init.entry?.retryable ?? false)
    this.code = init.code
    this.text = init.text
    this.meaning = meaning
    this.documented = init.entry !== undefined
    this.reasons = init.entry?.reasons ?? []
    this.body = init.body
  }
}

export type TransportFailure =
  /** No answer in time. The request may have reached the provider. */
  | 'timeout'
  /** The connection could not be made (refused, name unknown): the request never left. */
  | 'not-sent'
  /** The connection broke after the request was written. The request may have reached the provider. */
  | 'network'
  /** An HTTP status other than 200 (a proxy's 503, a 404 for a wrong base URL). */
  | 'http-status'
  /** A 200 answer whose body is none of the provider's documented answers. */
  | 'unexpected-body'

export interface TransportDetails {
  /** The HTTP status, for `http-status` and `unexpected-body`. */
  readonly status?: number
  readonly body?: string
  /** How many attempts were made, when more than one. */
  readonly attempts?: number
  /** What a `Retry-After` header asked for. */
  readonly retryAfterMs?: number
}

/** The request did not get a documented answer: network trouble, an HTTP error page or an unknown body. */
export class TransportError extends GatewayError {
  override name = 'TransportError'
  constructor(
    provider: ProviderName,
    message: string,
    readonly failure: TransportFailure,
    retryable: boolean,
    readonly details: TransportDetails = {},
    options?: ErrorOptions,
  ) {
    super(provider, message, retryable, options)
  }

  get status(): number | undefined {
    return this.details.status
  }

  get body(): string | undefined {
    return this.details.body
  }
}

/** The call was refused by the client itself before any request: a bad number, no sender, an unsupported option. */
export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError'
}
