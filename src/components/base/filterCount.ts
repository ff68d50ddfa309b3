/** A list filter: text fields, '' when not set (the search text is not one of the sheet's). */
type Filter = object

/** How many of the sheet's filters are set (the search box and `keep` aside). */
export function countActiveFilters(filter: Filter, keep: readonly string[] = ['text']): number {
  return Object.entries(filter).filter(
    ([key, value]) => !keep.includes(key) && typeof value === 'string' && value !== '',
  ).length
}

/** Clear the sheet's filters in place, leaving the search text and `keep` as they are. */
export function clearFilters(filter: Filter, keep: readonly string[] = ['text']): void {
  const target = filter as Record<string, unknown>
  for (const [key, value] of Object.entries(filter))
    if (!keep.includes(key) && typeof value === 'string') target[key] = ''
}
