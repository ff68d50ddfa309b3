import { describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg, savePayment } from '@/db'
import { rebuildDuesTallies } from '@/db/duesTallies'
import { recountDuesTallies } from '@/domain/duesTallies'
import type { Dues } from '@/domain/types'
import { area, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()

describe('rebuildDuesTallies pages through members and orgs', () => {
  it.each([1, 2, 3, 7, 2000])(
    'equals a recount of everything with pages of %i (boundaries, orphans, flags)',
    async (pageSize) => {
      const a = await createArea(area())
      const orgs = await Promise.all(
        ['一支部', '二支部', '三支部'].map((name) => createOrg(org(a.id, { name }))),
      )
      const members = []
      for (let i = 0; i < 7; i++) {
        const o = orgs[i % orgs.length]!
        members.push(
          await createMember(
            member(o.id, {
              name: `党员${i}`,
              idNumber: '',
              phone: '',
              fullMemberOn: '2010-07-01',
              ...(i === 4 ? { workNotDone: { since: '2026-03-01', note: '未完成' } } : {}),
            }),
          ),
        )
      }
      for (const [i, m] of members.entries()) {
        for (const month of ['2026-08', '2026-09', '2026-10'].slice(0, (i % 3) + 1)) {
          await savePayment({
            memberId: m.id,
            orgId: m.orgId,
            month,
            category: 'employed',
            base: 500000 + i * 100000,
            reduction: null,
            paid: i === 2 ? 100 : 5000,
            paidOn: `${month}-05`,
            receiptNo: '',
            note: '',
          })
        }
      }
      // Payments whose member and org are gone (a partial restore): still counted, once.
      const stray = (await db().dues.toArray())[0]!
      await db().dues.bulkPut([
        { ...stray, id: 'zz-stray', memberId: 'zzzz-gone', orgId: 'zzzz-org', month: '2026-07' },
        { ...stray, id: '00-stray', memberId: '0000-gone', orgId: '0000-org', month: '2026-07' },
      ])
      const expected = recountDuesTallies(
        await db().members.toArray(),
        (await db().dues.toArray()) as Dues[],
      )
      await db().transaction('rw', [db().members, db().orgs, db().dues, db().duesTallies], (tx) =>
        rebuildDuesTallies(tx, pageSize),
      )
      const kept = await db().duesTallies.orderBy('key').toArray()
      expect(kept).toEqual(expected)
      expect(kept.filter((row) => row.kind === 'work')).toHaveLength(1)
      expect(kept.filter((row) => row.kind === 'orgMonth').length).toBeGreaterThan(orgs.length)
      expect(kept.some((row) => row.key.includes('zzzz-gone'))).toBe(true)
      expect(kept.some((row) => row.key.includes('0000-org'))).toBe(true)
    },
  )
})
