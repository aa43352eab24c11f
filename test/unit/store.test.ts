import { expect, test } from 'vitest'
import { createJournal } from '../../src/emulator/core/journal.js'
import { forceOutcome, historyAt, statusAt } from '../../src/emulator/core/lifecycle.js'
import { createMessageStore, messageRecord, type NewMessage } from '../../src/emulator/core/store.js'

const aMessage = (overrides: Partial<NewMessage> = {}): NewMessage => ({
  id: 'S1.1',
  submissionId: 'S1',
  provider: 'p',
  account: 'k',
  from: 'DEMO',
  to: '8801712345678',
  operator: 'Grameenphone',
  text: 'hi',
  shownText: 'hi',
  encoding: 'GSM-7',
  segments: 1,
  credits: 1,
  acceptedAt: 0,
  releaseAt: 0,
  plan: [
    { afterMs: 1000, status: 'sent' },
    { afterMs: 3000, status: 'delivered', reason: 'delivered' },
  ],
  meta: {},
  ...overrides,
})

test('status and history are computed from the plan and the time asked', () => {
  const message = aMessage({ releaseAt: 5000 })
  expect(statusAt(message, 0).status).toBe('scheduled')
  expect(statusAt(message, 5000).status).toBe('accepted')
  expect(statusAt(message, 6000).status).toBe('sent')
  expect(historyAt(message, 9000).map((e) => [e.status, e.at])).toEqual([
    ['scheduled', 0],
    ['accepted', 5000],
    ['sent', 6000],
    ['delivered', 8000],
  ])
})

test('a forced outcome keeps the past and applies from now', () => {
  const message = aMessage()
  forceOutcome(message, 1500, { status: 'failed', reason: 'barred-subscriber' })
  expect(historyAt(message, 99_999).map((e) => e.status)).toEqual(['accepted', 'sent', 'failed'])
  expect(statusAt(message, 1500)).toMatchObject({ status: 'failed', reason: 'barred-subscriber', at: 1500 })
})

test('report queues hand out each final report once, in the order they became final', () => {
  let now = 0
  const store = createMessageStore(() => now)
  store.add(aMessage({ id: 'A.1', submissionId: 'A', plan: [{ afterMs: 5000, status: 'delivered', reason: 'delivered' }] }))
  store.add(aMessage({ id: 'B.1', submissionId: 'B', plan: [{ afterMs: 2000, status: 'failed', reason: 'rejected' }] }))
  store.add(aMessage({ id: 'C.1', submissionId: 'C', plan: [] }))
  now = 3000
  expect(store.takeReports('p', 'k', 10).map((m) => m.id)).toEqual(['B.1'])
  now = 10_000
  expect(store.takeReports('p', 'k', 10).map((m) => m.id)).toEqual(['A.1'])
  expect(store.takeReports('p', 'k', 10)).toEqual([])
})

test('find uses filters and indexes', () => {
  const store = createMessageStore(() => 10_000)
  store.add(aMessage({ id: 'A.1', submissionId: 'A', text: 'Your OTP' }))
  store.add(aMessage({ id: 'B.1', submissionId: 'B', to: '8801812345678' }))
  expect(store.find({ to: '8801812345678' }).map((m) => m.id)).toEqual(['B.1'])
  expect(store.find({ text: 'otp' }).map((m) => m.id)).toEqual(['A.1'])
  expect(store.find({ status: 'delivered' })).toHaveLength(2)
  expect(store.submission('p', 'A').map((m) => m.id)).toEqual(['A.1'])
  expect(store.isSubmissionIdTaken('A')).toBe(true)
})

test('the journal keeps the newest entries up to its capacity', () => {
  const journal = createJournal(3)
  for (let i = 0; i < 5; i++) {
    journal.record({ at: i, provider: 'p', method: 'GET', url: `/${i}?n=${i}`, rawHeaders: ['Host', 'x'], clientIp: '127.0.0.1', status: 200, response: '', latencyMs: 0 })
  }
  expect(journal.list().map((e) => e.path)).toEqual(['/2', '/3', '/4'])
  expect(journal.list().map((e) => e.query)).toEqual([{ n: '2' }, { n: '3' }, { n: '4' }])
  expect(journal.list({ after: 4 }).map((e) => e.seq)).toEqual([5])
  expect(journal.list({ after: 1, path: '/3' }).map((e) => e.seq)).toEqual([4])
})

test('the journal also keeps under its byte cap, dropping the oldest', () => {
  const journal = createJournal({ capacity: 100, maxBytes: 1000 })
  for (let i = 0; i < 10; i++) {
    journal.record({ at: i, provider: 'p', method: 'POST', url: `/${i}`, rawHeaders: [], body: new Uint8Array(300), clientIp: '127.0.0.1', status: 200, response: '', latencyMs: 0 })
  }
  expect(journal.bytes).toBeLessThanOrEqual(1000)
  expect(journal.list().map((e) => e.path)).toEqual(['/8', '/9'])
  expect(journal.count()).toBe(2)
})

