import type zhCN from './area.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** Area management, also on the orgs page; `area` in the messages. */
const en: Messages<typeof zhCN> = {
  title: 'Areas',
  subtitle:
    'Region → city/league → banner/district → park/street. Retired areas keep their history but are not offered for new records.',
  addRoot: 'Add a top-level area',
  addChild: 'Add below',
  rename: 'Rename',
  move: 'Move',
  retire: 'Retire',
  unretire: 'Bring back',
  empty: 'No areas yet',
  addTitle: 'Add area',
  renameTitle: 'Edit area',
  moveTitle: 'Move area',
}

export default en
