/**
 * A small seeded PRNG (mulberry32 behind a splitmix-style seed hash), so the demo data
 * is the same on every device and in every test run. Never Math.random here.
 */
export class Rng {
  private state: number

  constructor(seed: number) {
    // Hash the seed so that neighbouring seeds do not start neighbouring streams.
    let h = (seed ^ 0x9e3779b9) >>> 0
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
    this.state = (h ^ (h >>> 16)) >>> 0
  }

  /** Next 32-bit unsigned integer (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  /** Index drawn with the given non-negative weights. */
  weightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((sum, weight) => sum + weight, 0)
    let target = this.next() * total
    for (let index = 0; index < weights.length; index++) {
      target -= weights[index] ?? 0
      if (target < 0) return index
    }
    return weights.length - 1
  }

  /** A new shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let index = copy.length - 1; index > 0; index--) {
      const other = this.int(0, index)
      const held = copy[index] as T
      copy[index] = copy[other] as T
      copy[other] = held
    }
    return copy
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count)
  }

  /** A UUID-v4-shaped id drawn from the stream, so one seed gives one set of ids. */
  uuid(): string {
    let hex = ''
    for (let word = 0; word < 4; word++) hex += this.nextUint32().toString(16).padStart(8, '0')
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      '4' + hex.slice(13, 16),
      variant + hex.slice(17, 20),
      hex.slice(20, 32),
    ].join('-')
  }
}
