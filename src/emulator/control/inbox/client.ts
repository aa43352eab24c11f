// The page's script, sent as is (no build step): live regions refreshed over /api/events, a ticking
// clock, and every action through the control API (same origin, so a control-token cookie applies).
export const SCRIPT = `
'use strict';
const dhaka = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Dhaka', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const notice = document.getElementById('notice');
let hush;
function say(text, bad) {
  if (!notice) return;
  notice.textContent = text;
  notice.classList.toggle('bad', !!bad);
  clearTimeout(hush);
  hush = setTimeout(() => { notice.textContent = ''; }, bad ? 10000 : 4000);
}

// The clock: the server's reading, moved on by the browser's own time while it runs in real mode.
let clockBase = 0, clockAt = 0, clockMode = 'manual';
function readClock() {
  const clock = document.getElementById('clock');
  if (!clock) return;
  clockBase = Number(clock.dataset.now);
  clockMode = clock.dataset.mode;
  clockAt = performance.now();
}
function tick() {
  const clock = document.getElementById('clock');
  if (!clock || clockMode !== 'real') return;
  clock.textContent = dhaka.format(new Date(clockBase + performance.now() - clockAt)).replace(',', '');
}
readClock();
setInterval(tick, 1000);

// Live regions: the page itself is fetched again and every [data-live] element swapped for its new self.
let timer, busy = false, again = false;
function soon() { timer ??= setTimeout(refresh, 200); }
async function refresh() {
  timer = undefined;
  if (busy) { again = true; return; }
  busy = true;
  try {
    const res = await fetch(location.href, { headers: { accept: 'text/html' } });
    if (res.status === 404) { location.reload(); return; }
    if (!res.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
    const focused = document.activeElement && document.activeElement.id;
    for (const region of document.querySelectorAll('[data-live]')) {
      const next = fresh.querySelector('[data-live="' + region.dataset.live + '"]');
      if (!next) continue;
      for (const open of region.querySelectorAll('details[open][id]')) next.querySelector('#' + CSS.escape(open.id))?.setAttribute('open', '');
      region.replaceWith(document.adoptNode(next));
    }
    document.title = fresh.title;
    if (focused) document.getElementById(focused)?.focus();
    readClock();
  } finally {
    busy = false;
    if (again) { again = false; soon(); }
  }
}
const events = new EventSource('/api/events');
// After a lost connection, what happened meanwhile is fetched at once.
events.addEventListener('open', () => {
  if (document.documentElement.dataset.stream === 'lost') soon();
  document.documentElement.dataset.stream = 'open';
});
events.addEventListener('error', () => { document.documentElement.dataset.stream = 'lost'; });
for (const name of ['message.accepted', 'message.status', 'message.deleted', 'reset', 'clock']) events.addEventListener(name, soon);
// Requests that name no message (refusals, reads) have no event of their own: the requests view looks for new ones.
const journalSeq = document.querySelector('[data-journal-seq]');
if (journalSeq) {
  setInterval(async () => {
    const current = document.querySelector('[data-journal-seq]');
    const res = await fetch('/api/journal?limit=1');
    if (!res.ok) return;
    const { entries } = await res.json();
    const seq = entries.length ? String(entries[0].seq) : '0';
    if (current && current.dataset.journalSeq !== seq) soon();
  }, 1500);
}

// "/" jumps to the search box, as in most mail clients.
document.addEventListener('keydown', (event) => {
  const search = document.getElementById('q');
  if (event.key !== '/' || !search || event.target.closest('input,select,textarea')) return;
  event.preventDefault();
  search.focus();
});

async function call(method, url, body) {
  const res = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  if (!res.ok) {
    let detail = res.status + ' ' + res.statusText;
    try { detail = (await res.json()).detail || detail; } catch {}
    say(detail, true);
    return undefined;
  }
  return res;
}

// Buttons: data-method, data-url, data-body (JSON), data-confirm, data-done (message), data-go (where to after).
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-url]');
  if (!button) return;
  if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
  let body = button.dataset.body;
  const reasonFrom = button.dataset.reasonFrom && document.getElementById(button.dataset.reasonFrom);
  if (reasonFrom) body = JSON.stringify({ ...JSON.parse(body || '{}'), reason: reasonFrom.value });
  button.disabled = true;
  const res = await call(button.dataset.method || 'POST', button.dataset.url, body);
  button.disabled = false;
  if (!res) return;
  say(button.dataset.done || 'Done.');
  if (button.dataset.go) location.assign(button.dataset.go);
  else soon();
});

// Forms sent as JSON: data-url, data-method; a field's data-type="number" sends a number.
document.addEventListener('submit', async (event) => {
  const form = event.target.closest('form[data-url]');
  if (!form) return;
  event.preventDefault();
  let body = {};
  if (form.dataset.kind === 'fixture') {
    const name = form.elements.namedItem('fixture').value;
    const res = await call('GET', '/api/scenarios/' + encodeURIComponent(name));
    if (!res) return;
    body = await res.text();
  } else if (form.dataset.kind === 'upload') {
    const file = form.elements.namedItem('file').files[0];
    if (!file) { say('Choose a scenario file first.', true); return; }
    body = await file.text();
  } else {
    for (const field of form.elements) {
      if (!field.name || field.value === '') continue;
      // datetime-local has no zone: the page shows Dhaka time, so the moment typed is Dhaka time too.
      body[field.name] = field.dataset.type === 'number' ? Number(field.value) : field.dataset.type === 'dhaka' ? field.value + (field.value.length === 16 ? ':00' : '') + '+06:00' : field.value;
    }
  }
  const res = await call(form.dataset.method || 'POST', form.dataset.url, body);
  if (!res) return;
  say(form.dataset.done || 'Done.');
  form.reset();
  soon();
});
`
