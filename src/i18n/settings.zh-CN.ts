/**
 * The settings page (规则设置): its headings, groups and units. `settings` in the messages,
 * loaded with the routes that show it (index.ts).
 */
export default {
  title: '规则设置',
  subtitle: '各项规定中的数字及其依据。只列出有规则使用的设置；各地要求不同，可按本地规定调整。',
  key: '规则',
  value: '取值',
  defaultValue: '默认值',
  source: '依据',
  scope: {
    national: '国家规定',
    local: '地方规定',
    practice: '通行做法',
    app: '本应用',
  },
  changed: '已调整',
  groups: {
    org: '组织设置',
    term: '任期与换届',
    meeting: '组织生活',
    member: '党员管理',
    development: '发展党员',
    dues: '党费',
    study: '学习',
    data: '数据安全',
  },
  units: {
    count: '个',
    years: '年',
    months: '个月',
    days: '天',
    hours: '学时',
    ratio: '比例',
    yuan: '元',
    percent: '%',
    flag: '开关',
    megabytes: 'MB',
  },
}
