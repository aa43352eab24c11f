// A stored message: its fields, the compact object that holds them, and its view with derived status.
import type { Operator } from '../../contracts/msisdn.js'
import type { Encoding } from '../../contracts/encoding.js'
import { type Deliverable, type DeliveryStep, historyAt, type StatusEvent, statusAt } from './lifecycle.js'

export interface Message extends Deliverable {
  /** Unique per recipient: the submission id, then `.1`, `.2` for each recipient in order. */
  readonly id: string
  /** The order of acceptance, from 1. */
  readonly seq: number
  /** The id the provider answered the submission with (one for all its recipients). */
  readonly submissionId: string
  readonly provider: string
  /** The API that accepted it, when its provider has several (`mimsms-json`); each API reports only its own. */
  readonly api?: string
  /** The account's API key. */
  readonly account: string
  readonly from: string
  /** Normalised `8801XXXXXXXXX`. */
  readonly to: string
  readonly operator: Operator
  /** The text as the client sent it. */
  readonly text: string
  /** The text as the handset shows it (differs when unsupported characters were replaced). */
  readonly shownText: string
  readonly encoding: Encoding
  readonly segments: number
  /** Credits charged for this recipient. */
  readonly credits: number
  /** Provider-specific facts worth showing (MiM `type`, `label`, skipped numbers, ...). */
  readonly meta: Readonly<Record<string, string>>
  /** The scenario rule that chose this message's delivery plan, if any. */
  readonly rule?: string | undefined
}

/** What `add` takes: a message's fields before the store numbers it. */
export interface NewMessage extends Omit<Message, 'seq' | 'rule'> {
  /** The recipient's place in its submission (0-based) when `id` is `messageId(submissionId, index)`. */
  readonly index?: number
  readonly rule?: string
}

export interface MessageView extends Omit<Message, 'plan' | 'releaseAt' | 'seq'> {
  readonly status: StatusEvent
  readonly history: readonly StatusEvent[]
  readonly scheduledFor?: number
}

/** Shared by every message without provider facts. */
export const NO_META: Readonly<Record<string, string>> = Object.freeze({})

function isEmpty(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return false
  return true
}

/** The id of the `index`-th recipient (0-based) of a submission. */
export function messageId(submissionId: string, index: number): string {
  return `${submissionId}.${index + 1}`
}

/** A message as plain data (what `add` takes), for saving it. */
export function messageRecord(message: Message): NewMessage {
  return {
    id: message.id,
    submissionId: message.submissionId,
    provider: message.provider,
    ...(message.api === undefined ? {} : { api: message.api }),
    account: message.account,
    from: message.from,
    to: message.to,
    operator: message.operator,
    text: message.text,
    shownText: message.shownText,
    encoding: message.encoding,
    segments: message.segments,
    credits: message.credits,
    acceptedAt: message.acceptedAt,
    releaseAt: message.releaseAt,
    plan: message.plan,
    meta: message.meta,
    ...(message.rule === undefined ? {} : { rule: message.rule }),
  }
}
/**
 * A time as a message keeps it: an offset from one epoch shared by every message (a small integer, which
 * V8 keeps inside the object, where a full epoch time would take a boxed double of its own), or, when an
 * offset would not give the time back exactly, the time in a box.
 */
type Time = number | { readonly at: number }

let epoch: number | undefined

function toTime(at: number): Time {
  if (epoch === undefined && Number.isFinite(at)) epoch = Math.floor(at)
  if (epoch === undefined) return { at }
  const offset = at - epoch
  return offset + epoch === at ? offset : { at }
}

function fromTime(time: Time): number {
  return typeof time === 'number' ? (epoch as number) + time : time.at
}

/** The bit of each mark name in `StoredMessage.flags` (bit 0 is "removed"); marks are a handful of constants. */
const markBits = new Map<string, number>()
const markNames: string[] = []
const REMOVED = 1
const MAX_MARKS = 30

function bitOf(mark: string): number {
  let bit = markBits.get(mark)
  if (bit === undefined) {
    if (markNames.length === MAX_MARKS) throw new Error(`More than ${MAX_MARKS} kinds of message marks: ${mark}`)
    bit = 2 ** (markNames.length + 1)
    markBits.set(mark, bit)
    markNames.push(mark)
  }
  return bit
}

/** What few messages have: an id of their own, a shown text that differs, a rule, credits other than segments. */
interface Rare {
  readonly ownId: string | undefined
  readonly shown: string | undefined
  readonly rule: string | undefined
  readonly credits: number | undefined
}

