/**
 * What the phone's lists, filter sheets and meeting form show: loaded with the pages that show
 * them (the header and bottom bar's words are in zh-CN.ts, under `phone`).
 */
export default {
  filter: '筛选',
  filterCount: '筛选（{n}）',
  filterTitle: '筛选条件',
  filterClear: '清除筛选',
  filterDone: '查看结果',
  loadMore: '加载更多',
  loadedOf: '已显示 {shown} / {total} 条',
  loadedAll: '已全部显示（{n} 条）',
  actions: '更多操作',
  meetingsThisYear: '{year} 年出席 {attended} 次，缺席 {absent} 次',
  meTabs: { study: '学习', meetings: '组织生活', development: '发展历程', org: '组织' },
  allPresent: '全部出席',
  present: '出席',
  absent: '缺席',
  takePhoto: '拍照',
  pickPhoto: '从相册选择',
  draftSaved: '草稿已自动保存在本机 {time}',
  draftRestored: '已恢复 {time} 自动保存的草稿',
  draftDiscard: '清空草稿',
  draftDiscardConfirm: '清空这份未保存的会议记录？已填写的内容和照片将不再保留。',
  draftBanner: '有一份未保存的会议记录（{time} 自动保存）',
  draftContinue: '继续填写',
}
