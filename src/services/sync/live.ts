/**
 * Live sync of this device's store with one server database, both ways, for as long as the
 * app runs: local writes are pushed within `pushDelayMs`; the server's changes arrive through
 * the longpoll changes feed. Dropped connections and server restarts are retried with a
 * growing pause and resume from the checkpoints; an expired session or a refused database
 * waits for the user (sign in again, or `retryNow`), losing nothing meanwhile.
 */
import { isAbort, SyncError } from './errors'
import type { RemoteDatabase } from './remote'
import { Replication, type ReplicationOptions, type ReplicationProgress } from './replicate'
import type { LocalStore } from './types'

export type SyncState =
  | 'starting'
  /** Records are moving (or local writes wait to be pushed). */
  | 'syncing'
  /** Both sides hold the same; waiting for the next change. */
  | 'idle'
  /** No answer from the server; retrying by itself. */
  | 'offline'
  /** The session ended: sign in again, then `retryNow`. */
  | 'signedOut'
  /** Refused (no access, no such database) or failed here; waits for `retryNow`. */
  | 'failed'
  | 'stopped'

export interface SyncStatus {
  state: SyncState
  error: SyncError | null
  /** When both directions last caught up (information for people; nothing decides by it). */
  lastSyncedAt: string | null
  /** A local write has not reached the server yet. */
  localChangesWaiting: boolean
  push: ReplicationProgress
  pull: ReplicationProgress
}

export interface LiveSyncOptions extends ReplicationOptions {
  /** Pause after a local write before pushing, so a burst of writes goes in one batch. */
  pushDelayMs?: number
  longpollTimeoutMs?: number
  /** The pause after a failure doubles from `firstMs` up to `maxMs`. */
  retry?: { firstMs: number; maxMs: number }
  onStatus?: (status: SyncStatus) => void
}

type Direction = 'push' | 'pull'

/** A wait that a timer, a nudge or an abort ends. */
class Wakeup {
  #wake: (() => void) | null = null

  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        this.#wake = null
        resolve()
      }
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined
      signal.addEventListener('abort', done)
      this.#wake = done
    })
  }

  nudge(): void {
    this.#wake?.()
  }
}

function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error
  const why = error instanceof Error ? error.message : String(error)
  return new SyncError('local', `This device could not read or store the records: ${why}`)
}

export class LiveSync {
  readonly local: LocalStore
  readonly remote: RemoteDatabase
  readonly #push: Replication
  readonly #pull: Replication
  readonly #options: LiveSyncOptions
  readonly #wakeups: Record<Direction, Wakeup> = { push: new Wakeup(), pull: new Wakeup() }
  readonly #errors: Record<Direction, SyncError | null> = { push: null, pull: null }
  readonly #idle: Record<Direction, boolean> = { push: false, pull: false }
  readonly #failures: Record<Direction, number> = { push: 0, pull: 0 }
  #abort: AbortController | null = null
  #loops: Promise<void>[] = []
  #unsubscribe: (() => void) | null = null
  #localWrites = 0
  #pushedWrites = 0
  #lastSyncedAt: string | null = null
  #state: SyncState = 'stopped'
  #idleWaiters: (() => void)[] = []

  constructor(local: LocalStore, remote: RemoteDatabase, options: LiveSyncOptions = {}) {
    this.local = local
    this.remote = remote
    this.#options = options
    this.#push = new Replication(local, remote, options)
    this.#pull = new Replication(remote, local, options)
  }

