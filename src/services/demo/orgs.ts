/**
 * Party organisations in the firms. Exactly round(121 × scale) operating firms are
 * covered by an active 基层党委/党总支/党支部/联合党支部; the article's named orgs come
 * first, generic own and joint branches fill the rest. Committees are seated later,
 * once members exist (committees.ts).
 */
import type { Area, Firm, IsoDate, Org, OrgType } from '@/domain/types'
import { areaNamed, type AreaIndex } from './areas'
import { stamp, type DemoContext } from './context'
import { addDays, fromDayNumber, maxDate, minDate, toDayNumber } from './dates'
import type { FirmPlan } from './firms'
import { addDissolved, fillGeneric, OWN_SIZES } from './orgs-fill'

export const COVERED_FIRMS = 121
export const RARE_EARTH_COMMITTEE = '包头稀土高新区互联网企业党委'
export const HORQIN_GENERAL_BRANCH = '科尔沁电子商务产业协会党总支'

/** Planned members of one host firm inside a member-holding org. */
export interface Seat {
  firm: Firm
  full: number
  probationary: number
}

/** A branch or joint branch that holds members. */
export interface MemberOrg {
  org: Org
  seats: Seat[]
  /** Own branches whose size may be tuned to hit the exact member total. */
  adjustable: boolean
  /** Secretary's name fixed by the article ('' = any member). */
  secretaryName: string
}

export interface OrgPlan {
  orgs: Org[]
  memberOrgs: MemberOrg[]
  rareEarthCommittee: Org
  xindaBranch: Org
  baarinBranches: Org[]
}

