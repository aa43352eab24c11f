// A first-in first-out list for the store's acceptance order, recipient index and report queues.

/**
 * A first-in first-out list in a ring of slots (a power of two), doubled when full: pushing and shifting
 * are O(1) and, once the ring is big enough, copy nothing (an array shifted from the front would be
 * compacted, a full copy, again and again).
 */
export class Queue<T> {
  #slots: (T | undefined)[] = new Array<T | undefined>(4)
  #head = 0
  #size = 0

  get size(): number {
    return this.#size
  }

  push(item: T): void {
    if (this.#size === this.#slots.length) this.#grow()
    this.#slots[(this.#head + this.#size) & (this.#slots.length - 1)] = item
    this.#size++
  }

  at(i: number): T | undefined {
    return i >= 0 && i < this.#size ? this.#slots[(this.#head + i) & (this.#slots.length - 1)] : undefined
  }

  shift(): T | undefined {
    if (this.#size === 0) return undefined
    const item = this.#slots[this.#head]
    this.#slots[this.#head] = undefined
    this.#head = (this.#head + 1) & (this.#slots.length - 1)
    this.#size--
    return item
  }

  clear(): void {
    this.#slots = new Array<T | undefined>(4)
    this.#head = 0
    this.#size = 0
  }

  #grow(): void {
    const slots = new Array<T | undefined>(this.#slots.length * 2)
    for (let i = 0; i < this.#size; i++) slots[i] = this.#slots[(this.#head + i) & (this.#slots.length - 1)]
    this.#slots = slots
    this.#head = 0
  }
}
