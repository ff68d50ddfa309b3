export declare const ORG_DATABASE_PREFIX: string
export declare const ORG_ROLE_PREFIX: string
export declare const DEPARTMENT_ROLE: string
export declare const DEPARTMENT_DATABASE: string
export declare const DEPARTMENT_USER: string

export interface RegisterOrg {
  id: string
  name: string
  parentId: string
  type: string
  dissolved: boolean
}

export interface PlannedDatabase {
  name: string
  orgId: string
  orgName: string
  roles: string[]
}

export interface PlannedUser {
  name: string
  orgId: string
  orgName: string
  roles: string[]
}

export interface DepartmentPlan {
  databases: PlannedDatabase[]
  users: PlannedUser[]
}

export interface SetupReport {
  server: string
  databasesCreated: string[]
  databasesKept: number
  securityUpdated: string[]
  usersCreated: string[]
  usersUpdated: string[]
  usersKept: number
  passwords: (PlannedUser & { password: string; state: 'created' | 'reset' })[]
  missing: string[]
  narrowed: string[]
  validateFunctions: string[]
  cors: boolean
}

export interface ApplyOptions {
  resetPasswords?: boolean
  narrowMissing?: boolean
  origin?: string
  dryRun?: boolean
  onStep?: (done: number, total: number) => void
}

export declare function orgDatabaseName(orgId: string): string
export declare function orgRole(orgId: string): string
export declare function orgUserName(orgId: string): string
export declare function newPassword(): string
export declare function planDepartment(orgs: RegisterOrg[]): DepartmentPlan
export declare function securityFor(current: unknown, roles: string[]): unknown
export declare class SetupError extends Error {
  readonly code: string
  readonly detail: Record<string, unknown>
}
export declare function applyDepartment(
  url: string,
  admin: { name: string; password: string },
  plan: DepartmentPlan,
  options?: ApplyOptions,
): Promise<SetupReport>
