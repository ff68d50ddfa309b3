import type zhCN from './settings.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** The settings page: its headings, groups and units; `settings` in the messages. */
const en: Messages<typeof zhCN> = {
  title: 'Rules',
  subtitle:
    'The numbers in the regulations and their sources. Only settings a rule reads are listed; regions differ: adjust them to local rules.',
  key: 'Rule',
  value: 'Value',
  defaultValue: 'Default',
  source: 'Source',
  scope: {
    national: 'National rule',
    local: 'Local rule',
    practice: 'Common practice',
    app: 'This app',
  },
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
    megabytes: 'MB',
  },
}

export default en
