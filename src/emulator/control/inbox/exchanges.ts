// What the inbox reads of the journal: each exchange's endpoint, provider code and meaning, the
// messages it concerns, and its raw text with credentials masked.
import { entryForCode, entryForStatus, deliveryEntryFor } from '../../../contracts/lookup.js'
import { readAnswer } from '../../../contracts/kit/answers.js'
import { isSecretName, maskValues } from '../../../contracts/secrets.js'
import { matchEndpoint, readWire } from '../../../contracts/kit/recorded.js'
import { type Violation, verifyConsumer } from '../../../contracts/kit/verify-consumer.js'
import type { EndpointSpec, ProviderContract } from '../../../contracts/types.js'
import type { JournalEntry } from '../../core/journal.js'
import { apiOf } from '../../core/message-filter.js'
import type { EmulatorState } from '../../core/state.js'
import type { MessageView } from '../../core/store.js'

/** What the requests view filters by. */
export const exchangeKinds = ['send', 'read', 'refusal', 'fault', 'other'] as const
export type ExchangeKind = (typeof exchangeKinds)[number]

export interface Exchange {
  readonly entry: JournalEntry
  readonly endpoint?: EndpointSpec
  readonly kind: ExchangeKind
  /** The provider code the answer carries (`109`, `1003`, `1000`), with the manual's meaning. */
  readonly code?: string
  readonly codeText?: string
  readonly meaning?: string
  /** Message, submission or shoot ids the request named or the answer carried. */
  readonly ids: readonly string[]
  /** The recipients the answer's delivery reports are about, with the id each report is under. */
  readonly reported: readonly { readonly id: string; readonly to: string }[]
  /** `GET /sendtext?...` with credentials masked. */
  readonly request: string
  readonly requestBody: string
  readonly response: string
}

/** Every credential the emulator knows of (account keys and secrets). */
function knownSecrets(state: EmulatorState): string[] {
  return state.accounts.list().flatMap((account) => (account.secret ? [account.key, account.secret] : [account.key]))
}

function contractOf(state: EmulatorState, provider: string): ProviderContract | undefined {
  return state.providers.get(provider)?.contract
}

/** Reads journal entries against their providers' contracts; one reader per page render. */
export function exchangeReader(state: EmulatorState): (entry: JournalEntry) => Exchange {
  const accountSecrets = knownSecrets(state)
  return (entry) => {
    const contract = contractOf(state, entry.provider)
    const match = contract ? matchEndpoint(contract, entry.path) : undefined
    const endpoint = match?.endpoint
    const wire = readWire(entry, match?.pathParams ?? {})
    // Parameter names as the provider reads them (MiM's JSON API: in any case).
    const nameOf = contract?.caseInsensitive ? (name: string) => name.toLowerCase() : (name: string) => name
    const sent = (name: string) => wire.params.find((param) => nameOf(param.name) === nameOf(name))?.value
    // Credentials by role (also a wrong key a client sent), then every account's, wherever they appear.
    const roles = new Set(endpoint?.params.filter((param) => param.role === 'key' || param.role === 'secret').map((param) => nameOf(param.name)))
    const sentSecrets = wire.params.filter((param) => roles.has(nameOf(param.name)) || isSecretName(param.name)).map((param) => param.value)
    const secrets = [...sentSecrets, ...accountSecrets]
    // Decoded, for people: Bangla text reads as Bangla, not as %E0%A6%86.
    const search = Object.entries(entry.query)
      .map(([name, value]) => `${name}=${value}`)
      .join('&')
    const request = maskValues(`${entry.method} ${entry.path}${search ? `?${search}` : ''}`, secrets)
    const reading = endpoint && entry.fault === undefined && entry.response !== '' ? readAnswer(endpoint, entry.response) : undefined
    const ids = new Set<string>()
    if (reading?.id) ids.add(reading.id)
    const idParam = endpoint?.statusRead?.idParam ?? endpoint?.params.find((param) => param.role === 'message-id')?.name
    const named = idParam === undefined ? undefined : sent(idParam)
    if (named) ids.add(named)
    // A report (XML item or JSON DlrApi answer) is under its own id, else the answer's, else the one asked for.
    const fields = reading?.response?.xml?.fields ?? reading?.response?.fields ?? []
    const idField = fields.find((field) => field.role === 'id')
    const toField = fields.find((field) => field.role === 'msisdn')
    const reported: { id: string; to: string }[] = []
    for (const report of reading?.reports ?? []) {
      const id = (idField && report[idField.name]) || reading?.id || named
      if (!id) continue
      ids.add(id)
      const to = toField && report[toField.name]
      if (to) reported.push({ id, to })
    }
    const refused = reading?.entry !== undefined && reading.entry.status === undefined
    const kind: ExchangeKind =
      entry.fault !== undefined || entry.status >= 500
        ? 'fault'
        : refused || entry.status >= 400
          ? 'refusal'
          : endpoint?.sends
            ? 'send'
            : endpoint?.statusRead
              ? 'read'
              : 'other'
    return {
      entry,
      ...(endpoint ? { endpoint } : {}),
      kind,
      ...(reading?.code === undefined ? {} : { code: reading.code }),
      ...(reading?.entry?.text === undefined ? {} : { codeText: reading.entry.text }),
      ...(reading?.entry === undefined ? {} : { meaning: reading.entry.meaning }),
      ids: [...ids],
      reported,
      request,
      requestBody: maskValues(entry.body, secrets),
      response: maskValues(entry.response, secrets),
    }
  }
}

