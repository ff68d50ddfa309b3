import type zhCN from './study.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** Study records and the member's own pages; `study` in en.ts. */
const en: Messages<typeof zhCN> = {
  nav: {
    me: 'Me',
  },
  summary: {
    thisYear: 'Study hours this year',
    hours: '{hours} / {target} hours',
    reached: 'Yearly hours reached',
    shortfall: '{hours} hours to go',
    pending: '{hours} hours awaiting confirmation',
  },
}

export default en
