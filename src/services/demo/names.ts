/** Word lists for people and firms. Plain data; the stream picks from them. */
import type { Ethnicity, Gender, Industry } from '@/domain/types'
import type { Rng } from './random'

/** Lists are kept as space-separated text so they stay compact and easy to extend. */
const words = (text: string): string[] => text.split(/\s+/).filter(Boolean)

const HAN_SURNAMES = words(
  '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 余 潘 杜 戴 夏 钟 汪 田 任 姜 范 方 石 姚 谭 廖 邹 熊 金 陆 郝 孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 龙 万 段 雷 钱 汤 尹 黎 易 常 武 乔 贺 赖 龚 文 庞 樊 兰 殷 施 陶 洪 翟 安 颜 倪 严',
)
const SURNAMES_BY_ETHNICITY: Partial<Record<Ethnicity, string[]>> = {
  hui: ['马', '白', '杨', '丁', '穆', '哈', '纳', '海'],
  manchu: ['关', '佟', '那', '金', '赵', '富', '何', '肖'],
  daur: ['敖', '鄂', '郭', '何', '孟', '金', '苏', '吴'],
}
const GIVEN_CHARS: Record<Gender, string> = {
  male: '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘',
  female:
    '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽',
}
/** Whole Mongolian names (usually written without a surname). */
const MONGOL_NAMES: Record<Gender, string[]> = {
  male: words(
    '巴特尔 额尔敦 那仁 朝鲁门 孟和巴特尔 阿拉坦仓 宝音图 毕力格图 吉日嘎拉 达来 苏和 巴图 布和 额尔德尼 哈斯朝鲁 特木尔 乌力吉 图门 朝克图 巴雅尔 斯琴毕力格 那顺 满都拉 额尔敦巴雅尔 宝力道 青格勒图 阿古拉 扎那',
  ),
  female: words(
    '乌云其木格 其其格 苏日娜 萨仁高娃 图雅 斯琴高娃 敖登格日勒 乌日娜 娜仁花 塔娜 萨日娜 乌兰 额尔敦其其格 哈斯图雅 格日乐 包金花 阿拉坦其其格 高娃 琪琪格 乌兰图雅 其木格 斯日古楞 萨如拉 娜日苏 托娅 诺敏',
  ),
}
/** Surnames Mongols in the region often take (包, 白, 宝 …), used for some names. */
const MONGOL_SURNAMES = ['包', '白', '宝', '韩', '吴', '鲍', '特', '敖']

export function ethnicityFor(rng: Rng): Ethnicity {
  const roll = rng.next()
  if (roll < 0.2) return 'mongol'
  if (roll < 0.23) return 'hui'
  if (roll < 0.255) return 'manchu'
  if (roll < 0.265) return 'daur'
  if (roll < 0.268) return 'ewenki'
  return 'han'
}

export function personName(rng: Rng, gender: Gender, ethnicity: Ethnicity): string {
  if (ethnicity === 'mongol') {
    const given = rng.pick(MONGOL_NAMES[gender])
    return rng.chance(0.25) && given.length <= 3 ? rng.pick(MONGOL_SURNAMES) + given : given
  }
  const surname = rng.pick(SURNAMES_BY_ETHNICITY[ethnicity] ?? HAN_SURNAMES)
  const chars = GIVEN_CHARS[gender]
  const first = chars.charAt(rng.int(0, chars.length - 1))
  return rng.chance(0.35)
    ? surname + first
    : surname + first + chars.charAt(rng.int(0, chars.length - 1))
}

/** Any plausible local name, for outside people (hosts, contacts of other orgs). */
export function anyName(rng: Rng): string {
  const gender = rng.chance(0.55) ? 'male' : 'female'
  return personName(rng, gender, ethnicityFor(rng))
}

const FIRM_WORDS = words(
  '云端 星河 草原 蒙通 北疆 驼铃 天骄 青城 鹿城 苍穹 长风 金桥 银河 智联 数联 网讯 信达 华讯 汇通 聚能 远航 启明 恒信 博远 睿智 蓝海 创享 易达 优选 快捷 丰泽 众合 鼎盛 腾达 宏图 新丝路 阳光 朝阳 骏马 雄鹰 白云 敖包 格桑 萨日朗 牧歌 塞北 大漠 黄河 阴山 大青山 昭君 哲里木 科尔沁 乌珠 锡林 呼伦 贝尔 河套 鄂尔多斯 察哈尔 兴安 万通 顺驰 嘉禾 金穗 稀土 光谷 数智 极光 星火 领航 思创 卓越 瀚海 雪域 晨曦 凌云 翰林 正和 同创 联创 优联 讯捷 立信 东方',
)
const INDUSTRY_SUFFIXES: Record<Industry, string[]> = {
  newsInfo: ['新闻传媒', '信息传媒', '网络传媒', '文化传媒'],
  socialNetwork: ['网络科技', '社交网络科技', '互联网信息服务'],
  ecommerce: ['电子商务', '电商服务', '网络贸易', '供应链管理'],
  onlineGame: ['网络游戏', '互动娱乐', '数字娱乐'],
  lifeService: ['网络服务', '信息服务', '互联网科技'],
  software: ['软件', '信息技术', '数据科技', '智能科技', '数字科技'],
  onlineFinance: ['网络金融信息服务', '金融信息服务'],
  other: ['网络科技', '互联网科技', '科技'],
}

/** '内蒙古云端数联电子商务有限公司' and the like, unique in `taken`. */
export function firmName(rng: Rng, industry: Industry, place: string, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const prefix = rng.chance(0.55) ? '内蒙古' : place.replace(/(市|盟|旗|县|区)$/, '')
    const words = rng.chance(0.5)
      ? rng.pick(FIRM_WORDS)
      : rng.pick(FIRM_WORDS) + rng.pick(FIRM_WORDS)
    const serial = attempt > 20 ? String(attempt) : ''
    const name = `${prefix}${words}${serial}${rng.pick(INDUSTRY_SUFFIXES[industry])}有限公司`
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
}

export const JOB_TITLES = words(
  '软件工程师 前端工程师 后端工程师 测试工程师 运维工程师 产品经理 项目经理 运营专员 新媒体编辑 客服主管 销售经理 财务 行政主管 人力资源专员 总经理 副总经理 技术总监 数据分析师 设计师 电商运营 网络主播 物流专员',
)

export const MOBILE_PLACES = [
  '北京市朝阳区',
  '上海市浦东新区',
  '杭州市西湖区',
  '深圳市南山区',
  '天津市滨海新区',
  '西安市雁塔区',
]

export const OUTSIDE_ORGS = [
  '北京市海淀区中关村科技园区互联网企业联合党支部',
  '杭州市余杭区某电子商务有限公司党支部',
  '河北省石家庄市某网络科技有限公司党支部',
  '辽宁省沈阳市浑南区软件园党委',
  '陕西省西安市高新区某信息技术有限公司党支部',
]
