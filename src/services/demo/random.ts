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
    const a = this.nextUint32()
    const b = this.nextUint32()
    const c = this.nextUint32()
    const d = this.nextUint32()
    // Version nibble 4 and variant bits 10xx, as crypto.randomUUID() produces.
    const version = ((b & 0xffff0fff) | 0x00004000) >>> 0
    const variant = ((c & 0x3fffffff) | 0x80000000) >>> 0
    return (
      hex8(a) +
      '-' +
      hex8(version).slice(0, 4) +
      '-' +
      hex8(version).slice(4) +
      '-' +
      hex8(variant).slice(0, 4) +
      '-' +
      hex8(variant).slice(4) +
      hex8(d)
    )
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

function hex8(value: number): string {
  return (
    (HEX_BYTES[value >>> 24] ?? '') +
    (HEX_BYTES[(value >>> 16) & 0xff] ?? '') +
    (HEX_BYTES[(value >>> 8) & 0xff] ?? '') +
    (HEX_BYTES[value & 0xff] ?? '')
  )
}
