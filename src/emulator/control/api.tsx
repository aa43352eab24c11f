// The control API and inbox page: inspect and steer a running emulator over HTTP. Every route is below.
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { EmulatorState } from '../core/state.js'
import { requireToken } from './auth.js'
import { createAccount, getAccount, listAccounts, topUpAccount } from './accounts.js'
import { advanceClock, freezeClock, getClock, resumeClock, setClock } from './clock.js'
import { streamEvents } from './events.js'
import { getFixture, listFixtures } from './fixtures.js'
import { controlsPage } from './inbox/controls.js'
import { messagePage } from './inbox/detail.js'
import { inboxPage } from './inbox/list.js'
import { NotFoundPage } from './inbox/layout.js'
import { requestsPage } from './inbox/requests.js'
import { listIncoming, receiveIncoming } from './incoming.js'
import { clearJournal, listJournal } from './journal.js'
import { deleteMessage, deleteMessages, forceMessageOutcome, getMessage, listMessages } from './messages.js'
import { notFound, Problem, renderProblem } from './problem.js'
import { getScenario, replaceScenario, resetScenario, useRules } from './scenario.js'

/** The largest control API body read, in bytes. */
export const CONTROL_BODY_LIMIT = 1_048_576

type Handler = (c: Context, state: EmulatorState) => Response | Promise<Response>

function health(c: Context, state: EmulatorState): Response {
  const scenario = state.scenario.current
  return c.json({
    status: 'ok',
    providers: [...state.providers.keys()],
    messages: state.store.size,
    clock: state.clock.snapshot(),
    scenario: scenario.name ?? null,
  })
}

/** The route table itself, so a client (or a person with curl) can discover the API. */
function index(c: Context): Response {
  return c.json({ routes: routes.map(([method, path, , summary]) => ({ method, path, summary })), docs: 'docs/control-api.md' })
}

/** The whole control surface, one line per route. */
export const routes: readonly (readonly [method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: Handler, summary: string])[] = [
  ['GET', '/api', index, 'This list of routes'],
  ['GET', '/api/health', health, 'Liveness, providers, message count, clock'],
  ['GET', '/api/messages', listMessages, 'Messages, newest first: provider, api, account, to, sender, status, text, since, submission; start, limit'],
  ['DELETE', '/api/messages', deleteMessages, "Reset: messages, journal, balances and counters back to the scenario's start"],
  ['GET', '/api/messages/:id', getMessage, 'One message with its history (message id, submission id, or latest)'],
  ['DELETE', '/api/messages/:id', deleteMessage, 'Delete one message (message id), or every recipient of a submission (submission id)'],
  ['POST', '/api/messages/:id/outcome', forceMessageOutcome, 'Force the state from now on, only while not final (else 409): { status, reason?, code? }'],
  ['POST', '/api/incoming', receiveIncoming, 'A subscriber sends the account an SMS (two-way): { account, from, text, to?, provider? }'],
  ['GET', '/api/incoming', listIncoming, 'Inbound SMS, oldest first, and whether they were pulled: provider, account'],
  ['GET', '/api/clock', getClock, 'The virtual clock'],
  ['POST', '/api/clock/advance', advanceClock, 'Move time forward: { by: "5s" }'],
  ['POST', '/api/clock/set', setClock, 'Jump to a moment: { to: ISO date or epoch ms }'],
  ['POST', '/api/clock/freeze', freezeClock, 'Stop time (it then moves only by advance / set)'],
  ['POST', '/api/clock/resume', resumeClock, 'Let time flow again'],
  ['GET', '/api/journal', listJournal, 'Requests and answers: provider, endpoint, method, path, status, since, after; limit; format=ndjson'],
  ['DELETE', '/api/journal', clearJournal, 'Empty the journal'],
  ['GET', '/api/accounts', listAccounts, 'Accounts and balances, keys and secrets masked (provider)'],
  ['POST', '/api/accounts/:provider', createAccount, 'Create an account: { key, secret, name, balance?, senders?, allowedIps? }'],
  ['GET', '/api/accounts/:provider/:key', getAccount, 'One account, by key or name'],
  ['POST', '/api/accounts/:provider/:key/top-up', topUpAccount, 'Add credits: { credits }'],
  ['GET', '/api/scenarios', listFixtures, 'The scenario files in fixtures/scenarios: name, description'],
  ['GET', '/api/scenarios/:name', getFixture, 'One scenario file, to PUT to /api/scenario'],
  ['GET', '/api/scenario', getScenario, 'The running scenario and its rules with their counters'],
  ['PUT', '/api/scenario', replaceScenario, 'Replace the scenario (body: a scenario file) and reset'],
  ['POST', '/api/scenario/reset', resetScenario, 'Back to the initial scenario, or { to: "default" }'],
  ['POST', '/api/scenario/rules', useRules, 'Put rules in front of the scenario\'s until the next reset'],
  ['GET', '/api/events', streamEvents, 'Server-sent events: message.accepted, message.status, message.deleted, clock, reset'],
  ['GET', '/', inboxPage, 'The inbox page'],
  ['GET', '/messages/:id', messagePage, 'One message as a page: handset preview, history, every request that named it'],
  ['GET', '/requests', requestsPage, 'The journal as a page: provider, kind (send, read, refusal, fault, other), message; page'],
  ['GET', '/controls', controlsPage, 'Clock, accounts, scenario and reset as a page'],
]

export interface ControlApiOptions {
  /** Every route but /api/health then needs this token (bearer, or the inbox's login cookie). */
  readonly token?: string
}

export function controlApi(state: EmulatorState, options: ControlApiOptions = {}): Hono {
  const app = new Hono()
  // Stops reading at the limit (by Content-Length, or counting a chunked body) instead of cutting it after.
  app.use(
    bodyLimit({
      maxSize: CONTROL_BODY_LIMIT,
      onError: (c) => renderProblem(c, new Problem(413, 'Content Too Large', `The body is larger than ${CONTROL_BODY_LIMIT} bytes (1 MiB), the most the control API reads.`)),
    }),
  )
  if (options.token !== undefined) app.use(requireToken(options.token))
  for (const [method, path, handler] of routes) app.on(method, path, (c) => handler(c, state))
  app.onError((error, c) => {
    if (error instanceof Problem) return renderProblem(c, error)
    state.log.error(`control API: ${c.req.method} ${c.req.path} failed:`, error)
    return renderProblem(c, new Problem(500, 'Internal Server Error', `The control API failed: ${error.message}`))
  })
  app.notFound((c) => {
    // A person following a stale link gets a page; a program gets a problem document.
    if (c.req.method === 'GET' && !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html')) {
      return c.html(<NotFoundPage state={state} title="Page not found" detail={`There is no page ${c.req.path}.`} />, 404)
    }
    return renderProblem(c, notFound(`No control endpoint ${c.req.method} ${c.req.path}. The routes are listed in docs/control-api.md.`))
  })
  return app
}