test('the journal reuses its slots round the ring and shows each entry with the headers it came with', () => {
  const journal = createJournal(2)
  const sent = [['Host', 'a', 'X-Trace', '1'], ['Host', 'a', 'X-Trace', '1'], ['Host', 'b'], ['Host', 'a', 'X-Trace', '2']]
  for (const [i, rawHeaders] of sent.entries()) {
    journal.record({ at: i, provider: 'p', method: 'GET', url: `/${i}`, rawHeaders: [...rawHeaders], clientIp: '127.0.0.1', status: 200, response: `r${i}`, latencyMs: 0, ...(i === 2 ? { rule: 'slow' } : {}) })
    expect(journal.list().at(-1)?.headers).toEqual(i === 2 ? { host: 'b' } : { host: 'a', 'x-trace': String(i === 3 ? 2 : 1) })
  }
  expect(journal.list().map((e) => [e.seq, e.path, e.response, e.rule])).toEqual([
    [3, '/2', 'r2', 'slow'],
    [4, '/3', 'r3', undefined],
  ])
  journal.clear()
  journal.record({ at: 9, provider: 'p', method: 'GET', url: '/9', rawHeaders: ['Host', 'a', 'X-Trace', '1'], clientIp: '127.0.0.1', status: 200, response: '', latencyMs: 0 })
  expect(journal.list().map((e) => [e.path, e.headers])).toEqual([['/9', { host: 'a', 'x-trace': '1' }]])
})

test('a message gives back what it was stored with: rare fields, credits other than segments, marks and removal', () => {
  const store = createMessageStore(() => 0)
  const plain = aMessage()
  const unusual = aMessage({ id: 'custom-id', submissionId: 'S2', shownText: 'h?', credits: 3, rule: 'slow', api: 'json', meta: { type: 'text' } })
  const [a, b] = [store.add(plain), store.add(unusual, ['x:read', 'x:final'])]
  expect(messageRecord(a)).toEqual({ ...plain, meta: {} })
  expect(messageRecord(b)).toEqual(unusual)
  expect(store.get('custom-id')).toBe(b)
  expect([store.marksOf(a), store.marksOf(b)]).toEqual([[], ['x:read', 'x:final']])
  store.mark(a as never, 'x:final')
  expect([store.hasMark(a as never, 'x:final'), store.hasMark(a as never, 'x:read'), store.hasMark(a as never, 'never-used')]).toEqual([true, false, false])
  expect(store.remove(b)).toBe(true)
  expect([store.holds(b), store.size, store.hasMark(b as never, 'x:read')]).toEqual([false, 1, true])
})

test('a capped store evicts the oldest first, and an evicted message is unknown everywhere', () => {
  let now = 0
  const store = createMessageStore(() => now, 3)
  for (const id of ['A', 'B', 'C', 'D']) store.add(aMessage({ id: `${id}.1`, submissionId: id, plan: [{ afterMs: 1000, status: 'delivered', reason: 'delivered' }] }))
  store.add(aMessage({ id: 'E.1', submissionId: 'E', to: '8801812345678' }))
  expect(store.size).toBe(3)
  expect(store.get('A.1')).toBeUndefined()
  expect(store.get('B.1')).toBeUndefined()
  expect(store.submission('p', 'A')).toEqual([])
  expect(store.isSubmissionIdTaken('A')).toBe(false)
  expect(store.find({ to: '8801712345678' }).map((m) => m.id)).toEqual(['C.1', 'D.1'])
  expect(store.page({}, 0, 10)).toMatchObject({ total: 3 })
  expect(store.count({ provider: 'p' })).toBe(3)
  now = 5000
  expect(store.takeReports('p', 'k', 10).map((m) => m.id)).toEqual(['C.1', 'D.1', 'E.1'])
})

test('a submission whose first recipients were evicted answers with the rest only', () => {
  const store = createMessageStore(() => 0, 2)
  for (let i = 0; i < 3; i++) store.add(aMessage({ id: `S.${i + 1}`, submissionId: 'S', to: `880171234567${i}` }))
  expect(store.submission('p', 'S').map((m) => m.id)).toEqual(['S.2', 'S.3'])
  expect(store.get('S.1')).toBeUndefined()
  expect(store.get('S.3')?.to).toBe('8801712345672')
})

test('page and count answer newest first with a status filter, without building the history', () => {
  const store = createMessageStore(() => 2000)
  store.add(aMessage({ id: 'A.1', submissionId: 'A' }))
  store.add(aMessage({ id: 'B.1', submissionId: 'B', acceptedAt: 1500, releaseAt: 1500 }))
  store.add(aMessage({ id: 'C.1', submissionId: 'C' }))
  expect(store.page({ status: 'sent' }, 0, 1)).toMatchObject({ total: 2, messages: [{ id: 'C.1' }] })
  expect(store.page({ status: 'sent' }, 1, 5).messages.map((m) => m.id)).toEqual(['A.1'])
  expect(store.count({ status: 'accepted' })).toBe(1)
})

