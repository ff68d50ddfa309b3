import type zhCN from './phone.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** English for the phone's lists, sheets and meeting form (same keys as phone.zh-CN.ts). */
const phone: Messages<typeof zhCN> = {
  filter: 'Filter',
  filterCount: 'Filter ({n})',
  filterTitle: 'Filters',
  filterClear: 'Clear filters',
  filterDone: 'Show results',
  loadMore: 'Load more',
  loadedOf: '{shown} of {total} shown',
  loadedAll: 'All {n} shown',
  actions: 'More actions',
  meetingsThisYear: 'In {year}: attended {attended}, missed {absent}',
  meTabs: { study: 'Study', meetings: 'Meetings', development: 'Steps', org: 'Org' },
  allPresent: 'All present',
  present: 'Present',
  absent: 'Absent',
  takePhoto: 'Take photo',
  pickPhoto: 'Choose from album',
  draftSaved: 'Draft kept on this device at {time}',
  draftRestored: 'Restored the draft kept at {time}',
  draftDiscard: 'Discard draft',
  draftDiscardConfirm:
    'Discard this unsaved meeting record? What you typed and the photos will not be kept.',
  draftBanner: 'An unsaved meeting record (kept at {time})',
  draftContinue: 'Continue',
}
export default phone
