// The requests view: every exchange in the journal (sends, reads, refusals, faults), newest first.
import type { Context } from 'hono'
import type { Violation } from '../../../contracts/kit/verify-consumer.js'
import type { EmulatorState } from '../../core/state.js'
import { resolveMessages } from '../messages.js'
import { concerns, type Exchange, exchangeKinds, exchangeReader, type ExchangeKind, violationsBySeq } from './exchanges.js'
import { dhaka, plural } from './format.js'
import { Layout, Pager } from './layout.js'

const PAGE_SIZE = 50

export function ExchangeDetails(props: { exchange: Exchange; violations: readonly Violation[]; titles?: ReadonlyMap<string, string> }) {
  const { exchange, violations } = props
  const { entry } = exchange
  const code = exchange.code === undefined ? undefined : [exchange.code, exchange.codeText].filter(Boolean).join(' ')
  return (
    <details class="exchange" id={`request-${entry.seq}`}>
      <summary>
        <time datetime={new Date(entry.at).toISOString()}>{dhaka(entry.at).slice(11)}</time> ·{' '}
        {props.titles ? `${props.titles.get(entry.provider) ?? entry.provider} · ` : ''}
        <b>
          {entry.method} {exchange.endpoint?.id ?? entry.path}
        </b>{' '}
        · HTTP {entry.status}
        {code ? (
          <>
            {' '}
            · <code>{code}</code> {exchange.meaning ?? ''}
          </>
        ) : (
          ''
        )}{' '}
        · {entry.latencyMs} ms · <span class={`chip kind-${exchange.kind}`}>{exchange.kind}</span>
        {entry.fault ? <span class="chip kind-fault">fault: {entry.fault}</span> : ''}
        {violations.length > 0 ? <span class="chip kind-refusal">{plural(violations.length, 'contract violation')}</span> : ''}
      </summary>
      <h3 class="small">Request (credentials masked)</h3>
      <pre>
        {exchange.request}
        {exchange.requestBody ? `\n\n${exchange.requestBody}` : ''}
      </pre>
      <h3 class="small">Answer{entry.fault ? ` (replaced by the fault ${entry.fault})` : ''}</h3>
      <pre>{exchange.response === '' ? '(no body)' : exchange.response}</pre>
      {exchange.ids.length > 0 ? (
        <p class="small">
          Names:{' '}
          {exchange.ids.map((id) => (
            <>
              <a href={`/messages/${encodeURIComponent(id)}`}>{id}</a>{' '}
            </>
          ))}
          {entry.rule ? ` · scenario rule ${entry.rule}` : ''}
        </p>
      ) : entry.rule ? (
        <p class="small">Scenario rule {entry.rule}</p>
      ) : (
        ''
      )}
      {violations.length > 0 ? (
        <ul class="violation">
          {violations.map((violation) => (
            <li>
              <b>{violation.kind}</b>: {violation.message} <span class="muted">{violation.hint}</span>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </details>
  )
}

export function requestsPage(c: Context, state: EmulatorState): Response | Promise<Response> {
  const q = c.req.query()
  const provider = q.provider && state.providers.has(q.provider) ? q.provider : undefined
  const kind = (exchangeKinds as readonly string[]).includes(q.kind ?? '') ? (q.kind as ExchangeKind) : undefined
  const [message] = q.message ? resolveMessages(state, q.message) : []
  const entries = state.journal.list(provider ? { provider } : {})
  const read = exchangeReader(state)
  const view = message ? state.store.view(message) : undefined
  const exchanges: Exchange[] = []
  for (let i = entries.length - 1; i >= 0; i--) {
    const exchange = read(entries[i] as NonNullable<(typeof entries)[number]>)
    if (kind && exchange.kind !== kind) continue
    if (view && !concerns(exchange, view)) continue
    exchanges.push(exchange)
  }
  const pages = Math.max(1, Math.ceil(exchanges.length / PAGE_SIZE))
  const page = Math.min(Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1), pages)
  const shown = exchanges.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const violations = violationsBySeq(state, entries)
  const titles = new Map([...state.providers.values()].map((definition) => [definition.name, definition.title]))
  const link = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams()
    const next = { provider, kind, message: view?.id, ...changes }
    for (const [name, value] of Object.entries(next)) if (value) params.set(name, value)
    const search = params.toString()
    return search ? `/requests?${search}` : '/requests'
  }
  const newest = state.journal.list({}).at(-1)?.seq ?? 0
  return c.html(
    <Layout state={state} title="Requests · SMS emulator" view="requests">
      <h1>Requests{view ? ` naming message ${view.id}` : ''}</h1>
      <p class="small muted">
        Every request the provider ports received and what they answered ({state.journal.size} kept, at most {state.journal.capacity}). <a href="/api/journal">JSON</a>
        {view ? (
          <>
            {' '}
            · <a href={link({ message: undefined })}>all requests</a> · <a href={`/messages/${encodeURIComponent(view.id)}`}>the message</a>
          </>
        ) : (
          ''
        )}
      </p>
      <div data-live="requests" data-journal-seq={String(newest)}>
        <nav class="tabs" aria-label="Kinds of request">
          <a href={link({ kind: undefined, page: undefined })} aria-current={kind === undefined ? 'page' : undefined}>
            all
          </a>
          {exchangeKinds.map((name) => (
            <a href={link({ kind: name, page: undefined })} aria-current={kind === name ? 'page' : undefined}>
              {name === 'refusal' ? 'refusals' : name === 'fault' ? 'faults' : name === 'read' ? 'reads' : name === 'send' ? 'sends' : 'other'}
            </a>
          ))}
        </nav>
        <nav class="tabs" aria-label="Providers of requests">
          <a href={link({ provider: undefined, page: undefined })} aria-current={provider === undefined ? 'page' : undefined}>
            every provider
          </a>
          {[...state.providers.values()].map((definition) => (
            <a href={link({ provider: definition.name, page: undefined })} aria-current={provider === definition.name ? 'page' : undefined}>
              {definition.title}
            </a>
          ))}
        </nav>
        <p class="summary">{exchanges.length === 0 ? 'No request matches.' : plural(exchanges.length, 'request')}</p>
        {shown.map((exchange) => (
          <ExchangeDetails exchange={exchange} violations={violations.get(exchange.entry.seq) ?? []} titles={titles} />
        ))}
        <Pager page={page} pages={pages} href={(to) => link({ page: String(to) })} label="Pages of requests" />
      </div>
    </Layout>,
  )
}
