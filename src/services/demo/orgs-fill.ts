/**
 * Generic coverage after the article's named orgs: own branches and joint branches until
 * the covered-firm target, plus two dissolved orgs so that history is not trivial.
 */
import type { Area, Firm, Org } from '@/domain/types'
import { bannerOf, type AreaIndex } from './areas'
import { stamp, type DemoContext } from './context'
import { addDays, toDayNumber } from './dates'
import type { FirmPlan } from './firms'
import type { MemberOrg } from './orgs'

const NUMERALS = '一二三四五六七八九十'

/** 1 → 一, 12 → 十二, 25 → 二十五 (enough for ordinal names). */
export function chineseOrdinal(value: number): string {
  if (value <= 10) return NUMERALS.charAt(value - 1)
  if (value < 20) return '十' + NUMERALS.charAt(value - 11)
  if (value < 100)
    return (
      NUMERALS.charAt(Math.floor(value / 10) - 1) +
      '十' +
      (value % 10 === 0 ? '' : NUMERALS.charAt((value % 10) - 1))
    )
  return String(value)
}

/** Members of an own branch: mostly small, as in young internet firms. */
export const OWN_SIZES = [3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8, 9, 11]

export interface Builders {
  ownBranch: (firm: Firm, size: number) => Org
  jointBranch: (name: string, area: Area, firms: Firm[]) => Org
}

/** Own branches (~70 %) and joint branches of 2–5 firms of one banner, until the target. */
export function fillGeneric(
  ctx: DemoContext,
  areaIndex: AreaIndex,
  generic: Firm[],
  covered: Set<string>,
  build: Builders,
  target: number,
) {
  const { rng } = ctx
  const areaById = new Map(areaIndex.areas.map((area) => [area.id, area]))
  const byBanner = new Map<string, Firm[]>()
  for (const firm of rng.shuffle(generic)) {
    const area = areaById.get(firm.areaId)
    if (!area) continue
    const banner = bannerOf(areaIndex, area)
    const list = byBanner.get(banner.id)
    if (list) list.push(firm)
    else byBanner.set(banner.id, [firm])
  }
  const banners = [...byBanner.keys()]
  const bannerWeights = banners.map((id) => byBanner.get(id)?.length ?? 0)
  const jointCount = new Map<string, number>()
  const queue = rng.shuffle(generic)
  let cursor = 0
  const nextFree = (): Firm | undefined => {
    while (cursor < queue.length && covered.has(queue[cursor]?.id ?? '')) cursor++
    return queue[cursor]
  }
  while (covered.size < target) {
    const remaining = target - covered.size
    if (remaining >= 2 && rng.chance(0.3)) {
      const bannerId = banners[rng.weightedIndex(bannerWeights)] ?? ''
      const free = (byBanner.get(bannerId) ?? []).filter((firm) => !covered.has(firm.id))
      const size = Math.min(rng.int(2, 5), remaining, free.length)
      const banner = areaById.get(bannerId)
      if (size >= 2 && banner) {
        const ordinal = (jointCount.get(bannerId) ?? 0) + 1
        jointCount.set(bannerId, ordinal)
        build.jointBranch(
          `${banner.name}互联网企业第${chineseOrdinal(ordinal)}联合党支部`,
          banner,
          free.slice(0, size),
        )
        continue
      }
    }
    const first = nextFree()
    if (!first) throw new Error('not enough firms to cover')
    build.ownBranch(first, rng.pick(OWN_SIZES))
  }
}

/**
 * History: a dissolved branch of a closed firm, and one that merged into a joint branch. Both
 * ended before the meeting history starts (1 January of last year), so no period of that
 * history asks them for meetings they could not hold.
 */
export function addDissolved(
  ctx: DemoContext,
  firmPlan: FirmPlan,
  orgs: Org[],
  memberOrgs: MemberOrg[],
) {
  const historyStart = `${Number(ctx.today.slice(0, 4)) - 1}-01-01`
  const closedFirm =
    firmPlan.closed.find((firm) => firm.closedOn < historyStart) ?? firmPlan.closed[0]
  const template = orgs.find((org) => org.type === 'branch')
  if (!closedFirm || !template) return
  const closedOn = closedFirm.closedOn
  orgs.push({
    ...template,
    name: `${closedFirm.name}党支部`,
    parentId: '',
    areaId: closedFirm.areaId,
    areaPath: closedFirm.areaPath,
    hostFirmIds: [closedFirm.id],
    committee: [],
    foundedOn: addDays(closedFirm.registeredOn, 400),
    dissolvedOn: closedOn,
    note: '企业注销，党支部撤销，党员组织关系已转出',
    ...stamp(ctx),
  })
  const topJoint = memberOrgs.filter(
    (entry) => entry.org.type === 'jointBranch' && entry.org.parentId === '',
  )
  const joint = topJoint.find((entry) => entry.org.foundedOn < historyStart) ?? topJoint[0]
  const firm = joint?.seats[0]?.firm
  if (!joint || !firm) return
  const dissolvedOn = joint.org.foundedOn
  orgs.push({
    ...joint.org,
    name: `${firm.name}党支部`,
    type: 'branch',
    hostFirmIds: [firm.id],
    committee: [],
    areaId: firm.areaId,
    areaPath: firm.areaPath,
    foundedOn: addDays(
      firm.registeredOn,
      Math.floor((toDayNumber(dissolvedOn) - toDayNumber(firm.registeredOn)) / 3),
    ),
    dissolvedOn,
    note: '正式党员不足3人，并入联合党支部',
    ...stamp(ctx),
  })
}
