import { SyncError, type SyncErrorCode } from './errors'

/** Who the server takes us for (`GET /_session`'s userCtx). `name` is null when signed out. */
export interface SessionInfo {
  name: string | null
  roles: string[]
}

export interface CouchClientOptions {
  /** The server's address, e.g. `https://sync.example.org/` (a path prefix is kept). */
  url: string
  /** Defaults to the global fetch. */
  fetch?: typeof fetch
  /** Per request, unless the request says otherwise. */
  timeoutMs?: number
}

export type Query = Record<string, string | number | boolean | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  query?: Query
  body?: unknown
  signal?: AbortSignal
  timeoutMs?: number
  /** The database the request is for, named in errors. */
  database?: string
}

export interface CouchResponse<T> {
  status: number
  body: T
}

const DEFAULT_TIMEOUT_MS = 60_000
const SESSION_COOKIE = 'AuthSession'

/** Whether credentials sent to `url` would cross the network in clear text. */
export function isPlainHttpBeyondLoopback(url: string): boolean {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:') return false
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  return !(host === 'localhost' || host === '::1' || /^127\./.test(host))
}

/** The address with a trailing slash and without credentials or query: the base of every path. */
export function normaliseServerUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SyncError('badRequest', `Not an http(s) address: ${url}`)
  }
  parsed.username = ''
  parsed.password = ''
  parsed.search = ''
  parsed.hash = ''
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/'
  return parsed.toString()
}

/** Node's fetch says only "fetch failed"; the cause names it (ECONNREFUSED, other side closed…). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause as { message?: string } | undefined
  return [error.message, cause?.message].filter(Boolean).join(': ')
}

function codeOfStatus(status: number): SyncErrorCode {
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'notFound'
  if (status >= 500) return 'server'
  return 'badRequest'
}

function describe(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const { error, reason } = body as { error?: unknown; reason?: unknown }
    if (error !== undefined) return `${String(error)}${reason ? `: ${String(reason)}` : ''}`
  }
  return typeof body === 'string' ? body.slice(0, 200) : ''
}

/**
 * A CouchDB server over fetch with a cookie session. In a browser the cookie is the
 * browser's (`credentials: 'include'`; the server's CORS must allow this origin with
 * credentials); elsewhere (Node, tests) this client keeps the `AuthSession` cookie itself.
 * The password is sent once, to `POST /_session`, and never kept.
 */
export class CouchClient {
  readonly url: string
  readonly #fetch: typeof fetch
  readonly #timeoutMs: number
  #cookie = ''

  constructor(options: CouchClientOptions) {
    this.url = normaliseServerUrl(options.url)
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  /** Signs in; resolves with the account's name and roles. */
  async signIn(name: string, password: string, signal?: AbortSignal): Promise<SessionInfo> {
    try {
      const { body } = await this.request<{ name?: string | null; roles?: string[] }>('_session', {
        method: 'POST',
        body: { name, password },
        signal,
      })
      return { name: body.name ?? name, roles: body.roles ?? [] }
    } catch (error) {
      if (error instanceof SyncError && error.status === 401) {
        throw new SyncError('badCredentials', `Name or password not accepted for "${name}"`, 401)
      }
      throw error
    }
  }

  async session(signal?: AbortSignal): Promise<SessionInfo> {
    const { body } = await this.request<{ userCtx?: { name?: string | null; roles?: string[] } }>(
      '_session',
      { signal },
    )
    return { name: body.userCtx?.name ?? null, roles: body.userCtx?.roles ?? [] }
  }

  async signOut(signal?: AbortSignal): Promise<void> {
    try {
      await this.request('_session', { method: 'DELETE', signal })
    } finally {
      this.#cookie = ''
    }
  }

  /** Whether this client holds a session cookie itself (outside a browser). */
  get hasCookie(): boolean {
    return this.#cookie !== ''
  }

  /**
   * One request; a JSON body in and out. A status ≥ 400 becomes a SyncError with the
   * server's reason; no answer (refused, dropped, timed out) becomes `offline`.
   */
  async request<T>(path: string, options: RequestOptions = {}): Promise<CouchResponse<T>> {
    const url = new URL(path, this.url)
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value))
    }
    const headers: Record<string, string> = { accept: 'application/json' }
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    if (this.#cookie) headers.cookie = this.#cookie
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.#timeoutMs)
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
    const database = options.database ?? ''
    const init: RequestInit = {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'include',
      signal,
    }
    let status = 0
    let text = ''
    // A second try at once when no answer came: a kept-alive connection the server had just
    // closed fails the first request on it. Every request here may be repeated safely.
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.#fetch(url, init)
        status = response.status
        this.#keepCookie(response.headers)
        text = await response.text()
        break
      } catch (error) {
        if (options.signal?.aborted) throw new SyncError('aborted', 'Stopped', 0, database)
        if (attempt < 2 && status === 0 && !timeout.aborted) continue
        throw new SyncError(
          'offline',
          `No answer from ${url.origin} (${reasonOf(error)})`,
          status,
          database,
        )
      }
    }
    let body: unknown
    try {
      body = text.trim() === '' ? null : JSON.parse(text)
    } catch {
      // A proxy's own error page is still its status; a 2xx that is not JSON is no CouchDB.
      if (status < 400) {
        throw new SyncError(
          'server',
          `Not a CouchDB answer from ${url.origin} (HTTP ${status})`,
          status,
          database,
        )
      }
      body = text
    }
    if (status >= 400) {
      const where = database ? ` (${database})` : ''
      throw new SyncError(
        codeOfStatus(status),
        `HTTP ${status}${where}: ${describe(body)}`,
        status,
        database,
      )
    }
    return { status, body: body as T }
  }

  /** The server refreshes the cookie as it nears its end; keep the newest (outside browsers). */
  #keepCookie(headers: Headers): void {
    const cookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : []
    for (const line of cookies) {
      const pair = line.split(';', 1)[0]!.trim()
      if (!pair.startsWith(`${SESSION_COOKIE}=`)) continue
      this.#cookie = pair === `${SESSION_COOKIE}=` ? '' : pair
    }
  }
}
