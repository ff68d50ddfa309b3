/**
 * How the department's server is laid out (server/setup.mjs makes it so; keep the two in
 * step, tests/sync/setup.test.ts checks they agree): one database per org, one role per org,
 * and a department role that every database admits.
 */

export const ORG_DATABASE_PREFIX = 'zhibu-org-'
export const ORG_ROLE_PREFIX = 'zhibu-org-'
/** The organisation department: reads and writes every org's database. */
export const DEPARTMENT_ROLE = 'zhibu-department'
/** The register (areas, firms) and anything that belongs to no single org. */
export const DEPARTMENT_DATABASE = 'zhibu-department'

/**
 * CouchDB database names are lowercase letters, digits and `_$()+-/`, starting with a letter;
 * org ids are UUIDs, so `zhibu-org-<id>` is one. Anything else is escaped the way CouchDB's
 * own tools do (`_` + hex), so every id maps to one legal name.
 */
export function orgDatabaseName(orgId: string): string {
  const safe = orgId.toLowerCase() === orgId && /^[a-z0-9-]+$/.test(orgId)
  return ORG_DATABASE_PREFIX + (safe ? orgId : [...orgId].map(escapeChar).join(''))
}

function escapeChar(char: string): string {
  return /[a-z0-9-]/.test(char) ? char : `_${char.codePointAt(0)!.toString(16)}_`
}

export function orgRole(orgId: string): string {
  return ORG_ROLE_PREFIX + orgId
}

/** The org ids a session's roles name (its own orgs; their subtrees come from the org tree). */
export function orgIdsOfRoles(roles: readonly string[]): string[] {
  return roles
    .filter((role) => role.startsWith(ORG_ROLE_PREFIX))
    .map((role) => role.slice(ORG_ROLE_PREFIX.length))
}

export function isDepartment(roles: readonly string[]): boolean {
  return roles.includes(DEPARTMENT_ROLE) || roles.includes('_admin')
}
