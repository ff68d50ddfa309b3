/**
 * Two versions of a record side by side, field by field, and the merge a three-way compare
 * proposes when their common ancestor is known: a field changed on one side only takes that
 * side; a field changed on both is flagged and starts as the shown version's. Pure.
 */
import { canonicalJson } from './backupFormat'
import { contentOf, DERIVED_FIELDS, type Row } from './revisions'

export type Side = 'mine' | 'theirs'

export interface FieldComparison {
  field: string
  mine: unknown
  theirs: unknown
  /** The common ancestor's value; undefined when the ancestor is not known here. */
  ancestor: unknown
  differs: boolean
  /** Changed on both sides since the ancestor (needs a person's eye). */
  bothChanged: boolean
  /** What the proposed merge takes. */
  proposed: Side
}

/** Neither shown nor merged: identity, timestamps, revisions, fields this device derives. */
const NOT_COMPARED: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt'])

/**
 * Copies kept beside the field they follow (a firm's name pieces for search, an area's path):
 * not shown, and they go with their field's choice so the merged record stays consistent.
 */
const FOLLOWS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  firms: { nameTokens: 'name', areaPath: 'areaId' },
  orgs: { areaPath: 'areaId' },
  areas: { path: 'parentId' },
}

function text(table: string, field: string, value: unknown): string {
  if (value === undefined) return 'undefined'
  return canonicalJson(contentOf(table, { [field]: value })[field] ?? null)
}

export function compareFields(
  table: string,
  mine: Row,
  theirs: Row,
  ancestor: Row | null,
): FieldComparison[] {
  const mineContent = contentOf(table, mine)
  const theirsContent = contentOf(table, theirs)
  const derived = new Set(DERIVED_FIELDS[table] ?? [])
  const follows = FOLLOWS[table] ?? {}
  const fields = [...new Set([...Object.keys(mineContent), ...Object.keys(theirsContent)])]
    .filter((field) => !NOT_COMPARED.has(field) && !derived.has(field) && !(field in follows))
    .sort()
  return fields.map((field) => {
    const a = text(table, field, mine[field])
    const b = text(table, field, theirs[field])
    const base = ancestor ? text(table, field, ancestor[field]) : null
    const differs = a !== b
    const mineChanged = base !== null && a !== base
    const theirsChanged = base !== null && b !== base
    return {
      field,
      mine: mine[field],
      theirs: theirs[field],
      ancestor: ancestor ? ancestor[field] : undefined,
      differs,
      bothChanged: differs && (base === null || (mineChanged && theirsChanged)),
      proposed: differs && base !== null && !mineChanged && theirsChanged ? 'theirs' : 'mine',
    }
  })
}

/** The record a person chose field by field (unlisted fields keep the shown version's). */
export function mergeChosen(
  table: string,
  mine: Row,
  theirs: Row,
  picks: Readonly<Record<string, Side>>,
): Row {
  const out: Row = { ...mine }
  const take = (field: string) => {
    if (theirs[field] === undefined) delete out[field]
    else out[field] = theirs[field]
  }
  const follows = Object.entries(FOLLOWS[table] ?? {})
  for (const [field, side] of Object.entries(picks)) {
    if (side !== 'theirs') continue
    take(field)
    for (const [copy, source] of follows) if (source === field) take(copy)
  }
  return out
}
