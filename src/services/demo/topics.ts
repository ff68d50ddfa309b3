/** Realistic agenda topics for 三会一课 and 主题党日, and study topics. */
import type { MeetingType } from '@/domain/types'

const words = (text: string): string[] => text.split('|').map((item) => item.trim())

export const MEETING_TOPICS: Record<MeetingType, string[]> = {
  branchAssembly: words(
    '学习贯彻党的二十大精神 | 讨论接收预备党员 | 审议支部年度工作计划 | 学习《中国共产党章程》 | 传达上级党组织会议精神 | 讨论确定入党积极分子 | 学习贯彻习近平新时代中国特色社会主义思想 | 通报党费收缴和使用情况',
  ),
  committeeMeeting: words(
    '研究本月党建工作安排 | 研究发展党员工作 | 研究主题党日活动方案 | 分析党员思想状况 | 研究党费收缴和使用 | 研究党建与业务融合工作 | 研究党员先锋岗设置 | 研究“两学一做”学习安排',
  ),
  groupMeeting: words(
    '学习《习近平谈治国理政》选读 | 交流岗位建功体会 | 学习党史知识 | “两学一做”学习交流 | 讨论党员先锋岗承诺 | 学习新修订的《中国共产党纪律处分条例》',
  ),
  partyLesson: words(
    '党课：互联网企业如何发挥党组织作用 | 党课：学习党的二十大报告 | 党课：铸牢中华民族共同体意识 | 党课：从党史中汲取奋进力量 | 党课：守好网络意识形态阵地 | 党课：新时代共产党员的初心使命',
  ),
  themedDay: words(
    '主题党日：走进社区开展志愿服务 | 主题党日：重温入党誓词 | 主题党日：参观乌兰夫纪念馆 | 主题党日：电商助农直播进嘎查 | 主题党日：网络安全宣传进社区 | 主题党日：认领群众微心愿 | 主题党日：植树护绿 | 主题党日：学习身边榜样 | 主题党日：观看红色电影 | 主题党日：党员先锋岗承诺践诺',
  ),
  orgLifeMeeting: ['年度组织生活会：对照检查，开展批评与自我批评'],
  appraisal: ['年度民主评议党员'],
  heartToHeart: ['年度谈心谈话'],
}

export const MEETING_RESOLUTIONS: Partial<Record<MeetingType, string[]>> = {
  branchAssembly: words('全体党员原则通过 | 会议一致同意，报上级党组织审批 | 按计划抓好落实'),
  committeeMeeting: words('明确分工，月底前完成 | 由组织委员负责跟进 | 提交党员大会讨论'),
  themedDay: words('活动照片和心得体会报上级党委 | 形成长效机制，每月开展'),
}

export const STUDY_TOPICS = words(
  '学习党的二十大报告 | “两学一做”专题学习 | 学习《中国共产党章程》 | 学习强国每日学习 | 网络安全法专题培训 | 党史学习教育 | 铸牢中华民族共同体意识专题学习 | 学习《习近平谈治国理政》 | 党风廉政建设专题学习 | 学习新《中国共产党纪律处分条例》',
)
