/** Live sync with the department's server: its states and errors in words (codes from src/services/sync). */
export default {
  state: {
    starting: '正在连接',
    syncing: '正在同步',
    idle: '已同步',
    offline: '离线，联网后自动继续',
    signedOut: '登录已过期，请重新登录',
    failed: '同步已停止',
    stopped: '未同步',
  },
  errors: {
    offline:
      '连接不到同步服务器（没有网络，或服务器正在重启）。本机的修改都已保存，联网后自动继续同步。',
    unauthorized: '登录已过期或尚未登录，请重新登录。本机的修改都已保存，登录后继续同步。',
    badCredentials: '用户名或密码不对。',
    forbidden: '这个账号无权访问“{database}”：它只能同步本组织及下级组织的数据库。',
    notFound: '服务器上没有数据库“{database}”：请组织部门先在服务器上完成设置。',
    server: '同步服务器出错（{status}），稍后会自动重试。',
    badRequest: '服务器拒绝了同步请求（{status}）。',
    local: '本机无法读取或保存同步来的记录（存储空间可能已满）。',
    aborted: '同步已停止。',
  },
  plainHttp:
    '这个地址不是 HTTPS：密码和记录会以明文经过网络。只在本机试用时这样做；正式使用请让组织部门启用 HTTPS。',
}
