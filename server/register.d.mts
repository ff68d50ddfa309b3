import type { RegisterOrg } from './department.mjs'

export declare class RegisterError extends Error {
  readonly code: string
  readonly detail: Record<string, unknown>
}

export interface Register {
  kind: 'backup' | 'package' | 'json'
  orgs: RegisterOrg[]
  /** Orgs whose parent is not in the file (and the orgs under them). */
  leftOut: RegisterOrg[]
}

export declare function readRegister(file: string): Promise<Register>
