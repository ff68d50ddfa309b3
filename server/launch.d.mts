export declare const SERVER_DIR: string
export declare const DEFAULT_PORT: number
export declare const DEFAULT_HOST: string
export declare const DEFAULT_DATA_DIR: string
export declare const DEV_ADMIN: Admin

export interface Admin {
  name: string
  password: string
}

export interface StartOptions {
  port?: number
  host?: string
  dir?: string
  inMemory?: boolean
  admin?: Admin
  timeoutMs?: number
}

export interface RunningServer {
  url: string
  port: number
  host: string
  pid: number
  dir: string
  inMemory: boolean
  admin: Admin
  exited: Promise<{ code: number | null; signal: string | null }>
  /** SIGTERM, SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>
  /** The end of its stderr, for a failure's message. */
  errors(): string
  /** SIGKILL: a crash. */
  kill(): Promise<void>
}

export declare function ensureInstalled(options?: { log?: (line: string) => void }): void
export declare function isLoopback(host: string): boolean
export declare function portIsFree(port: number, host?: string): Promise<boolean>
export declare function findFreePort(from: number, to: number, host?: string): Promise<number>
export declare function startServer(options?: StartOptions): Promise<RunningServer>
export declare function adminFromEnv(env?: Record<string, string | undefined>): Admin
