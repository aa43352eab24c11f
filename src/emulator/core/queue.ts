// A first-in first-out list for the store's acceptance order and recipient index.

/** A first-in first-out list with O(1) removal at the front (arrays shift in O(n)). */
export class Queue<T> {
  items: (T | undefined)[] = []
  head = 0

  get size(): number {
    return this.items.length - this.head
  }

  push(item: T): void {
    this.items.push(item)
  }

  at(i: number): T | undefined {
    return this.items[this.head + i]
  }

  shift(): T | undefined {
    const item = this.items[this.head]
    this.items[this.head++] = undefined
    // Compact now and then: amortised O(1), and the array does not grow forever.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
}
