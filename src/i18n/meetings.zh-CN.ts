/** 三会一课 and organisational life; added to zh-CN.ts as `meetings`. */
export default {
  type: {
    branchAssembly: '支部党员大会',
    committeeMeeting: '支委会',
    groupMeeting: '党小组会',
    partyLesson: '党课',
    themedDay: '主题党日',
    orgLifeMeeting: '组织生活会',
    appraisal: '民主评议党员',
    heartToHeart: '谈心谈话',
  },
  reason: { work: '因公', sick: '因病', personal: '因事', other: '其他' },
  status: { draft: '草稿', final: '已定稿' },
  member: {
    empty: '暂无会议记录',
    heldOn: '会议日期',
    type: '会议类型',
    topic: '议题',
    attendance: '出勤',
    attended: '出席',
    absent: '缺席（{reason}）',
    note: '说明',
  },
}
