// The frame of every inbox page: header with views and clock, live regions, notices; shared pieces.
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { ClockMode } from '../../core/clock.js'
import type { EmulatorState } from '../../core/state.js'
import type { MessageView } from '../../core/store.js'
import { SCRIPT } from './client.js'
import { dhaka } from './format.js'
import { STYLE } from './style.js'

export type View = 'messages' | 'requests' | 'controls'

const views: readonly [View, string, string][] = [
  ['messages', 'Messages', '/'],
  ['requests', 'Requests', '/requests'],
  ['controls', 'Controls', '/controls'],
]

const CLOCK_STEPS = ['10s', '1m', '5m', '1h', '1d'] as const

/** Each switch of the clock, and the mode it applies in. */
const CLOCK_SWITCHES: readonly { action: string; label: string; done: string; appliesIn: ClockMode }[] = [
  { action: 'freeze', label: 'Freeze', done: 'Clock frozen.', appliesIn: 'real' },
  { action: 'resume', label: 'Resume', done: 'Clock running.', appliesIn: 'manual' },
]

/** The clock's Freeze and Resume buttons: both, or only the one that applies in `mode`. */
export function ClockSwitches(props: { mode?: ClockMode }) {
  return (
    <>
      {CLOCK_SWITCHES.filter((clockSwitch) => props.mode === undefined || clockSwitch.appliesIn === props.mode).map((clockSwitch) => (
        <button type="button" data-url={`/api/clock/${clockSwitch.action}`} data-done={clockSwitch.done}>
          {clockSwitch.label}
        </button>
      ))}
    </>
  )
}

function ClockBar(props: { state: EmulatorState }) {
  const { now, mode } = props.state.clock.snapshot()
  return (
    <details class="clockbar" id="clockbar">
      <summary>
        <span class="sr">Virtual clock, Dhaka time: </span>
        <span data-live="clock">
          <time id="clock" data-now={String(now)} data-mode={mode} datetime={new Date(now).toISOString()}>
            {dhaka(now)}
          </time>{' '}
          ({mode === 'real' ? 'running' : 'frozen'})
        </span>
      </summary>
      <div class="clockpanel" role="group" aria-label="Move the clock">
        {CLOCK_STEPS.map((by) => (
          <button type="button" data-url="/api/clock/advance" data-body={JSON.stringify({ by })} data-done={`Clock moved ${by} on.`}>
            +{by}
          </button>
        ))}
        <span data-live="clockmode">
          <ClockSwitches mode={mode} />
        </span>
      </div>
    </details>
  )
}

export function Layout(props: { state: EmulatorState; title: string; view?: View; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="data:," />
        <title>{props.title}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            SMS emulator
          </a>
          <nav aria-label="Views">
            <ul>
              {views.map(([view, label, href]) => (
                <li>
                  <a href={href} aria-current={props.view === view ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <ClockBar state={props.state} />
        </header>
        <main id="main">
          <p id="notice" class="notice" role="status" aria-live="polite"></p>
          {props.children}
        </main>
        <script>{raw(SCRIPT)}</script>
      </body>
    </html>
  )
}

export function StatusBadge(props: { message: MessageView; code?: { code: string; text?: string } | undefined }) {
  const { status, reason } = props.message.status
  const code = props.code ? [props.code.code, props.code.text].filter(Boolean).join(' ') : undefined
  const detail = [reason && reason !== 'delivered' ? reason : undefined, code].filter(Boolean).join(', ')
  return (
    <span class={`status ${status}`}>
      {status}
      {detail ? ` · ${detail}` : ''}
    </span>
  )
}

/** The page an unknown id or path gets: what happened and where to go. */
export function NotFoundPage(props: { state: EmulatorState; title: string; detail: string }) {
  return (
    <Layout state={props.state} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.detail}</p>
      <p>
        <a href="/">Back to the messages</a> · <a href="/requests">every request the providers received</a>
      </p>
    </Layout>
  )
}

/** Links to the neighbouring pages of a list; `href(page)` builds each link. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (props.pages <= 1) return <></>
  return (
    <nav class="pager" aria-label={props.label}>
      {props.page > 1 ? <a href={props.href(1)}>« newest</a> : ''}
      {props.page > 1 ? (
        <a href={props.href(props.page - 1)} rel="prev">
          ‹ newer
        </a>
      ) : (
        ''
      )}
      <span>
        page {props.page} of {props.pages}
      </span>
      {props.page < props.pages ? (
        <a href={props.href(props.page + 1)} rel="next">
          older ›
        </a>
      ) : (
        ''
      )}
      {props.page < props.pages ? <a href={props.href(props.pages)}>oldest »</a> : ''}
    </nav>
  )
}
