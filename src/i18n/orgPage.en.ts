import type zhCN from './orgPage.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** The orgs page: tree, detail and form; the posts also on the Me page; `orgPage` in the messages. */
const en: Messages<typeof zhCN> = {
  title: 'Organisations',
  subtitle: 'Structure, committees, terms and rule checks',
  add: 'Add organisation',
  addTitle: 'Add organisation',
  editTitle: 'Edit organisation',
  nodeCounts: 'full {full} · prob. {probationary} · firms {firms}',
  findingsBadge: '{n} to handle',
  pick: 'Choose an organisation on the left',
  empty: 'No organisations yet',
  warnings: 'Rule checks',
  noWarnings: 'Nothing found',
  hostFirms: 'Host firms',
  committee: 'Committee',
  post: 'Post',
  holder: 'Holder',
  since: 'Since',
  addSeat: 'Add a post',
  noCommittee: 'No committee',
  termEnds: 'Current term until {date}',
  termDefault: "0 = the type's default term ({years} years)",
  dissolve: 'Dissolve',
  dissolvePrompt: 'Dissolved on (YYYY-MM-DD)',
  dissolved: 'Dissolved',
  moveTo: 'Change parent',
  saved: 'Organisation saved',
  created: 'Organisation added',
  noParent: 'None (top level)',
  firmSearch: 'Type a firm name to search',
  members: '{full} full members, {probationary} probationary',
  posts: {
    secretary: 'Secretary',
    deputySecretary: 'Deputy secretary',
    organisation: 'Organisation',
    publicity: 'Publicity',
    discipline: 'Discipline',
    committeeMember: 'Member',
  },
}

export default en
