import type zhCN from './settings.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** The settings page: its headings, groups and units; `settings` in the messages. */
const en: Messages<typeof zhCN> = {
  title: 'Rules',
  subtitle: 'The numbers in the regulations. Regions differ: adjust them to local rules.',
  key: 'Rule',
  value: 'Value',
  defaultValue: 'Default',
  source: 'Source',
  changed: 'Changed',
  groups: {
    org: 'Organisation',
    term: 'Terms and renewal',
    meeting: 'Organisational life',
    member: 'Members',
    development: 'Development',
    dues: 'Dues',
    study: 'Study',
    data: 'Data safety',
    feature: 'Features',
  },
  units: {
    count: '',
    years: 'years',
    months: 'months',
    days: 'days',
    hours: 'hours',
    ratio: 'ratio',
    yuan: 'yuan',
    percent: '%',
    flag: 'on/off',
  },
}

export default en