  get status(): SyncStatus {
    const error = this.#errors.push ?? this.#errors.pull
    return {
      state: this.#state,
      error,
      lastSyncedAt: this.#lastSyncedAt,
      localChangesWaiting: this.#localWrites !== this.#pushedWrites,
      push: { ...this.#push.progress },
      pull: { ...this.#pull.progress },
    }
  }

  start(): void {
    if (this.#abort) return
    const abort = new AbortController()
    this.#abort = abort
    this.#state = 'starting'
    this.#unsubscribe = this.local.onChange(() => {
      this.#localWrites++
      this.#idle.push = false
      setTimeout(() => this.#wakeups.push.nudge(), this.#options.pushDelayMs ?? 100)
      this.#report()
    })
    this.#loops = [this.#pushLoop(abort.signal), this.#pullLoop(abort.signal)]
    this.#report()
  }

  async stop(): Promise<void> {
    this.#abort?.abort()
    this.#abort = null
    this.#unsubscribe?.()
    this.#unsubscribe = null
    await Promise.all(this.#loops)
    this.#loops = []
    this.#state = 'stopped'
    this.#report()
  }

  /** Try again now: after signing in again, when the browser says it is online, or by hand. */
  retryNow(): void {
    this.#failures.push = this.#failures.pull = 0
    this.#wakeups.push.nudge()
    this.#wakeups.pull.nudge()
  }

  /** Resolves the next time both directions have caught up with nothing waiting. */
  whenIdle(): Promise<void> {
    if (this.#state === 'idle') return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  async #pushLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const writes = this.#localWrites
      try {
        await this.#push.run(signal)
        this.#pushedWrites = writes
        this.#succeeded('push')
        if (this.#localWrites === writes) await this.#wakeups.push.wait(Infinity, signal)
      } catch (error) {
        await this.#failed('push', error, signal)
      }
    }
  }

  async #pullLoop(signal: AbortSignal): Promise<void> {
    const timeoutMs = this.#options.longpollTimeoutMs ?? 25_000
    while (!signal.aborted) {
      try {
        await this.#pull.run(signal)
        this.#succeeded('pull')
        const since = this.#pull.lastSeq
        const batch = await this.remote.waitForChanges(since, { timeoutMs, signal })
        if (batch.results.length === 0) continue
        this.#idle.pull = false
        this.#report()
        await this.#pull.runFrom(since, batch, signal)
      } catch (error) {
        await this.#failed('pull', error, signal)
      }
    }
  }

  #succeeded(direction: Direction): void {
    this.#errors[direction] = null
    this.#failures[direction] = 0
    this.#idle[direction] = true
    this.#report()
  }

  async #failed(direction: Direction, error: unknown, signal: AbortSignal): Promise<void> {
    if (signal.aborted || isAbort(error)) return
    const problem = asSyncError(error)
    this.#errors[direction] = problem
    this.#idle[direction] = false
    this.#report()
    const { firstMs, maxMs } = this.#options.retry ?? { firstMs: 1_000, maxMs: 30_000 }
    const pause = Math.min(maxMs, firstMs * 2 ** this.#failures[direction]++)
    // Retried by itself only when time may fix it; otherwise the user's retryNow ends the wait.
    await this.#wakeups[direction].wait(
      problem.retryable ? pause * (0.8 + Math.random() * 0.4) : Infinity,
      signal,
    )
  }

  #report(): void {
    this.#state = this.#derive()
    if (this.#state === 'idle') {
      this.#lastSyncedAt = new Date().toISOString()
      for (const resolve of this.#idleWaiters.splice(0)) resolve()
    }
    this.#options.onStatus?.(this.status)
  }

  #derive(): SyncState {
    if (!this.#abort) return 'stopped'
    const errors = [this.#errors.push, this.#errors.pull].filter((e): e is SyncError => e !== null)
    if (errors.some((e) => e.code === 'unauthorized')) return 'signedOut'
    if (errors.some((e) => !e.retryable)) return 'failed'
    if (errors.length > 0) return 'offline'
    const waiting = this.#localWrites !== this.#pushedWrites
    if (this.#idle.push && this.#idle.pull && !waiting) return 'idle'
    return this.#state === 'starting' && !this.#idle.push && !this.#idle.pull
      ? 'starting'
      : 'syncing'
  }
}
