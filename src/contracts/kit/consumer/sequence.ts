// Checks across requests: a final status read again, one-time reports read again, polling too fast.
import { entryForReason } from '../../lookup.js'
import type { EndpointSpec } from '../../types.js'
import { isFinalReading, readAnswer } from '../answers.js'
import { arrivedAt } from '../recorded.js'
import { type Parsed, valueOf } from './request.js'
import type { Report, RequestRef } from './violations.js'

/** What earlier requests of one verification showed. */
export interface SequenceState {
  readonly finalAnswered: Map<string, RequestRef>
  readonly reportsHandedOut: Map<string, RequestRef>
  readonly lastRead: Map<string, { at: number; ref: RequestRef; fullChunk: boolean }>
}

export function createSequenceState(): SequenceState {
  return { finalAnswered: new Map(), reportsHandedOut: new Map(), lastRead: new Map() }
}

function describeRef(ref: RequestRef): string {
  return ref.seq === undefined ? `${ref.method} ${ref.target}` : `#${ref.seq}`
}

export function checkSequence(endpoint: EndpointSpec, parsed: Parsed, state: SequenceState, minPollIntervalMs: number, report: Report): void {
  const read = endpoint.statusRead
  if (!read) return
  const { wire, record, ref } = parsed
  const keyParam = endpoint.params.find((param) => param.role === 'key')
  const account = keyParam ? (valueOf(wire, keyParam.name) ?? '') : ''
  const id = read.idParam ? valueOf(wire, read.idParam) : undefined
  if (read.idParam && (id === undefined || id === '')) return
  const key = `${parsed.provider}\u0000${endpoint.id}\u0000${account}\u0000${id ?? ''}`
  const reading = typeof record.response === 'string' ? readAnswer(endpoint, record.response) : undefined

  if (read.handedOut === 'final-once') {
    const earlier = state.finalAnswered.get(key)
    if (earlier) {
      const again = entryForReason(endpoint.codes ?? [], 'already-queried')
      report(
        'status-after-final',
        `${endpoint.id} asked again for ${id} after its final status was answered (${describeRef(earlier)})`,
        `A final status is answered once${again ? `; every later query gets ${again.code}` : ''}. Stop polling at the first final status and keep it.`,
        read.idParam,
      )
    } else if (reading && isFinalReading(endpoint, reading)) {
      state.finalAnswered.set(key, ref)
    }
  }
  if (read.handedOut === 'once') {
    const earlier = state.reportsHandedOut.get(key)
    if (earlier) {
      report(
        'repeated-one-time-read',
        `${endpoint.id} called again for ${id} after its reports were handed out (${describeRef(earlier)}); this call answers none of them`,
        read.repeatWith ? `Use ${read.repeatWith} to read a submission's reports more than once (or to poll until every recipient is final).` : 'Keep the reports the first call answered.',
        read.idParam,
      )
    } else if (reading === undefined || (reading.reports?.length ?? 0) > 0) {
      state.reportsHandedOut.set(key, ref)
    }
  }
  const at = arrivedAt(record)
  if (minPollIntervalMs > 0 && at !== undefined) {
    const last = state.lastRead.get(key)
    const gap = last ? at - last.at : Number.POSITIVE_INFINITY
    if (last && gap < minPollIntervalMs && !last.fullChunk) {
      report(
        'polling-too-fast',
        `${endpoint.id} read ${id === undefined ? "the account's reports" : `the status of ${id}`} ${gap} ms after the previous read (${describeRef(last.ref)})`,
        `Wait at least ${minPollIntervalMs} ms between two reads (back off as delivery takes seconds).`,
        read.idParam,
      )
    }
    const fullChunk = read.chunk !== undefined && (reading?.reports?.length ?? 0) >= read.chunk
    state.lastRead.set(key, { at, ref, fullChunk })
  }
}
