/**
 * Sync of this device with every server database its account opens: one push and one pull
 * replication per database (checkpoints kept on both sides), run in rounds for as long as
 * the app runs. A round pushes then pulls each database, a few at a time; a local write
 * starts the next round within `pushDelayMs`. With one database the wait between rounds is
 * the server's longpoll changes feed (its changes arrive at once); with several it is
 * `pollMs`, so a browser's six connections to one server are never all held open by
 * longpolls. Nothing is lost while offline or signed out: records stay on the device, and
 * the next round resumes from the checkpoints.
 *
 * A department syncs one database per org: 15,000 at province scale. Asking each of them
 * every second would be 15,000 requests a second for one device, nearly all of them "no
 * change". So a database whose last pull brought nothing waits its turn in an idle rotation
 * sized to `idlePollsPerSecond` (every database still asked at least every
 * `count / idlePollsPerSecond` seconds), while one that brought changes, or has a local write
 * to push, is synced again the next round. A small fleet (up to `idlePollsPerSecond ×
 * pollMs` databases) is asked every round, as before.
 */
import { countFeedAfter } from '@/db'
import { DeviceStore } from './deviceStore'
import { isAbort, SyncError } from './errors'
import type { CouchClient } from './http'
import { RemoteDatabase } from './remote'
import { Replication } from './replicate'
import type { SyncState } from './live'
import type { WriteRefusal } from './types'

export interface SyncTarget {
  /** The org whose database this is; '' for the department's register. */
  orgId: string
  database: string
}

export type TargetState = 'waiting' | 'syncing' | 'idle' | 'offline' | 'signedOut' | 'failed'

export interface TargetStatus extends SyncTarget {
  state: TargetState
  error: SyncError | null
  lastSyncedAt: string | null
  /** Local changes not on the server yet (rows of the feed after the push's checkpoint). */
  waiting: number
  /** Changes read both ways so far, and left to read (when the source says). */
  read: number
  pending: number
  denied: number
}

export interface DeviceSyncStatus {
  state: SyncState
  targets: TargetStatus[]
  lastSyncedAt: string | null
  waiting: number
  read: number
  pending: number
  denied: number
}

export interface DeviceSyncOptions {
  client: CouchClient
  deviceId: string
  /** The databases to sync, asked again each round (a pull may bring new orgs). */
  targets: () => Promise<SyncTarget[]>
  pollMs?: number
  pushDelayMs?: number
  longpollTimeoutMs?: number
  concurrency?: number
  /** The most "anything new?" requests a second for databases whose last pull was empty. */
  idlePollsPerSecond?: number
  retry?: { firstMs: number; maxMs: number }
  onStatus?: (status: DeviceSyncStatus) => void
  onDenied?: (target: SyncTarget, refusals: WriteRefusal[]) => void
}

interface Channel {
  /** A local write since this database's last push (or never pushed): push this round. */
  pushDue: boolean
  target: SyncTarget
  remote: RemoteDatabase
  push: Replication
  pull: Replication
  status: TargetStatus
  /** When an idle database is next asked (ms, performance.now()); 0 = this round. */
  dueAt: number
}

const TARGETS_MAX_AGE_MS = 60_000

/** A department's whole fleet asked at most this often by default: 50 requests a second. */
const IDLE_POLLS_PER_SECOND = 50

/**
 * How long a database whose pull was empty waits before it is asked again: the poll
 * interval while the fleet is small, else the fleet's size over the idle budget.
 */
export function idleWaitMs(databases: number, pollMs: number, pollsPerSecond: number): number {
  return Math.max(pollMs, (databases / pollsPerSecond) * 1000)
}

function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error
  const why = error instanceof Error ? error.message : String(error)
  return new SyncError('local', `This device could not read or store the records: ${why}`)
}

function stateOf(error: SyncError): TargetState {
  if (error.code === 'unauthorized') return 'signedOut'
  return error.retryable ? 'offline' : 'failed'
}

export class DeviceSync {
  readonly #options: DeviceSyncOptions
  readonly #channels = new Map<string, Channel>()
  #abort: AbortController | null = null
  #loop: Promise<void> | null = null
  #wake: (() => void) | null = null
  #dirty = false
  #failures = 0
  #unsubscribe: (() => void) | null = null
  #running = false
  #reportTimer: ReturnType<typeof setTimeout> | null = null
  /** The last list of databases, and whether something since may have changed it. */
  #targets: SyncTarget[] | null = null
  #targetsAt = 0
  #targetsStale = true

  constructor(options: DeviceSyncOptions) {
    this.#options = options
  }

