/**
 * 内蒙古自治区 → 12 leagues/cities → a real subset of their banners/districts → a few
 * parks/streets. Codes are GB/T 2260 where the unit has one; development zones and
 * parks have none (''). `firmWeight` spreads the demo firms (more in 呼和浩特 and 包头).
 */
import type { Area, AreaLevel } from '@/domain/types'
import { stamp, type DemoContext } from './context'

interface BannerSpec {
  name: string
  code: string
  firmWeight: number
  parks?: string[]
}

interface CitySpec {
  name: string
  code: string
  banners: BannerSpec[]
}

const b = (name: string, code: string, firmWeight: number, parks?: string[]): BannerSpec => ({
  name,
  code,
  firmWeight,
  parks,
})

const CITIES: CitySpec[] = [
  {
    name: '呼和浩特市',
    code: '150100',
    banners: [
      b('新城区', '150102', 30, ['东街街道', '中山东路街道']),
      b('回民区', '150103', 18),
      b('玉泉区', '150104', 14),
      b('赛罕区', '150105', 40, ['呼和浩特金桥开发区']),
      b('土默特左旗', '150121', 5),
      b('托克托县', '150122', 3),
      b('和林格尔县', '150123', 8, ['和林格尔新区大数据产业园']),
      b('武川县', '150125', 2),
    ],
  },
  {
    name: '包头市',
    code: '150200',
    banners: [
      b('昆都仑区', '150203', 26, ['少先路街道']),
      b('青山区', '150204', 18),
      b('东河区', '150202', 12),
      b('九原区', '150207', 10),
      b('土默特右旗', '150221', 4),
      b('固阳县', '150222', 2),
      b('稀土高新区', '', 30, ['包头软件园', '稀土路街道']),
    ],
  },
  {
    name: '呼伦贝尔市',
    code: '150700',
    banners: [
      b('海拉尔区', '150702', 10),
      b('满洲里市', '150781', 6),
      b('牙克石市', '150782', 3),
      b('扎兰屯市', '150783', 3),
      b('莫力达瓦达斡尔族自治旗', '150722', 2),
      b('鄂温克族自治旗', '150724', 2),
    ],
  },
  {
    name: '兴安盟',
    code: '152200',
    banners: [
      b('乌兰浩特市', '152201', 8),
      b('阿尔山市', '152202', 2),
      b('科尔沁右翼前旗', '152221', 2),
      b('扎赉特旗', '152223', 2),
    ],
  },
  {
    name: '通辽市',
    code: '150500',
    banners: [
      b('科尔沁区', '150502', 18, ['科尔沁区电子商务产业园']),
      b('霍林郭勒市', '150581', 3),
      b('开鲁县', '150523', 3),
      b('奈曼旗', '150525', 3),
      b('扎鲁特旗', '150526', 2),
    ],
  },
  {
    name: '赤峰市',
    code: '150400',
    banners: [
      b('红山区', '150402', 14),
      b('松山区', '150404', 12),
      b('元宝山区', '150403', 4),
      b('巴林右旗', '150423', 5, ['大板镇']),
      b('巴林左旗', '150422', 3),
      b('克什克腾旗', '150425', 2),
      b('翁牛特旗', '150426', 3),
      b('宁城县', '150429', 3),
    ],
  },
  {
    name: '锡林郭勒盟',
    code: '152500',
    banners: [
      b('锡林浩特市', '152502', 10),
      b('二连浩特市', '152501', 4),
      b('东乌珠穆沁旗', '152525', 2),
      b('太仆寺旗', '152527', 2),
      b('多伦县', '152531', 2),
    ],
  },
  {
    name: '乌兰察布市',
    code: '150900',
    banners: [
      b('集宁区', '150902', 10),
      b('丰镇市', '150981', 3),
      b('察哈尔右翼前旗', '150926', 2),
      b('四子王旗', '150929', 2),
    ],
  },
  {
    name: '鄂尔多斯市',
    code: '150600',
    banners: [
      b('东胜区', '150602', 20, ['交通街道', '林荫街道', '天骄街道']),
      b('康巴什区', '150603', 12),
      b('达拉特旗', '150621', 4),
      b('准格尔旗', '150622', 5),
      b('伊金霍洛旗', '150627', 5),
      b('乌审旗', '150626', 2),
    ],
  },
  {
    name: '巴彦淖尔市',
    code: '150800',
    banners: [
      b('临河区', '150802', 10),
      b('五原县', '150821', 3),
      b('磴口县', '150822', 2),
      b('乌拉特前旗', '150823', 2),
      b('杭锦后旗', '150826', 2),
    ],
  },
  {
    name: '乌海市',
    code: '150300',
    banners: [b('海勃湾区', '150302', 6), b('海南区', '150303', 2), b('乌达区', '150304', 2)],
  },
  {
    name: '阿拉善盟',
    code: '152900',
    banners: [
      b('阿拉善左旗', '152921', 5),
      b('阿拉善右旗', '152922', 1),
      b('额济纳旗', '152923', 2),
    ],
  },
]

