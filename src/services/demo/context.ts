import type { IsoDate, IsoDateTime, Stamped } from '@/domain/types'
import { Rng } from './random'

/** What every part of the generator shares: the stream, the reference day and the scale. */
export interface DemoContext {
  rng: Rng
  today: IsoDate
  scale: number
}

export function createContext(seed: number, today: IsoDate, scale: number): DemoContext {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD: ${today}`)
  return { rng: new Rng(seed), today, scale }
}

export function timestamp(on: IsoDate): IsoDateTime {
  return `${on}T08:00:00.000Z`
}

/**
 * Id and stamps of a new record. Records of an event carry its date; register entries
 * carry the reference day (the day the demo was "entered").
 * Spread it last in a literal: V8 is an order of magnitude slower when many properties
 * follow a spread, which matters for the benchmark scales.
 */
export function stamp(ctx: DemoContext, on: IsoDate = ctx.today): Stamped {
  const at = timestamp(on > ctx.today ? ctx.today : on)
  return { id: ctx.rng.uuid(), createdAt: at, updatedAt: at }
}
