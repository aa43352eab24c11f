import { expect, test } from 'vitest'
import { Queue } from '../../src/emulator/core/queue.js'

test('the queue keeps first-in first-out order through wrap-arounds and growth, as an array would', () => {
  const queue = new Queue<number>()
  const model: number[] = []
  let next = 0
  let seed = 3
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
  for (let step = 0; step < 10_000; step++) {
    // Bursts of pushes and shifts, so the ring both wraps and doubles.
    if (random(3) > 0 || model.length === 0) {
      queue.push(next)
      model.push(next++)
    } else expect(queue.shift()).toBe(model.shift())
    expect(queue.size).toBe(model.length)
    if (step % 997 === 0) expect(Array.from({ length: model.length + 2 }, (_, i) => queue.at(i - 1))).toEqual([undefined, ...model, undefined])
  }
  queue.clear()
  expect([queue.size, queue.at(0), queue.shift()]).toEqual([0, undefined, undefined])
})
