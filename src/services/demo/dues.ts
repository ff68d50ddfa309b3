/**
 * The demo's 党费: a base and category for each paying member and twelve months of payments
 * up to last month, with a few members behind on purpose — some three months in arrears and
 * one six months (the six-month rule's dues trigger) — named in the demo's description.
 */
import { monthKey } from '@/domain/dates'
import { addMonthsTo, duesStartMonth, monthlyDue, owesDuesFor } from '@/domain/dues'
import { defaultSettings } from '@/domain/settings'
import { orgDuties } from '@/domain/terms'
import type { Dues, DuesCategory, Member, Org } from '@/domain/types'
import { stamp, type DemoContext } from './context'

/** A stable number from a member id, so the dues draw nothing from the seeded stream's order. */
function hashOf(text: string): number {
  let hash = 2166136261
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 16777619) >>> 0
  }
  return hash
}

function termsOf(member: Member, hash: number): { category: DuesCategory; base: number } {
  const born = Number(member.birthDate.slice(0, 4))
  if (born > 0 && born < 1965) return { category: 'retired', base: (3000 + (hash % 4000)) * 100 }
  if (hash % 41 === 0) return { category: 'hardship', base: 0 }
  return { category: 'employed', base: (2500 + (hash % 12500)) * 100 }
}

export interface DemoDues {
  dues: Dues[]
  /** Names of those three to five months behind, and of the one six months behind. */
  inArrears: string[]
  sixMonths: string[]
}

export function buildDues(
  ctx: DemoContext,
  members: readonly Member[],
  orgs: readonly Org[],
): DemoDues {
  const settings = defaultSettings()
  const orgById = new Map(orgs.map((org) => [org.id, org]))
  const current = monthKey(ctx.today)
  const months = Array.from({ length: 12 }, (_, index) => addMonthsTo(current, index - 12))
  const dues: Dues[] = []
  const inArrears: string[] = []
  const sixMonths: string[] = []
  for (const member of members) {
    const org = orgById.get(member.orgId)
    if (!org || !orgDuties(org).collectsDues) continue
    const owed = months.filter((month) => owesDuesFor(member, month))
    if (owed.length === 0) continue
    const hash = hashOf(member.id)
    const terms = termsOf(member, hash)
    // One member six months behind (the first who owed the whole year); some three behind.
    let unpaid = 0
    if (sixMonths.length === 0 && owed.length === 12 && duesStartMonth(member) < months[0]!) {
      unpaid = 6
      sixMonths.push(member.name)
    } else if (owed.length >= 6 && hash % 37 === 0) {
      unpaid = 3
      inArrears.push(member.name)
    }
    owed.slice(0, owed.length - unpaid).forEach((month, index) => {
      const due = monthlyDue({ ...terms, reduction: null }, month, settings)
      const paidOn = `${month}-${String(5 + (hash % 20)).padStart(2, '0')}`
      dues.push({
        memberId: member.id,
        orgId: member.orgId,
        month,
        category: terms.category,
        base: terms.base,
        reduction: null,
        due,
        paid: due,
        paidOn,
        receiptNo: `DF${month.replace('-', '')}${String(index + 1).padStart(2, '0')}`,
        note: '',
        corrections: [],
        ...stamp(ctx, paidOn),
      })
    })
  }
  return { dues, inArrears, sixMonths }
}
