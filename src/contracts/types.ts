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

/** What a parameter stands for, so the contract kit can build and judge requests of any provider. */
export type ParamRole =
  | 'key'
  | 'secret'
  | 'account'
  | 'sender'
  | 'recipients'
  | 'content'
  | 'message-type'
  | 'message-id'
  | 'schedule'
  | 'messages'

export interface ParamSpec {
  readonly name: string
  readonly in: 'query' | 'path' | 'body'
  readonly required: boolean
  readonly format: ParamFormat
  readonly enum?: readonly string[]
  readonly description: string
  /** Parameters real clients send that the manual does not list. */
  readonly undocumented?: boolean
  readonly role?: ParamRole
  /** A value shown in documentation (OpenAPI examples) and sent by verify-provider where it needs one. */
  readonly example?: string
  /** The reason the provider answers when the parameter is missing or empty; the endpoint's `codes` give the code. */
  readonly whenMissing?: Reason
  /** A value the provider refuses, and the reason it answers (verify-provider sends it). */
  readonly invalid?: { readonly example: string; readonly reason: Reason }
  /** The whole value must match (beyond what `format` says). */
  readonly pattern?: RegExp
  /** For `msisdn-list`: every character that separates two numbers. */
  readonly separators?: string
  /** For `json-messages`: the names of each item's recipient and text fields (default `to`, `message`). */
  readonly items?: { readonly to: string; readonly text: string }
  /** For a message-type parameter: the alphabet each value sends the text in. */
  readonly alphabets?: Readonly<Record<string, 'GSM-7' | 'UCS-2'>>
}

export type ResponseFormat = 'json' | 'text' | 'xml'

/** What a field of an answer carries, for readers that need more than its pattern. */
export type FieldRole = 'code' | 'text' | 'id' | 'msisdn' | 'dlr-code' | 'dlr-text'

export interface FieldSpec {
  readonly name: string
  readonly required: boolean
  readonly pattern?: RegExp
  readonly role?: FieldRole
}

/** An XML answer: a root element holding repeated items, each with these child elements. */
export interface XmlShape {
  readonly root: string
  readonly item: string
  readonly fields: readonly FieldSpec[]
}

export interface ResponseSpec {
  readonly description: string
  readonly format: ResponseFormat
  /** For text answers: the whole body must match. */
  readonly pattern?: RegExp
  /** For text answers whose `pattern` captures the message or submission id: the capture group. */
  readonly idGroup?: number
  /** For JSON answers: field names in wire order, with whether each is always present. */
  readonly fields?: readonly FieldSpec[]
  /** For XML answers: the document's elements. */
  readonly xml?: XmlShape
  /** Request parameters that select this answer rather than another success body (MiM's `reply=Y`). */
  readonly when?: Readonly<Record<string, string>>
  /** For text answers: the body is the bare code itself (MiM's `1007`). */
  readonly bareCode?: boolean
  /** The answer is itself a credential (MiM's /getkey answers the API key): shown masked. */
  readonly credential?: boolean
  /**
   * The codes of the endpoint's table this answer carries; a text answer that is not a bare code and
   * lists one carries it implicitly (MiM's `SMS SUBMITTED` is 1000).
   */
  readonly codes?: readonly string[]
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
  /** The code table its answers come from. */
  readonly codes?: readonly CodeEntry[]
  /** For delivery reports: the DLR code table. */
  readonly dlrCodes?: readonly DeliveryCodeEntry[]
  /** For endpoints that read delivery status: how the answers are handed out. */
  readonly statusRead?: StatusReadSpec
}

/**
 * How a status endpoint hands its answers out:
 * - `final-once`: a final status is answered once; later reads get the `already-queried` code;
 * - `once`: each report is handed out once, later reads of the same id get none;
 * - `repeatable`: as often as asked;
 * - `drain`: each report of the account once, at most `chunk` a call.
 */
export interface StatusReadSpec {
  /** The parameter naming the message or submission; absent when the endpoint reads the whole account. */
  readonly idParam?: string
  readonly handedOut: 'final-once' | 'once' | 'repeatable' | 'drain'
  /** The endpoint that reads the same reports as often as asked. */
  readonly repeatWith?: string
  readonly chunk?: number
}

export interface ProviderContract {
  readonly provider: ProviderName
  readonly title: string
  readonly manual: string
  /** The real service's base URLs, as the manual gives them. */
  readonly servers?: readonly string[]
  /** Parameter names and paths match without regard to case (ASP.NET model binding). */
  readonly caseInsensitive?: boolean
  readonly endpoints: readonly EndpointSpec[]
}

export type ProviderName = 'dinisoft' | 'mimsms' | 'mimsms-json'
