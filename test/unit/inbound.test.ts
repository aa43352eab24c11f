import { describe, expect, test } from 'vitest'
import { createInboundStore } from '../../src/emulator/core/inbound.js'

const reply = (n: number, account = 'key-a') => ({ provider: 'mimsms', account, from: '8801712345678', to: 'DEMO', text: `reply ${n}` })

describe('inbound store', () => {
  test('keeps the newest replies up to its capacity, oldest first, through many evictions', () => {
    const store = createInboundStore(() => 0, 3)
    for (let n = 1; n <= 10; n++) store.add(reply(n))
    expect(store.size).toBe(3)
    expect(store.list().map((m) => m.text)).toEqual(['reply 8', 'reply 9', 'reply 10'])
    store.add(reply(11))
    expect(store.list().map((m) => m.id)).toEqual([9, 10, 11])
  })

  test('hands out each account’s replies oldest first, once, and filters the list by account', () => {
    let now = 100
    const store = createInboundStore(() => now, 5)
    store.add(reply(1, 'key-a'))
    store.add(reply(2, 'key-b'))
    store.add(reply(3, 'key-a'))
    now = 200
    expect(store.take('mimsms', 'key-a')?.text).toBe('reply 1')
    expect(store.take('mimsms', 'key-a')?.text).toBe('reply 3')
    expect(store.take('mimsms', 'key-a')).toBeUndefined()
    expect(store.list({ account: 'key-a' }).map((m) => m.takenAt)).toEqual([200, 200])
    expect(store.list({ account: 'key-b' })).toHaveLength(1)
  })

  test('clear empties it and numbers from 1 again', () => {
    const store = createInboundStore(() => 0, 2)
    for (let n = 1; n <= 5; n++) store.add(reply(n))
    store.clear()
    expect(store.size).toBe(0)
    expect(store.add(reply(6)).id).toBe(1)
    expect(store.list()).toHaveLength(1)
  })
})
