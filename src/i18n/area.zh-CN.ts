/**
 * Area management (地区管理), also on the orgs page. `area` in the messages,
 * loaded with the routes that show it (index.ts).
 */
export default {
  title: '地区管理',
  subtitle: '自治区 → 盟市 → 旗县区 → 园区/街道。停用的地区保留历史，不再用于新记录。',
  addRoot: '新增顶级地区',
  addChild: '新增下级',
  rename: '改名',
  move: '移动',
  retire: '停用',
  unretire: '启用',
  empty: '还没有地区',
  addTitle: '新增地区',
  renameTitle: '修改地区',
  moveTitle: '移动地区',
}
