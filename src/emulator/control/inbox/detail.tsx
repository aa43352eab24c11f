// One message: the handset preview, its facts and history, every exchange that concerned it, actions.
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { deliveryReasonNames } from '../../../contracts/reasons.js'
import { isFinal } from '../../core/lifecycle.js'
import { apiOf } from '../../core/message-filter.js'
import { realmOf } from '../../core/provider.js'
import type { EmulatorState } from '../../core/state.js'
import type { MessageView } from '../../core/store.js'
import { resolveMessages } from '../messages.js'
import { maskSecret } from '../../../contracts/secrets.js'
import { concerns, type Exchange, exchangeReader, providerCodeOf, violationsBySeq } from './exchanges.js'
import { dhaka, plural } from './format.js'
import { Layout, NotFoundPage, StatusBadge } from './layout.js'
import { ExchangeDetails } from './requests.js'
import { PhonePreview } from './phone.js'

function Actions(props: { view: MessageView }) {
  const { view } = props
  const url = `/api/messages/${encodeURIComponent(view.id)}`
  if (isFinal(view.status.status)) {
    return (
      <div class="actions">
        <span class="muted">Final: its status never changes again (reports may have been handed out).</span>
        <button type="button" class="danger" data-method="DELETE" data-url={url} data-confirm={`Delete message ${view.id}?`} data-go="/">
          Delete message
        </button>
      </div>
    )
  }
  return (
    <div class="actions" role="group" aria-label="Force the outcome">
      <span>Force:</span>
      <button type="button" data-url={`${url}/outcome`} data-body={JSON.stringify({ status: 'delivered' })} data-done="Marked delivered.">
        delivered
      </button>
      <button type="button" data-url={`${url}/outcome`} data-body={JSON.stringify({ status: 'sent' })} data-done="Marked sent.">
        sent
      </button>
      <button type="button" data-url={`${url}/outcome`} data-body={JSON.stringify({ status: 'failed' })} data-reason-from="reason" data-done="Marked failed.">
        failed
      </button>
      <label for="reason">because</label>
      <select id="reason">
        {deliveryReasonNames
          .filter((reason) => reason !== 'delivered')
          .map((reason) => (
            <option value={reason}>{reason}</option>
          ))}
      </select>
      <button type="button" class="danger" data-method="DELETE" data-url={url} data-confirm={`Delete message ${view.id}?`} data-go="/">
        Delete message
      </button>
    </div>
  )
}

/** A subscriber answering the message (two-way SMS), where the provider's realm takes inbound SMS. */
function Reply(props: { state: EmulatorState; view: MessageView }) {
  const { state, view } = props
  const definition = state.providers.get(view.provider)
  if (!definition) return <></>
  const realm = realmOf(definition)
  const inbound = [...state.providers.values()].some((candidate) => candidate.inbound && realmOf(candidate) === realm)
  const account = state.accounts.byKey(realm, view.account)
  if (!inbound || !account) return <></>
  return (
    <form class="actions" data-url="/api/incoming" data-done="Reply received: the account can pull it now.">
      <input type="hidden" name="provider" value={realm} />
      <input type="hidden" name="account" value={account.name} />
      <input type="hidden" name="from" value={view.to} />
      {/^\d+$/.test(view.from) ? <input type="hidden" name="to" value={view.from} /> : ''}
      <label for="reply">Reply as {view.to}</label>
      <input id="reply" name="text" required maxlength={1000} placeholder="STOP, YES, 1234..." />
      <button type="submit">Send reply</button>
    </form>
  )
}

function Facts(props: { state: EmulatorState; view: MessageView }) {
  const { state, view } = props
  const rows: [string, Child][] = [
    ['Provider', state.providers.get(apiOf(view))?.title ?? apiOf(view)],
    ['Submission id', view.submissionId],
    ['Account', <code>{maskSecret(view.account)}</code>],
    ['From', view.from],
    ['To', `${view.to} (${view.operator})`],
    ['Accepted', `${dhaka(view.acceptedAt)} Dhaka`],
    ...(view.scheduledFor === undefined ? [] : ([['Scheduled for', `${dhaka(view.scheduledFor)} Dhaka`]] as [string, Child][])),
    ['Encoding', `${view.encoding}, ${plural(view.segments, 'segment')}, ${plural(view.credits, 'credit')}`],
    ...(view.shownText === view.text ? [] : ([['Text as sent', <span class="text">{view.text}</span>]] as [string, Child][])),
    ['Scenario rule', view.rule ?? 'none (default delivery)'],
    // Metadata that repeats one of the message's own fields (`api` in files written before it was one) is shown once, above.
    ...Object.entries(view.meta)
      .filter(([name]) => !Object.hasOwn(view, name))
      .map(([name, value]): [string, Child] => [name, value]),
  ]
  return (
    <dl class="facts">
      {rows.map(([name, value]) => (
        <>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  )
}

function History(props: { view: MessageView }) {
  return (
    <table>
      <caption class="sr">Status history</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">At (Dhaka)</th>
          <th scope="col">Reason / code</th>
        </tr>
      </thead>
      <tbody>
        {props.view.history.map((event) => (
          <tr>
            <td>{event.status}</td>
            <td>{dhaka(event.at)}</td>
            <td>{[event.reason, event.code].filter(Boolean).join(' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function messagePage(c: Context, state: EmulatorState): Response | Promise<Response> {
  const id = c.req.param('id') ?? ''
  const [found] = resolveMessages(state, id)
  if (!found) {
    const detail = id === 'latest' ? 'No message has been accepted yet.' : `No message or submission has the id “${id}”. It may have been deleted, or the emulator reset.`
    return c.html(<NotFoundPage state={state} title="Message not found" detail={detail} />, 404)
  }
  const view = state.store.view(found)
  const entries = state.journal.list({ provider: apiOf(view) })
  const read = exchangeReader(state)
  const exchanges: Exchange[] = entries.map(read).filter((exchange) => concerns(exchange, view))
  const violations = violationsBySeq(state, entries)
  const code = providerCodeOf(state, view)
  return c.html(
    <Layout state={state} title={`Message ${view.id} · SMS emulator`}>
      <p class="small">
        <a href="/">← messages</a> · <a href={`/api/messages/${encodeURIComponent(view.id)}`}>JSON</a>
      </p>
      <h1>
        Message {view.id} to {view.to}
      </h1>
      <div data-live="detail-status">
        <p>
          <StatusBadge message={view} code={code} />
          {code ? <span class="small muted"> {code.meaning}</span> : ''}
        </p>
        <Actions view={view} />
      </div>
      <Reply state={state} view={view} />
      <div class="detail">
        <PhonePreview view={view} />
        <div>
          <Facts state={state} view={view} />
          <h2>History</h2>
          <div data-live="detail-history">
            <History view={view} />
          </div>
        </div>
      </div>
      <h2>Requests and answers</h2>
      <div data-live="detail-exchanges">
        <p class="small">
          {plural(exchanges.length, 'exchange')} named this message: the send, every status read and report handed out.{' '}
          <a href={`/requests?message=${encodeURIComponent(view.id)}`}>Open in the requests view</a>
        </p>
        {exchanges.map((exchange) => (
          <ExchangeDetails exchange={exchange} violations={violations.get(exchange.entry.seq) ?? []} />
        ))}
      </div>
    </Layout>,
  )
}
