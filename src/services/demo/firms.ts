/**
 * The register of internet firms. The article's figure is "as of today": exactly
 * round(875 × scale) firms operate today; closed firms (closedOn in the past) come on top.
 */
import type { Area, Firm, Industry, IsoDate, SizeClass } from '@/domain/types'
import { areaNamed, bannerOf, type AreaIndex } from './areas'
import { stamp, type DemoContext } from './context'
import { addDays, addYears, fromDayNumber, toDayNumber } from './dates'
import { creditCode } from './ids'
import { firmName } from './names'

export const OPERATING_FIRMS = 875
/** Closed firms kept in the register for history; not part of the 875. */
export const CLOSED_FIRMS = 6
/** Firms registered within the last 12 months (of the 875). */
const NEW_FIRMS = 8

const INDUSTRY_WEIGHTS: [Industry, number][] = [
  ['newsInfo', 8],
  ['socialNetwork', 6],
  ['ecommerce', 30],
  ['onlineGame', 4],
  ['lifeService', 14],
  ['software', 26],
  ['onlineFinance', 4],
  ['other', 8],
]
const ROADS = [
  '新华大街',
  '科技路',
  '创业大道',
  '建设路',
  '人民路',
  '光明路',
  '团结大街',
  '友谊路',
  '文化路',
]

/** Firms the org plan needs by name or by place, and the rest. */
export interface FirmPlan {
  firms: Firm[]
  xinda: Firm
  baarinFirms: Firm[]
  huaxun: Firm
  xinsilu: Firm
  rareEarthFirms: Firm[]
  horqinFirms: Firm[]
  /** Operating firms not reserved above, registered more than a year ago. */
  generic: Firm[]
  closed: Firm[]
}

interface FirmOptions {
  name?: string
  industry?: Industry
  sizeClass?: SizeClass
  registeredOn?: IsoDate
  closedOn?: IsoDate
}

export function buildFirms(ctx: DemoContext, areaIndex: AreaIndex): FirmPlan {
  const { rng, today } = ctx
  const names = new Set<string>()
  const codes = new Set<string>()
  const firms: Firm[] = []
  const oldestDay = toDayNumber('2005-01-01')
  const yearAgoDay = toDayNumber(addYears(today, -1))

  const make = (area: Area, options: FirmOptions = {}): Firm => {
    const industry =
      options.industry ??
      INDUSTRY_WEIGHTS[rng.weightedIndex(INDUSTRY_WEIGHTS.map((entry) => entry[1]))]?.[0] ??
      'other'
    const sizeClass = options.sizeClass ?? (rng.chance(0.12) ? 'above' : 'below')
    const employees =
      sizeClass === 'above' ? rng.int(100, 800) : Math.min(99, 3 + Math.floor(rng.next() ** 2 * 90))
    const banner = bannerOf(areaIndex, area)
    const city = areaIndex.parentOf(banner)
    const firm: Firm = {
      name: options.name ?? firmName(rng, industry, city?.name ?? banner.name, names),
      creditCode: creditCode(rng, areaIndex.codeOf(area), codes),
      areaId: area.id,
      areaPath: area.path,
      // Derived once every org exists (generate.ts, deriveOrgStatuses).
      orgStatus: 'none',
      nameTokens: [],
      industry,
      sizeClass,
      employees,
      registeredOn: options.registeredOn ?? fromDayNumber(rng.int(oldestDay, yearAgoDay - 1)),
      closedOn: options.closedOn ?? '',
      instructor: '',
      liaison: '',
      address: `${city?.name ?? ''}${banner.name}${area === banner ? '' : area.name}${rng.pick(ROADS)}${rng.int(1, 399)}号`,
      note: '',
      ...stamp(ctx),
    }
    names.add(firm.name)
    firms.push(firm)
    return firm
  }
  const inBannerOrPark = (banner: Area): Area => {
    const parks = areaIndex.parksOf.get(banner.id) ?? []
    return parks.length > 0 && rng.chance(0.35) ? rng.pick(parks) : banner
  }

  const baarin = areaNamed(areaIndex, '巴林右旗')
  const daban = areaNamed(areaIndex, '大板镇')
  const xinda = make(daban, {
    name: '信达中小企业服务有限公司',
    industry: 'ecommerce',
    registeredOn: '2012-06-18',
  })
  const baarinFirms = [
    make(daban, { name: '巴林右旗草原云电子商务有限公司', industry: 'ecommerce' }),
    make(baarin, { name: '巴林右旗巴林石网络科技有限公司', industry: 'software' }),
    make(daban, { name: '巴林右旗蒙源农牧产品电子商务有限公司', industry: 'ecommerce' }),
  ]
  const rareEarth = areaNamed(areaIndex, '稀土高新区')
  const huaxun = make(areaNamed(areaIndex, '包头软件园'), {
    name: '内蒙古华讯软件有限公司',
    industry: 'software',
    sizeClass: 'above',
    registeredOn: '2009-03-12',
  })
  const xinsilu = make(areaNamed(areaIndex, '锡林浩特市'), {
    name: '锡林郭勒盟新丝路电子商务有限公司',
    industry: 'ecommerce',
    sizeClass: 'above',
    registeredOn: '2013-08-06',
  })
  const rareEarthFirms = Array.from({ length: 11 }, () => make(inBannerOrPark(rareEarth)))
  const horqin = areaNamed(areaIndex, '科尔沁区')
  const horqinFirms = Array.from({ length: 5 }, () =>
    make(inBannerOrPark(horqin), { industry: 'ecommerce' }),
  )

  const operating = Math.round(OPERATING_FIRMS * ctx.scale)
  const newCount = Math.round(NEW_FIRMS * ctx.scale)
  const genericCount = operating - firms.length
  const weights = areaIndex.banners.map((entry) => entry.firmWeight)
  const generic: Firm[] = []
  for (let index = 0; index < genericCount; index++) {
    const banner = areaIndex.banners[rng.weightedIndex(weights)]?.area ?? rareEarth
    const isNew = index < newCount
    const firm = make(inBannerOrPark(banner), {
      registeredOn: isNew
        ? fromDayNumber(rng.int(yearAgoDay + 1, toDayNumber(today) - 1))
        : undefined,
    })
    if (!isNew) generic.push(firm)
  }
  const closed = Array.from({ length: Math.round(CLOSED_FIRMS * ctx.scale) }, () => {
    const closedOn = addDays(today, -rng.int(60, 900))
    const banner = areaIndex.banners[rng.weightedIndex(weights)]?.area ?? rareEarth
    return make(banner, { closedOn, registeredOn: addDays(closedOn, -rng.int(800, 3000)) })
  })
  return {
    firms,
    xinda,
    baarinFirms,
    huaxun,
    xinsilu,
    rareEarthFirms,
    horqinFirms,
    generic,
    closed,
  }
}
