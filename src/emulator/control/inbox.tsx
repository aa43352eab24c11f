// The inbox page: what each provider was asked to send, with status and history; live through /api/events.
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import { deliveryReasonNames } from '../../contracts/reasons.js'
import type { EmulatorState } from '../core/state.js'
import type { MessageFilter } from '../core/store.js'
import { normaliseMsisdn } from '../../contracts/msisdn.js'
import { messageStatuses, resolveMessages } from './messages.js'
import { notFound } from './problem.js'
import { type MessageJson, messageJson } from './views.js'

const PAGE_SIZE = 100

// The providers are Bangladeshi: their panels and reports show Dhaka time.
const dhakaTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Dhaka',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})
const shown = (isoTime: string) => dhakaTime.format(new Date(isoTime)).replace(',', '')

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{background:#14532d;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:17px;margin:0 12px 0 0}header a{color:#fff}
main{padding:12px 20px}
nav a{margin-right:12px;text-decoration:none;color:#14532d;font-weight:600}nav a.on{border-bottom:2px solid #14532d}
form.filters{margin:10px 0;display:flex;gap:8px;flex-wrap:wrap}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #e3e5e8;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef0f3;font-weight:600}td.text{max-width:420px;white-space:pre-wrap;word-break:break-word}
.status{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:600;background:#e5e7eb}
.status.delivered{background:#bbf7d0}.status.failed{background:#fecaca}.status.sent{background:#bfdbfe}.status.scheduled{background:#fde68a}
.history{font-size:12px;color:#555}.muted{color:#777}button{cursor:pointer}
dl{display:grid;grid-template-columns:160px 1fr;gap:4px 12px;background:#fff;padding:12px}dt{font-weight:600}
`

// Refreshes the table body and the clock whenever the emulator reports a change.
const SCRIPT = `
const rows = document.getElementById('rows');
const dhaka = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Dhaka', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const clock = document.getElementById('clock');
let pending;
async function refresh() {
  pending = undefined;
  if (rows) rows.innerHTML = await (await fetch('/inbox/rows' + location.search)).text();
  const now = await (await fetch('/api/clock')).json();
  if (clock) clock.textContent = dhaka.format(new Date(now.now)).replace(',', '') + ' Dhaka (' + now.mode + ')';
}
const soon = () => { pending ??= setTimeout(refresh, 100); };
const events = new EventSource('/api/events');
for (const name of ['message.accepted', 'message.status', 'reset']) events.addEventListener(name, soon);
async function post(url, body, method) {
  const res = await fetch(url, { method: method || 'POST', headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) alert((await res.json()).detail);
  soon();
  return res;
}
document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-advance],[data-reset],[data-force]');
  if (!target) return;
  if (target.dataset.advance) post('/api/clock/advance', { by: target.dataset.advance });
  if (target.dataset.reset !== undefined && confirm('Delete every message and reset balances?')) post('/api/messages', undefined, 'DELETE');
  if (target.dataset.force) {
    const reason = document.getElementById('reason');
    const body = target.dataset.force === 'failed' ? { status: 'failed', reason: reason ? reason.value : 'rejected' } : { status: target.dataset.force };
    post('/api/messages/' + encodeURIComponent(target.dataset.id) + '/outcome', body).then(() => location.reload());
  }
});
`

function Layout(props: { state: EmulatorState; title: string; children: Child }) {
  const clock = props.state.clock.snapshot()
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <header>
          <h1>
            <a href="/">SMS emulator inbox</a>
          </h1>
          <span>
            clock <b id="clock">{`${shown(clock.iso)} Dhaka (${clock.mode})`}</b>
          </span>
          <span>
            advance <button data-advance="1s">+1s</button> <button data-advance="10s">+10s</button> <button data-advance="1m">+1m</button>{' '}
            <button data-advance="1h">+1h</button>
          </span>
          <button data-reset="">Reset</button>
        </header>
        <main>{props.children}</main>
        <script>{raw(SCRIPT)}</script>
      </body>
    </html>
  )
}

function StatusBadge(props: { message: MessageJson }) {
  const { status, reason, code } = props.message
  const detail = [reason && reason !== 'delivered' ? reason : undefined, code].filter(Boolean).join(' ')
  return (
    <span class={`status ${status}`} title={detail}>
      {status}
      {detail ? ` (${detail})` : ''}
    </span>
  )
}

function History(props: { message: MessageJson }) {
  return <span class="history">{props.message.history.map((event) => `${event.status} ${shown(event.at).slice(11)}`).join(' → ')}</span>
}

function Rows(props: { messages: readonly MessageJson[]; titles: ReadonlyMap<string, string> }) {
  if (props.messages.length === 0) {
    return (
      <tr>
        <td colspan={7} class="muted">
          Nothing sent yet. Send a message to a provider port and it shows up here.
        </td>
      </tr>
    )
  }
  return (
    <>
      {props.messages.map((message) => (
        <tr>
          <td>
            <a href={`/messages/${encodeURIComponent(message.id)}`}>{message.id}</a>
            <div class="muted">{shown(message.acceptedAt)}</div>
          </td>
          <td>{props.titles.get(message.provider) ?? message.provider}</td>
          <td>{message.from}</td>
          <td>
            {message.to}
            <div class="muted">{message.operator}</div>
          </td>
          <td class="text">{message.shownText ?? message.text}</td>
          <td>
            <StatusBadge message={message} />
            {message.scheduledFor ? <div class="muted">for {shown(message.scheduledFor)}</div> : ''}
          </td>
          <td>
            <History message={message} />
          </td>
        </tr>
      ))}
    </>
  )
}

interface InboxQuery {
  readonly filter: MessageFilter
  readonly raw: Record<string, string>
}

/** The page's filters, read leniently: a filter that makes no sense is ignored, not an error page. */
function inboxQuery(c: Context, state: EmulatorState): InboxQuery {
  const q = c.req.query()
  const to = q.to ? (normaliseMsisdn(q.to) ?? q.to) : undefined
  const filter: MessageFilter = {
    ...(q.provider && state.providers.has(q.provider) ? { provider: q.provider } : {}),
    ...(to ? { to } : {}),
    ...(q.text ? { text: q.text } : {}),
    ...(q.status && (messageStatuses as readonly string[]).includes(q.status) ? { status: q.status } : {}),
  }
  return { filter, raw: q }
}

function newest(state: EmulatorState, filter: MessageFilter): { total: number; messages: MessageJson[] } {
  const { total, messages } = state.store.page(filter, 0, PAGE_SIZE)
  return { total, messages: messages.map((message) => messageJson(state, message)) }
}

const titlesOf = (state: EmulatorState) => new Map([...state.providers.values()].map((p) => [p.name, p.title]))

export function inboxRows(c: Context, state: EmulatorState): Response | Promise<Response> {
  const { filter } = inboxQuery(c, state)
  return c.html(<Rows messages={newest(state, filter).messages} titles={titlesOf(state)} />)
}

export function inboxPage(c: Context, state: EmulatorState): Response | Promise<Response> {
  const { filter, raw: q } = inboxQuery(c, state)
  const { total, messages } = newest(state, filter)
  const titles = titlesOf(state)
  const tab = (provider: string | undefined, label: string) => {
    const count = state.store.count(provider === undefined ? {} : { provider })
    const on = filter.provider === provider
    return (
      <a class={on ? 'on' : ''} href={provider === undefined ? '/' : `/?provider=${provider}`}>
        {label} ({count})
      </a>
    )
  }
  return c.html(
    <Layout state={state} title="SMS emulator inbox">
      <nav>
        {tab(undefined, 'All')}
        {[...state.providers.values()].map((provider) => tab(provider.name, provider.title))}
      </nav>
      <form class="filters" method="get" action="/">
        {filter.provider ? <input type="hidden" name="provider" value={filter.provider} /> : ''}
        <input name="to" placeholder="to 8801XXXXXXXXX" value={q.to ?? ''} />
        <input name="text" placeholder="text contains" value={q.text ?? ''} />
        <select name="status">
          <option value="">any status</option>
          {messageStatuses.map((status) => (
            <option value={status} selected={filter.status === status}>
              {status}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
        <span class="muted">
          {total > PAGE_SIZE ? `newest ${PAGE_SIZE} of ${total}` : `${total} message${total === 1 ? '' : 's'}`}; JSON at{' '}
          <a href="/api/messages">/api/messages</a>
        </span>
      </form>
      <table>
        <thead>
          <tr>
            <th>id / accepted (Dhaka)</th>
            <th>provider</th>
            <th>from</th>
            <th>to</th>
            <th>text</th>
            <th>status</th>
            <th>history</th>
          </tr>
        </thead>
        <tbody id="rows">
          <Rows messages={messages} titles={titles} />
        </tbody>
      </table>
    </Layout>,
  )
}

export function messagePage(c: Context, state: EmulatorState): Response | Promise<Response> {
  const id = c.req.param('id') ?? ''
  const [found] = resolveMessages(state, id)
  if (!found) throw notFound(`No message has the id "${id}".`)
  const message = messageJson(state, found)
  const final = message.status === 'delivered' || message.status === 'failed'
  const rows: [string, Child][] = [
    ['provider', state.providers.get(message.provider)?.title ?? message.provider],
    ['submission id', message.submissionId],
    ['account', message.account],
    ['from', message.from],
    ['to', `${message.to} (${message.operator})`],
    ['text', message.text],
    ...(message.shownText === undefined ? [] : ([['handset shows', message.shownText]] as [string, Child][])),
    ['encoding', `${message.encoding}, ${message.segments} segment${message.segments === 1 ? '' : 's'}, ${message.credits} credit${message.credits === 1 ? '' : 's'}`],
    ['accepted', shown(message.acceptedAt)],
    ...(message.scheduledFor === undefined ? [] : ([['scheduled for', shown(message.scheduledFor)]] as [string, Child][])),
    ['status', <StatusBadge message={message} />],
    ['rule', message.rule ?? 'none (default delivery)'],
    ...Object.entries(message.meta).map(([name, value]): [string, Child] => [name, value]),
  ]
  return c.html(
    <Layout state={state} title={`Message ${message.id}`}>
      <p>
        <a href="/">← inbox</a> · <a href={`/api/messages/${encodeURIComponent(message.id)}`}>JSON</a>
      </p>
      <h2>Message {message.id}</h2>
      <dl>
        {rows.map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <h3>History</h3>
      <table>
        <thead>
          <tr>
            <th>status</th>
            <th>at (Dhaka)</th>
            <th>reason / code</th>
          </tr>
        </thead>
        <tbody>
          {message.history.map((event) => (
            <tr>
              <td>{event.status}</td>
              <td>{shown(event.at)}</td>
              <td>{[event.reason, event.code].filter(Boolean).join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {final ? (
        ''
      ) : (
        <p>
          Force the outcome: <button data-force="delivered" data-id={message.id}>delivered</button> <button data-force="sent" data-id={message.id}>sent</button>{' '}
          <button data-force="failed" data-id={message.id}>failed</button>{' '}
          <select id="reason">
            {deliveryReasonNames
              .filter((reason) => reason !== 'delivered')
              .map((reason) => (
                <option value={reason}>{reason}</option>
              ))}
          </select>
        </p>
      )}
    </Layout>,
  )
}
