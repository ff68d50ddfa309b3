import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie'
import { NAME_TOKEN_TABLES, withNameTokens } from '@/domain/search'

/**
 * Keeps the derived `nameTokens` of orgs and members (domain/search.ts) on every record
 * written, whatever the path: repositories, imports, demo load, restore, merge and sync
 * (whatever a sender or a file carried is replaced by this device's own reckoning). It sits
 * above every other layer, so the revisions, tallies and feed below see the record as it is
 * stored; the field is no content (revisions.ts DERIVED_FIELDS), so it makes no revision.
 */
const TOKENED: ReadonlySet<string> = new Set(NAME_TOKEN_TABLES)

function withTokens(request: DBCoreMutateRequest): DBCoreMutateRequest {
  if (request.type !== 'add' && request.type !== 'put') return request
  return {
    ...request,
    values: request.values.map((value: unknown) =>
      typeof value === 'object' && value !== null
        ? withNameTokens(value as { name?: unknown })
        : value,
    ),
  }
}

export const nameTokensMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'NameTokens',
  // Above Dexie's own layers (-1 … 2) and the app's (-11 … -9): everything below sees them.
  level: 20,
  create(core) {
    return {
      ...core,
      table(name) {
        const table = core.table(name)
        if (!TOKENED.has(name)) return table
        return { ...table, mutate: (request) => table.mutate(withTokens(request)) }
      },
    }
  },
}