  get status(): DeviceSyncStatus {
    const targets = [...this.#channels.values()].map((channel) => ({ ...channel.status }))
    // A refused database waits for nobody: its changes are not "waiting to upload".
    const working = targets.filter((t) => t.state !== 'failed')
    const sum = (pick: (t: TargetStatus) => number) => working.reduce((n, t) => n + pick(t), 0)
    const synced = working.map((t) => t.lastSyncedAt)
    return {
      state: this.#derive(targets),
      targets,
      lastSyncedAt:
        synced.length > 0 && synced.every((at) => at !== null)
          ? (synced as string[]).reduce((a, b) => (a < b ? a : b))
          : null,
      waiting: sum((t) => t.waiting),
      read: sum((t) => t.read),
      pending: sum((t) => t.pending),
      denied: targets.reduce((n, t) => n + t.denied, 0),
    }
  }

  start(): void {
    if (this.#abort) return
    const abort = new AbortController()
    this.#abort = abort
    this.#unsubscribe = new DeviceStore({ deviceId: '', orgId: '', database: '' }).onChange(() =>
      this.#localWrite(),
    )
    this.#loop = this.#run(abort.signal)
  }

  async stop(): Promise<void> {
    this.#abort?.abort()
    this.#abort = null
    this.#unsubscribe?.()
    this.#unsubscribe = null
    this.#wake?.()
    await this.#loop
    this.#loop = null
    if (this.#reportTimer !== null) clearTimeout(this.#reportTimer)
    this.#reportTimer = null
    this.#options.onStatus?.(this.status)
  }

  /** Try again now: after signing in again, when the browser says it is online, or by hand. */
  retryNow(): void {
    this.#failures = 0
    this.#targetsStale = true
    for (const channel of this.#channels.values()) {
      channel.pushDue = true
      channel.dueAt = 0
      if (channel.status.state !== 'idle') channel.status.state = 'waiting'
    }
    this.#dirty = true
    this.#wake?.()
  }

  #localWrite(): void {
    this.#targetsStale = true
    for (const channel of this.#channels.values()) channel.pushDue = true
    if (this.#dirty) return
    this.#dirty = true
    setTimeout(() => this.#wake?.(), this.#options.pushDelayMs ?? 300)
  }

  #channel(target: SyncTarget): Channel {
    const found = this.#channels.get(target.database)
    if (found) return found
    const store = new DeviceStore({ deviceId: this.#options.deviceId, ...target })
    const remote = new RemoteDatabase(this.#options.client, target.database)
    const status: TargetStatus = {
      ...target,
      state: 'waiting',
      error: null,
      lastSyncedAt: null,
      waiting: 0,
      read: 0,
      pending: 0,
      denied: 0,
    }
    const onProgress = () => {
      status.read = push.progress.changesRead + pull.progress.changesRead
      status.pending = (push.progress.pending ?? 0) + (pull.progress.pending ?? 0)
      this.#report()
    }
    const onDenied = (refusals: WriteRefusal[]) => {
      status.denied += refusals.length
      this.#options.onDenied?.(target, refusals)
    }
    const push = new Replication(store, remote, { onProgress })
    const pull = new Replication(remote, store, { onProgress, onDenied })
    const channel = { pushDue: true, target, remote, push, pull, status, dueAt: 0 }
    this.#channels.set(target.database, channel)
    return channel
  }

  async #round(signal: AbortSignal): Promise<void> {
    const targets = await this.#currentTargets()
    const wanted = new Set(targets.map((target) => target.database))
    for (const database of this.#channels.keys()) {
      if (!wanted.has(database)) this.#channels.delete(database)
    }
    const now = performance.now()
    const queue = targets
      .map((target) => this.#channel(target))
      .filter(
        (channel) => channel.status.state !== 'failed' && (channel.pushDue || channel.dueAt <= now),
      )
    const idleMs = idleWaitMs(
      targets.length,
      this.#options.pollMs ?? 1_000,
      this.#options.idlePollsPerSecond ?? IDLE_POLLS_PER_SECOND,
    )
    const workers = Array.from({ length: this.#options.concurrency ?? 5 }, async () => {
      for (let channel = queue.shift(); channel && !signal.aborted; channel = queue.shift()) {
        await this.#sync(channel, signal, idleMs)
      }
    })
    await Promise.all(workers)
  }

  /**
   * The databases to sync: asked again after anything that can change them (a pull that
   * brought records, a local write, a retry) and otherwise at least every minute, not every
   * round — at province scale the list is 15,000 org ids read from the device.
   */
  async #currentTargets(): Promise<SyncTarget[]> {
    const now = performance.now()
    if (this.#targets && !this.#targetsStale && now - this.#targetsAt < TARGETS_MAX_AGE_MS) {
      return this.#targets
    }
    this.#targetsStale = false
    try {
      this.#targets = await this.#options.targets()
      this.#targetsAt = now
    } catch {
      this.#targetsStale = true
      this.#targets ??= [...this.#channels.values()].map((channel) => channel.target)
    }
    return this.#targets
  }

  async #sync(channel: Channel, signal: AbortSignal, idleMs: number): Promise<void> {
    const { status } = channel
    const readBefore = channel.pull.progress.changesRead
    status.state = 'syncing'
    this.#report()
    try {
      // An idle database costs one _changes request a round: its push is due only after a write.
      if (channel.pushDue) {
        channel.pushDue = false
        await channel.push.run(signal)
        status.waiting = await countFeedAfter(channel.target.orgId, Number(channel.push.lastSeq))
      }
      await channel.pull.run(signal)
      const brought = channel.pull.progress.changesRead > readBefore
      channel.dueAt = brought ? 0 : performance.now() + idleMs
      if (brought) this.#targetsStale = true
      status.error = null
      status.state = 'idle'
      status.pending = 0
      status.lastSyncedAt = new Date().toISOString()
    } catch (error) {
      channel.pushDue = true
      channel.dueAt = 0
      if (signal.aborted || isAbort(error)) return
      const problem = asSyncError(error)
      status.error = problem
      status.state = stateOf(problem)
      // Counted only where the push's checkpoint is known: before, it would be the whole feed.
      if (Number(channel.push.lastSeq) > 0) {
        status.waiting = await countFeedAfter(
          channel.target.orgId,
          Number(channel.push.lastSeq),
        ).catch(() => status.waiting)
      }
    }
    this.#report()
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.#dirty = false
      this.#running = true
      await this.#round(signal)
      this.#running = false
      this.#report()
      if (signal.aborted) break
      if (this.#dirty) continue
      await this.#pause(signal)
    }
  }

  /** Until the next round: a longpoll, a poll interval, or a growing pause after failures. */
  async #pause(signal: AbortSignal): Promise<void> {
    const channels = [...this.#channels.values()]
    const states = channels.map((channel) => channel.status.state)
    const { firstMs, maxMs } = this.#options.retry ?? { firstMs: 1_000, maxMs: 30_000 }
    // The next round when the first idle database is due (never sooner than the poll interval).
    const firstDue =
      channels.reduce(
        (first, c) => (c.status.state === 'failed' ? first : Math.min(first, c.dueAt)),
        Infinity,
      ) - performance.now()
    let ms = Math.max(this.#options.pollMs ?? 1_000, firstDue)
    if (states.includes('signedOut')) ms = Infinity
    else if (states.includes('offline')) ms = Math.min(maxMs, firstMs * 2 ** this.#failures++)
    else this.#failures = 0
    const wait = new AbortController()
    const end = () => wait.abort()
    signal.addEventListener('abort', end)
    this.#wake = end
    try {
      const only = channels.length === 1 ? channels[0]! : null
      if (only && only.status.state === 'idle') {
        await only.remote
          .waitForChanges(only.pull.lastSeq, {
            timeoutMs: this.#options.longpollTimeoutMs ?? 25_000,
            signal: wait.signal,
          })
          .catch(() => undefined)
      } else {
        await new Promise<void>((resolve) => {
          const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined
          wait.signal.addEventListener('abort', () => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
    } finally {
      signal.removeEventListener('abort', end)
      this.#wake = null
    }
  }

  #derive(targets: readonly TargetStatus[]): SyncState {
    if (!this.#abort) return 'stopped'
    const states = new Set(targets.map((t) => t.state))
    if (states.has('signedOut')) return 'signedOut'
    if (states.has('offline')) return 'offline'
    if (targets.length > 0 && targets.every((t) => t.state === 'failed')) return 'failed'
    if (states.has('syncing') || this.#running || this.#dirty) {
      return targets.some((t) => t.lastSyncedAt !== null) ? 'syncing' : 'starting'
    }
    return 'idle'
  }

  /**
   * At most a few status reports a second: a round over many databases changes each one twice,
   * and every report copies them all for the page.
   */
  #report(): void {
    if (this.#reportTimer !== null) return
    this.#reportTimer = setTimeout(() => {
      this.#reportTimer = null
      this.#options.onStatus?.(this.status)
    }, 200)
  }
}