/**
 * Whether an exchange concerns a message: one of its API's, it named or answered the message's id or its
 * submission's and, when it reported recipients of that submission, the message's recipient among them.
 */
export function concerns(exchange: Exchange, message: Pick<MessageView, 'id' | 'submissionId' | 'provider' | 'api' | 'to'>): boolean {
  if (exchange.entry.provider !== apiOf(message)) return false
  const names = (id: string) => id === message.id || id === message.submissionId
  const reported = exchange.reported.filter((report) => names(report.id))
  return reported.length > 0 ? reported.some((report) => report.to === message.to) : exchange.ids.some(names)
}

/** The consumer-contract violations of the journal, by journal sequence number. */
export function violationsBySeq(state: EmulatorState, entries: readonly JournalEntry[]): Map<number, Violation[]> {
  const bySeq = new Map<number, Violation[]>()
  for (const violation of verifyConsumer(entries).violations) {
    const seq = violation.request.seq
    if (seq === undefined) continue
    const list = bySeq.get(seq)
    if (list) list.push(violation)
    else bySeq.set(seq, [violation])
  }
  return bySeq
}

/** The code the provider hands out for a message's current status (`0 DELIVRD`, MiM `1028`), from its contract. */
export function providerCodeOf(state: EmulatorState, message: MessageView): { code: string; text?: string; meaning: string } | undefined {
  const endpoint = contractOf(state, apiOf(message))?.endpoints.find((candidate) => candidate.statusRead && (candidate.dlrCodes ?? candidate.codes))
  if (!endpoint) return undefined
  const { status, reason, code } = message.status
  const final = status === 'delivered' || status === 'failed'
  if (endpoint.dlrCodes) {
    if (!final) return undefined
    const entry = deliveryEntryFor(endpoint.dlrCodes, { ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }) })
    return entry ? { code: entry.code, text: entry.text, meaning: entry.meaning } : undefined
  }
  const codes = endpoint.codes ?? []
  const entry =
    (code === undefined ? undefined : entryForCode(codes, code)) ??
    entryForStatus(codes, status === 'scheduled' || status === 'accepted' ? 'pending' : status)
  return entry ? { code: entry.code, ...(entry.text === undefined ? {} : { text: entry.text }), meaning: entry.meaning } : undefined
}