/** The area tree plus the lookups the rest of the generator needs. */
export interface AreaIndex {
  areas: Area[]
  byName: Map<string, Area>
  /** Banners/districts with their share of the generic firms. */
  banners: { area: Area; firmWeight: number }[]
  /** Parks/streets under each banner id. */
  parksOf: Map<string, Area[]>
  /** Nearest ancestor-or-self code (a park registers under its banner or city). */
  codeOf: (area: Area) => string
  parentOf: (area: Area) => Area | undefined
}

export function buildAreas(ctx: DemoContext): AreaIndex {
  const areas: Area[] = []
  const byId = new Map<string, Area>()
  const add = (
    name: string,
    code: string,
    level: AreaLevel,
    parent: Area | undefined,
    sortOrder: number,
  ) => {
    const base = stamp(ctx)
    const area: Area = {
      ...base,
      name,
      parentId: parent?.id ?? '',
      level,
      path: `${parent?.path ?? '/'}${base.id}/`,
      code,
      retired: 'no',
      sortOrder,
    }
    areas.push(area)
    byId.set(area.id, area)
    return area
  }
  const region = add('内蒙古自治区', '150000', 'region', undefined, 0)
  const banners: AreaIndex['banners'] = []
  const parksOf = new Map<string, Area[]>()
  CITIES.forEach((citySpec, cityIndex) => {
    const city = add(citySpec.name, citySpec.code, 'city', region, cityIndex)
    citySpec.banners.forEach((bannerSpec, bannerIndex) => {
      const banner = add(bannerSpec.name, bannerSpec.code, 'banner', city, bannerIndex)
      banners.push({ area: banner, firmWeight: bannerSpec.firmWeight })
      const parks = (bannerSpec.parks ?? []).map((park, parkIndex) =>
        add(park, '', 'park', banner, parkIndex),
      )
      parksOf.set(banner.id, parks)
    })
  })
  const parentOf = (area: Area) => byId.get(area.parentId)
  const codeOf = (area: Area): string => {
    let current: Area | undefined = area
    while (current && current.code === '') current = parentOf(current)
    return current?.code ?? '150000'
  }
  return {
    areas,
    byName: new Map(areas.map((area) => [area.name, area])),
    banners,
    parksOf,
    codeOf,
    parentOf,
  }
}

/** The named area, failing loudly when the table above loses it. */
export function areaNamed(index: AreaIndex, name: string): Area {
  const area = index.byName.get(name)
  if (!area) throw new Error(`demo area missing: ${name}`)
  return area
}

/** The banner an area belongs to (itself for a banner, its parent for a park). */
export function bannerOf(index: AreaIndex, area: Area): Area {
  return area.level === 'park' ? (index.parentOf(area) ?? area) : area
}