/** One message: the fields a message needs and nothing more (its id, shown text and credits are derived). */
export class StoredMessage implements Message {
  readonly seq: number
  readonly submissionId: string
  /** Its place in the submission (0-based), or -1 when the id does not follow the `<submission>.<n>` form. */
  readonly index: number
  readonly provider: string
  readonly api: string | undefined
  readonly account: string
  readonly from: string
  readonly to: string
  readonly operator: Operator
  readonly text: string
  readonly encoding: Encoding
  readonly segments: number
  /** Times, as `Time`s: see `toTime`. */
  readonly accepted: Time
  released: Time
  queued: Time | undefined
  plan: readonly DeliveryStep[]
  readonly meta: Readonly<Record<string, string>>
  /** Provider bookkeeping (marks) and "removed", as bits: no set per message. */
  flags: number
  readonly rare: Rare | undefined

  constructor(seq: number, input: NewMessage, marks: Iterable<string> | undefined) {
    this.seq = seq
    this.submissionId = input.submissionId
    let n = input.index === undefined ? Number.NaN : input.index + 1
    if (input.index === undefined) {
      const prefix = `${input.submissionId}.`
      if (input.id.startsWith(prefix)) n = Number(input.id.slice(prefix.length))
    }
    const regular = Number.isInteger(n) && n >= 1 && (input.index !== undefined || messageId(input.submissionId, n - 1) === input.id)
    this.index = regular ? n - 1 : -1
    this.provider = input.provider
    this.api = input.api
    this.account = input.account
    this.from = input.from
    this.to = input.to
    this.operator = input.operator
    this.text = input.text
    this.encoding = input.encoding
    this.segments = input.segments
    this.accepted = toTime(input.acceptedAt)
    this.released = toTime(input.releaseAt)
    this.queued = undefined
    this.plan = input.plan
    this.meta = input.meta === NO_META || isEmpty(input.meta) ? NO_META : input.meta
    this.flags = 0
    if (marks !== undefined) for (const mark of marks) this.flags |= bitOf(mark)
    const ownId = regular ? undefined : input.id
    const shown = input.shownText === input.text ? undefined : input.shownText
    const credits = input.credits === input.segments ? undefined : input.credits
    this.rare = ownId === undefined && shown === undefined && input.rule === undefined && credits === undefined ? undefined : { ownId, shown, rule: input.rule, credits }
  }

  get ownId(): string | undefined {
    return this.rare?.ownId
  }

  get rule(): string | undefined {
    return this.rare?.rule
  }

  /** Credits charged for this recipient: one per segment, unless it was stored otherwise. */
  get credits(): number {
    return this.rare?.credits ?? this.segments
  }

  /** Deleted by hand: its slot in the acceptance order stays until eviction reaches it. */
  get removed(): boolean {
    return (this.flags & REMOVED) !== 0
  }

  set removed(removed: boolean) {
    this.flags = removed ? this.flags | REMOVED : this.flags & ~REMOVED
  }

  hasMark(mark: string): boolean {
    const bit = markBits.get(mark)
    return bit !== undefined && (this.flags & bit) !== 0
  }

  /** Sets a mark; false when it was set already. */
  addMark(mark: string): boolean {
    const bit = bitOf(mark)
    if ((this.flags & bit) !== 0) return false
    this.flags |= bit
    return true
  }

  get marks(): string[] {
    const names: string[] = []
    for (let i = 0; i < markNames.length; i++) if ((this.flags & (2 ** (i + 1))) !== 0) names.push(markNames[i] as string)
    return names
  }

  get acceptedAt(): number {
    return fromTime(this.accepted)
  }

  get releaseAt(): number {
    return fromTime(this.released)
  }

  set releaseAt(at: number) {
    this.released = toTime(at)
  }

  /** The time the report queue orders the message by (its final time when queued). */
  get queuedAt(): number | undefined {
    return this.queued === undefined ? undefined : fromTime(this.queued)
  }

  set queuedAt(at: number | undefined) {
    this.queued = at === undefined ? undefined : toTime(at)
  }

  get id(): string {
    return this.rare?.ownId ?? messageId(this.submissionId, this.index)
  }

  get shownText(): string {
    return this.rare?.shown ?? this.text
  }
}

/** A message as the control API shows it: its record without the plan, with its status at `t`. */
export function messageView(message: Message, t: number): MessageView {
  const { plan: _plan, releaseAt: _releaseAt, ...record } = messageRecord(message)
  return {
    ...record,
    status: statusAt(message, t),
    history: historyAt(message, t),
    ...(message.releaseAt > message.acceptedAt ? { scheduledFor: message.releaseAt } : {}),
  }
}