test('the store tells an observer what changed (for writing through to a database)', () => {
  const store = createMessageStore(() => 0, 1)
  const seen: string[] = []
  store.observe({ added: (m) => seen.push(`added ${m.id}`), evicted: (m) => seen.push(`evicted ${m.id}`), marked: (m, mark) => seen.push(`${mark} ${m.id}`) })
  const first = store.add(aMessage({ id: 'A.1', submissionId: 'A' }))
  store.mark(first, 'x')
  store.add(aMessage({ id: 'B.1', submissionId: 'B' }))
  expect(seen).toEqual(['added A.1', 'x A.1', 'added B.1', 'evicted A.1'])
})

test('a removed message is gone from every index, and its slot does not count against the cap', () => {
  const store = createMessageStore(() => 0, 2)
  store.add(aMessage({ id: 'A.1', submissionId: 'A' }))
  const b = store.add(aMessage({ id: 'B.1', submissionId: 'B' }))
  expect(store.remove(b)).toBe(true)
  expect(store.remove(b)).toBe(false)
  expect(store.get('B.1')).toBeUndefined()
  expect(store.latest()?.id).toBe('A.1')
  expect(store.find({ to: '8801712345678' }).map((m) => m.id)).toEqual(['A.1'])
  store.add(aMessage({ id: 'C.1', submissionId: 'C' }))
  expect(store.size).toBe(2)
  expect(store.page({}, 0, 10).messages.map((m) => m.id)).toEqual(['C.1', 'A.1'])
  store.add(aMessage({ id: 'D.1', submissionId: 'D' }))
  expect(store.page({}, 0, 10).messages.map((m) => m.id)).toEqual(['D.1', 'C.1'])
})

test('reports come out in the order they became final, whatever order the plans were accepted in, once each', () => {
  let t = 0
  const store = createMessageStore(() => t)
  const finalAfter = [3000, 3000, 500, 3000, 9000, 100, 3000, 4000]
  finalAfter.forEach((after, i) =>
    store.add(aMessage({ id: `M${i}.1`, submissionId: `M${i}`, acceptedAt: i, releaseAt: i, plan: [{ afterMs: after, status: 'delivered', reason: 'delivered' }] })),
  )
  const expected = finalAfter.map((after, i) => ({ id: `M${i}.1`, at: i + after })).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
  t = 5000
  const first = store.takeReports('p', 'k', 3).map((m) => m.id)
  const rest = store.takeReports('p', 'k', 10).map((m) => m.id)
  expect([...first, ...rest]).toEqual(expected.filter((e) => e.at <= 5000).map((e) => e.id))
  t = 10_000
  expect(store.takeReports('p', 'k', 10).map((m) => m.id)).toEqual(['M4.1'])
  expect(store.takeReports('p', 'k', 10)).toEqual([])
})

test("the api filter matches a message's API (its provider's when it has none), counted as messages come and go", () => {
  const store = createMessageStore(() => 0, 3)
  const a = store.add(aMessage({ id: 'A.1', submissionId: 'A', provider: 'mim' }))
  store.add(aMessage({ id: 'B.1', submissionId: 'B', provider: 'mim', api: 'mim-json' }))
  store.add(aMessage({ id: 'C.1', submissionId: 'C', provider: 'mim', api: 'mim-json' }))
  expect([store.count({ api: 'mim' }), store.count({ api: 'mim-json' }), store.count({ provider: 'mim' })]).toEqual([1, 2, 3])
  expect(store.page({ api: 'mim-json' }, 0, 1)).toMatchObject({ total: 2, messages: [{ id: 'C.1' }] })
  expect(store.page({ api: 'mim-json' }, 1, 5)).toMatchObject({ total: 2, messages: [{ id: 'B.1' }] })
  expect(store.page({ api: 'mim-json' }, 2, 5)).toMatchObject({ total: 2, messages: [] })
  expect(store.page({ api: 'mim', account: 'k' }, 0, 5)).toMatchObject({ total: 1, messages: [{ id: 'A.1' }] })
  expect(store.remove(a)).toBe(true)
  expect(store.count({ api: 'mim' })).toBe(0)
  store.add(aMessage({ id: 'D.1', submissionId: 'D', provider: 'mim' }))
  store.add(aMessage({ id: 'E.1', submissionId: 'E', provider: 'mim' }))
  // The cap of 3 evicted B.1.
  expect([store.count({ api: 'mim' }), store.count({ api: 'mim-json' })]).toEqual([2, 1])
  expect(store.page({ api: 'mim-json' }, 0, 5)).toMatchObject({ total: 1, messages: [{ id: 'C.1' }] })
  store.clear()
  expect(store.count({ api: 'mim-json' })).toBe(0)
})
