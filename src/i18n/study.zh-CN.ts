/** Study records (学习记录) and the member's own pages (我的); `study` in zh-CN.ts. */
export default {
  nav: {
    me: '我的',
  },
  summary: {
    thisYear: '本年度学时',
    hours: '{hours} / {target} 学时',
    reached: '已完成年度学时',
    shortfall: '还差 {hours} 学时',
    pending: '待确认 {hours} 学时',
  },
}
