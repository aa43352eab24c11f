// The inbox: every stored message, newest first, paged, searchable, per provider; a table or cards.
import type { Context } from 'hono'
import type { EmulatorState } from '../../core/state.js'
import { apiOf } from '../../core/message-filter.js'
import type { MessageFilter, MessageView } from '../../core/store.js'
import { messageStatuses } from '../messages.js'
import { providerCodeOf } from './exchanges.js'
import { dhaka, dhakaClock, plural } from './format.js'
import { Layout, Pager, StatusBadge } from './layout.js'
import { matchesSearch, searchTerm } from './search.js'

export const PAGE_SIZE = 50
const pageCount = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE))

interface ListQuery {
  /** The API tab: each API of a provider has its own (MiM SMS, MiM JSON API). */
  readonly api?: string
  readonly status?: string
  readonly q: string
  readonly page: number
}

/** The page's query, read leniently: a value that makes no sense is ignored, not an error page. */
function listQuery(c: Context, state: EmulatorState): ListQuery {
  const q = c.req.query()
  const page = Number.parseInt(q.page ?? '1', 10)
  // `provider` is how links from before the API tabs named them.
  const api = q.api ?? q.provider
  return {
    ...(api && state.providers.has(api) ? { api } : {}),
    ...(q.status && (messageStatuses as readonly string[]).includes(q.status) ? { status: q.status } : {}),
    q: (q.q ?? '').slice(0, 200),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  }
}

function href(query: ListQuery, changes: Partial<ListQuery>): string {
  const next = { ...query, ...changes }
  const params = new URLSearchParams()
  if (next.api) params.set('api', next.api)
  if (next.status) params.set('status', next.status)
  if (next.q) params.set('q', next.q)
  if (next.page > 1) params.set('page', String(next.page))
  const search = params.toString()
  return search ? `/?${search}` : '/'
}

type CodeOf = (view: MessageView) => { code: string; text?: string } | undefined

/**
 * The matching messages on one page (the last when `page` is past it), newest first, and how many match
 * in all: without a search the store pages and counts them, so an open inbox costs little however many
 * messages are stored.
 */
function matching(state: EmulatorState, query: ListQuery, codeOf: CodeOf): { total: number; page: number; views: MessageView[] } {
  const filter: MessageFilter = { ...(query.api ? { api: query.api } : {}), ...(query.status ? { status: query.status } : {}) }
  const term = searchTerm(query.q)
  if (!term) {
    let found = state.store.page(filter, (query.page - 1) * PAGE_SIZE, PAGE_SIZE)
    const page = Math.min(query.page, pageCount(found.total))
    if (page !== query.page) found = state.store.page(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    return { total: found.total, page, views: found.messages.map((message) => state.store.view(message)) }
  }
  const found = state.store.find(filter)
  const views: MessageView[] = []
  for (let i = found.length - 1; i >= 0; i--) {
    const view = state.store.view(found[i] as NonNullable<(typeof found)[number]>)
    const code = codeOf(view)
    if (matchesSearch(term, view, code && [code.code, code.text].filter(Boolean).join(' '))) views.push(view)
  }
  const page = Math.min(query.page, pageCount(views.length))
  return { total: views.length, page, views: views.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) }
}

function MessageRow(props: { view: MessageView; title: string; code: ReturnType<CodeOf> }) {
  const { view } = props
  const link = `/messages/${encodeURIComponent(view.id)}`
  const differs = view.shownText !== view.text
  return (
    <tr>
      <td class="to">
        <a href={link} aria-label={`Message ${view.id} to ${view.to}`}>
          {view.to}
        </a>
        <div class="operator small muted">{view.operator}</div>
      </td>
      <td class="from">{view.from}</td>
      <td class="text">
        <div class="body">
          {view.shownText}
        </div>
        <span class="chip">{view.encoding}</span>
        <span class="chip">{plural(view.segments, 'segment')}</span>
        {differs ? <span class="chip" title="the handset shows other characters than were sent">text changed on the handset</span> : ''}
      </td>
      <td class="state">
        <StatusBadge message={view} code={props.code} />
        {view.scheduledFor === undefined ? '' : <div class="small muted">for {dhaka(view.scheduledFor)}</div>}
      </td>
      <td class="provider">{props.title}</td>
      <td class="time">
        <time datetime={new Date(view.acceptedAt).toISOString()} title={dhaka(view.acceptedAt)}>
          {dhakaClock(view.acceptedAt)}
        </time>
        <div class="history small muted">{view.id}</div>
      </td>
    </tr>
  )
}

export function inboxPage(c: Context, state: EmulatorState): Response | Promise<Response> {
  const query = listQuery(c, state)
  const titles = new Map([...state.providers.values()].map((provider) => [provider.name, provider.title]))
  const codeOf: CodeOf = (view) => providerCodeOf(state, view)
  const { total, page, views: shown } = matching(state, query, codeOf)
  const pages = pageCount(total)
  const tab = (api: string | undefined, label: string) => (
    <a href={href(query, { api, page: 1 })} aria-current={query.api === api ? 'page' : undefined}>
      {label} ({state.store.count(api === undefined ? {} : { api })})
    </a>
  )
  const first = (page - 1) * PAGE_SIZE + 1
  return c.html(
    <Layout state={state} title={`Inbox (${state.store.size}) · SMS emulator`} view="messages">
      <h1>Messages</h1>
      <form class="search" method="get" action="/" role="search">
        {query.api ? <input type="hidden" name="api" value={query.api} /> : ''}
        <label class="sr" for="q">
          Search recipient, sender, text, id or provider code
        </label>
        <input id="q" type="search" name="q" value={query.q} placeholder="Search number, sender, text, id, code" />
        <label class="sr" for="status">
          Status
        </label>
        <select id="status" name="status">
          <option value="">any status</option>
          {messageStatuses.map((status) => (
            <option value={status} selected={query.status === status}>
              {status}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      <div data-live="list">
        <nav class="tabs" aria-label="APIs">
          {tab(undefined, 'All')}
          {[...state.providers.values()].map((provider) => tab(provider.name, provider.title))}
        </nav>
        <p class="summary" id="summary">
          <span>
            {total === 0
              ? 'No message matches.'
              : total > shown.length
                ? `${first}–${first + shown.length - 1} of ${plural(total, 'message')}`
                : plural(total, 'message')}
          </span>
          <span class="muted small">
            newest first · <a href="/api/messages">JSON</a>
          </span>
        </p>
        {state.store.size === 0 ? (
          <p class="panel">Nothing sent yet. Send a message to a provider port and it shows up here at once.</p>
        ) : (
          <table class="messages">
            <caption class="sr">Messages, newest first</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">From</th>
                <th scope="col">Text</th>
                <th scope="col">Status</th>
                <th scope="col">Provider</th>
                <th scope="col">Accepted (Dhaka)</th>
              </tr>
            </thead>
            <tbody id="rows">
              {shown.map((view) => (
                <MessageRow view={view} title={titles.get(apiOf(view)) ?? apiOf(view)} code={codeOf(view)} />
              ))}
            </tbody>
          </table>
        )}
        <Pager page={page} pages={pages} href={(to) => href(query, { page: to })} label="Pages of messages" />
      </div>
    </Layout>,
  )
}