export function buildOrgs(ctx: DemoContext, areaIndex: AreaIndex, firmPlan: FirmPlan): OrgPlan {
  const { rng, today } = ctx
  const orgs: Org[] = []
  const memberOrgs: MemberOrg[] = []
  const covered = new Set<string>()
  const latestFounding = addDays(today, -120)

  const foundedAfter = (firms: Firm[], earliest: IsoDate = '2012-01-01'): IsoDate => {
    const low = firms.reduce(
      (date, firm) => maxDate(date, addDays(firm.registeredOn, 180)),
      earliest,
    )
    const lowDay = Math.min(toDayNumber(low), toDayNumber(latestFounding))
    return fromDayNumber(rng.int(lowDay, toDayNumber(latestFounding)))
  }
  const makeOrg = (
    name: string,
    type: OrgType,
    area: Area,
    hostFirms: Firm[],
    parent?: Org,
    foundedOn?: IsoDate,
  ) => {
    const org: Org = {
      name,
      type,
      parentId: parent?.id ?? '',
      areaId: area.id,
      areaPath: area.path,
      hostFirmIds: hostFirms.map((firm) => firm.id),
      foundedOn:
        foundedOn ?? foundedAfter(hostFirms, parent ? addDays(parent.foundedOn, 1) : undefined),
      dissolvedOn: '',
      committee: [],
      termStartOn: '',
      termYears: 0,
      note: '',
      ...stamp(ctx),
    }
    orgs.push(org)
    for (const firm of hostFirms) covered.add(firm.id)
    return org
  }
  const ownSeat = (firm: Firm, size: number): Seat => {
    const probationary = size >= 4 && rng.chance(0.35) ? (size >= 10 ? 2 : 1) : 0
    return { firm, full: size - probationary, probationary }
  }
  const jointSeat = (firm: Firm): Seat => ({
    firm,
    full: rng.int(1, 2),
    probationary: rng.chance(0.2) ? 1 : 0,
  })
  const ownBranch = (
    firm: Firm,
    size: number,
    options: Partial<MemberOrg> & { parent?: Org; foundedOn?: IsoDate } = {},
  ) => {
    const area =
      areaIndex.areas.find((candidate) => candidate.id === firm.areaId) ?? areaIndex.areas[0]
    if (!area) throw new Error('no areas')
    const org = makeOrg(
      `${firm.name}党支部`,
      'branch',
      area,
      [firm],
      options.parent,
      options.foundedOn,
    )
    memberOrgs.push({
      org,
      seats: [ownSeat(firm, size)],
      adjustable: options.adjustable ?? true,
      secretaryName: options.secretaryName ?? '',
    })
    return org
  }
  const jointBranch = (name: string, area: Area, firms: Firm[], parent?: Org) => {
    const org = makeOrg(name, 'jointBranch', area, firms, parent)
    memberOrgs.push({ org, seats: firms.map(jointSeat), adjustable: false, secretaryName: '' })
    return org
  }

  // 包头稀土高新区互联网企业党委 with 8 branches under it.
  const rareEarth = areaNamed(areaIndex, '稀土高新区')
  const rareEarthCommittee = makeOrg(
    RARE_EARTH_COMMITTEE,
    'baseCommittee',
    rareEarth,
    [],
    undefined,
    minDate('2017-06-28', addDays(today, -800)),
  )
  ownBranch(firmPlan.huaxun, rng.int(16, 19), {
    parent: rareEarthCommittee,
    secretaryName: '高强',
    foundedOn: maxDate(
      minDate('2017-09-15', addDays(today, -700)),
      addDays(rareEarthCommittee.foundedOn, 1),
    ),
  })
  const [r0, r1, r2, r3, r4, ...rareJoint] = firmPlan.rareEarthFirms
  for (const firm of [r0, r1, r2, r3, r4])
    if (firm) ownBranch(firm, rng.pick(OWN_SIZES), { parent: rareEarthCommittee })
  jointBranch(
    '包头稀土高新区互联网企业第一联合党支部',
    rareEarth,
    rareJoint.slice(0, 3),
    rareEarthCommittee,
  )
  jointBranch(
    '包头稀土高新区互联网企业第二联合党支部',
    rareEarth,
    rareJoint.slice(3, 6),
    rareEarthCommittee,
  )

  // 科尔沁电子商务产业协会党总支: no host firm of its own, two branches of e-commerce firms.
  const horqin = areaNamed(areaIndex, '科尔沁区')
  const horqinBranch = makeOrg(
    HORQIN_GENERAL_BRANCH,
    'generalBranch',
    horqin,
    [],
    undefined,
    minDate('2016-07-01', addDays(today, -900)),
  )
  const [h0, ...horqinJoint] = firmPlan.horqinFirms
  if (h0) ownBranch(h0, rng.int(5, 8), { parent: horqinBranch })
  jointBranch('科尔沁区电子商务企业联合党支部', horqin, horqinJoint, horqinBranch)

  // 巴林右旗: 信达's branch and three non-public firms' branches (the joint committee is joint.ts).
  const xindaBranch = ownBranch(firmPlan.xinda, rng.int(8, 10))
  const baarinBranches = firmPlan.baarinFirms.map((firm) => ownBranch(firm, rng.int(3, 6)))
  ownBranch(firmPlan.xinsilu, rng.int(9, 12), { secretaryName: '滕国' })

  // Two larger firms with a general branch over two branches each.
  const generic = firmPlan.generic
  for (const cityName of ['呼和浩特市', '包头市']) {
    const city = areaNamed(areaIndex, cityName)
    const firm = generic.find(
      (candidate) => candidate.areaPath.startsWith(city.path) && !covered.has(candidate.id),
    )
    if (!firm) continue
    firm.sizeClass = 'above'
    firm.employees = rng.int(300, 900)
    const area = areaIndex.areas.find((candidate) => candidate.id === firm.areaId) ?? city
    const general = makeOrg(`${firm.name}党总支`, 'generalBranch', area, [firm])
    for (const part of ['第一', '第二']) {
      const org = makeOrg(`${firm.name}${part}党支部`, 'branch', area, [firm], general)
      memberOrgs.push({
        org,
        seats: [ownSeat(firm, rng.int(15, 20))],
        adjustable: false,
        secretaryName: '',
      })
    }
  }

  fillGeneric(
    ctx,
    areaIndex,
    generic,
    covered,
    { ownBranch, jointBranch },
    Math.round(COVERED_FIRMS * ctx.scale),
  )
  addDissolved(ctx, firmPlan, orgs, memberOrgs)
  return { orgs, memberOrgs, rareEarthCommittee, xindaBranch, baarinBranches }
}
