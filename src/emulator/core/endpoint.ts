// The frame of every provider endpoint: the scenario decides, latency and faults apply, and a refusal is
// answered in the provider's own format.
import type { Reason } from '../../contracts/reasons.js'
import { type Answer, errorPage, GONE, TEXT } from './answer.js'
import type { Exchange } from './exchange.js'
import { Rejection } from './rejection.js'
import type { Decision, Fault, RequestFacts } from './rules.js'
import type { EmulatorState } from './state.js'

/** Cuts a finished answer short, as a connection closed mid-body or a broken proxy would. */
function cutShort(answer: Answer): Answer {
  return { ...answer, body: answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))) }
}

const HTTP_FAULTS = {
  'http-500': { status: 500, title: 'Internal Server Error' },
  'http-502': { status: 502, title: 'Bad Gateway' },
  'http-503': { status: 503, title: 'Service Unavailable' },
} as const

/** Resolves once the client has gone (its connection closed). */
function untilClientGoesAway(exchange: Exchange): Promise<void> {
  return new Promise((resolve) => {
    const socket = exchange.req.socket
    if (!socket || socket.destroyed) return resolve()
    socket.once('close', () => resolve())
  })
}

/** Waits in wall-clock time (network latency is felt by the client's real timers, not the virtual clock). */
function wallClockDelay(ms: number, exchange: Exchange): Promise<void> {
  return new Promise((resolve) => {
    const socket = exchange.req.socket
    if (!socket || socket.destroyed) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      socket.off('close', done)
      resolve()
    }
    socket.once('close', done)
  })
}

/** A fault that replaces the provider's answer, or `undefined` to carry on. */
async function transportFault(exchange: Exchange, fault: Fault): Promise<Answer | undefined> {
  if (fault.kind === 'malformed') return undefined
  exchange.fault = fault.kind
  switch (fault.kind) {
    case 'http-500':
    case 'http-502':
    case 'http-503': {
      const { status, title } = HTTP_FAULTS[fault.kind]
      return { status, body: errorPage(title, status), contentType: 'text/html' }
    }
    case 'rate-limit': {
      const seconds = Math.max(1, Math.ceil((fault.retryAfterMs ?? 1000) / 1000))
      return { status: 429, body: 'Too Many Requests', contentType: TEXT, headers: { 'retry-after': String(seconds) } }
    }
    case 'drop': {
      const gone = untilClientGoesAway(exchange)
      exchange.req.socket.destroy()
      await gone
      return GONE
    }
    case 'hang':
      await untilClientGoesAway(exchange)
      return GONE
  }
  return undefined
}

/** What a refusal says: a neutral reason, or a provider code a scenario named. */
export interface Refusal {
  readonly reason?: Reason
  readonly code?: string
}

export interface EndpointCall {
  /** The contract's endpoint id (`sendtext`, `getDLR`), for scenario rules and the journal. */
  readonly endpoint: string
  /** What the provider read of the request, for scenario rules to match. */
  readonly facts?: Omit<RequestFacts, 'provider' | 'endpoint'>
  /** Renders a refusal in the provider's own format. */
  readonly refuse: (refusal: Refusal) => Answer
  /** The provider's own work; throws a `Rejection` to refuse. */
  readonly run: (decision: Decision) => Answer
}

function runEndpoint(call: EndpointCall, decision: Decision): Answer {
  if (decision.code !== undefined || decision.reject !== undefined) return call.refuse({ code: decision.code, reason: decision.reject })
  try {
    return call.run(decision)
  } catch (error) {
    if (error instanceof Rejection) return call.refuse({ code: error.code, reason: error.reason })
    throw error
  }
}

/**
 * The frame of every provider endpoint: the scenario decides, latency and faults apply, and a refusal
 * (the scenario's, or a `Rejection` thrown by `run`) is answered by `refuse`. Synchronous unless the
 * decision holds latency or a fault.
 */
export function serveEndpoint(exchange: Exchange, state: EmulatorState, provider: string, call: EndpointCall): Answer | Promise<Answer> {
  exchange.endpoint = call.endpoint
  const facts = call.facts
  // Written out, not spread: one object of one shape per request.
  const decision = state.scenario.decide(
    facts === undefined
      ? { provider, endpoint: call.endpoint }
      : { provider, realm: facts.realm, endpoint: call.endpoint, account: facts.account, from: facts.from, to: facts.to, text: facts.text },
  )
  exchange.decision = decision
  if (!decision.latencyMs && !decision.fault) return runEndpoint(call, decision)
  return (async () => {
    if (decision.latencyMs) await wallClockDelay(decision.latencyMs, exchange)
    if (decision.fault) {
      const replaced = await transportFault(exchange, decision.fault)
      if (replaced) return replaced
    }
    const answer = runEndpoint(call, decision)
    if (decision.fault?.kind === 'malformed') {
      exchange.fault = 'malformed'
      return cutShort(answer)
    }
    return answer
  })()
}
