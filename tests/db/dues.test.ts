import { describe, expect, it } from 'vitest'
import {
  createArea,
  createMember,
  createOrg,
  duesRevision,
  readArrears,
  readDuesFigures,
  readMemberYear,
  readRegister,
  readSixMonthCandidates,
  recordMonthAsDue,
  removeMember,
  savePayment,
  StaleRevisionError,
  updateMember,
  ValidationError,
} from '@/db'
import type { PaymentInput } from '@/domain/duesRecords'
import { recountDuesTallies } from '@/domain/duesTallies'
import { defaultSettings } from '@/domain/settings'
import { findSixMonthAlarms } from '@/domain/sixMonths'
import type { Dues, Member } from '@/domain/types'
import { area, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()

async function expectKeptEqualsRecount() {
  const members = await db().members.toArray()
  const dues = (await db().dues.toArray()) as Dues[]
  expect(await db().duesTallies.orderBy('key').toArray()).toEqual(recountDuesTallies(members, dues))
}

async function branch(type: 'branch' | 'temporaryBranch' = 'branch') {
  const a = await createArea(area())
  const o = await createOrg(org(a.id, { type, name: type === 'branch' ? '一支部' : '临时支部' }))
  const full = (name: string, idNumber: string) =>
    createMember(member(o.id, { name, idNumber, fullMemberOn: '2010-07-01' }))
  const wang = await full('王芳', '11010519491231002X')
  const li = await full('李强', '')
  return { org: o, wang, li }
}

const pay = (m: Member, month: string, partial: Partial<PaymentInput> = {}): PaymentInput => ({
  memberId: m.id,
  orgId: m.orgId,
  month,
  category: 'employed',
  base: 600000,
  reduction: null,
  paid: 9000,
  paidOn: `${month}-05`,
  receiptNo: '',
  note: '',
  ...partial,
})

describe('the monthly register and its kept figures', () => {
  it('records a month for the whole branch in one action; names who has no base', async () => {
    const { org: o, wang, li } = await branch()
    await savePayment(pay(wang, '2026-09'))
    const register = await readRegister(o.id, '2026-10')
    expect(register.rows.map((row) => [row.member.name, row.due])).toEqual([
      ['李强', null],
      ['王芳', 9000],
    ])
    const result = await recordMonthAsDue(o.id, '2026-10', '2026-10-12')
    expect(result).toEqual({ recorded: 1, withoutBase: ['李强'] })
    const after = await readRegister(o.id, '2026-10')
    const row = after.rows.find((r) => r.member.id === wang.id)!
    expect(row.record).toMatchObject({ due: 9000, paid: 9000, paidOn: '2026-10-12', base: 600000 })
    // Done again: the paid month is not touched.
    expect(await recordMonthAsDue(o.id, '2026-10')).toEqual({ recorded: 0, withoutBase: ['李强'] })
    const [figures] = await readDuesFigures(null, '2026-10')
    expect(figures).toMatchObject({ orgId: o.id, due: 9000, paid: 9000, members: 1, settled: 1 })
    await expectKeptEqualsRecount()
    void li
  })

  it('a correction needs its reason and keeps what it replaced; a stale form is refused', async () => {
    const { wang } = await branch()
    const first = await savePayment(pay(wang, '2026-10', { receiptNo: 'R-1' }))
    await expect(savePayment(pay(wang, '2026-10', { paid: 4500 }))).rejects.toMatchObject({
      problems: [{ field: 'reason', code: 'required' }],
    })
    const fixed = await savePayment(pay(wang, '2026-10', { paid: 4500, receiptNo: 'R-1' }), {
      reason: '误录，实收 45 元',
      expectedRev: duesRevision(first),
    })
    expect(fixed.corrections).toEqual([
      expect.objectContaining({ reason: '误录，实收 45 元', paid: 9000, receiptNo: 'R-1' }),
    ])
    await expect(
      savePayment(pay(wang, '2026-10', { paid: 9000 }), {
        reason: '再改',
        expectedRev: duesRevision(first),
      }),
    ).rejects.toBeInstanceOf(StaleRevisionError)
    const audit = await db().auditLog.where('recordId').equals(fixed.id).toArray()
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update'])
    expect((await readMemberYear(wang.id, 2026)).map((r) => r.paid)).toEqual([4500])
    await expectKeptEqualsRecount()
  })

  it('refuses bad input by field, and a temporary branch (it collects no dues)', async () => {
    const { wang } = await branch()
    const error = await savePayment(pay(wang, '2026-13', { paid: -1, paidOn: '' })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['month', 'paid'])
    const temporary = await branch('temporaryBranch')
    await expect(recordMonthAsDue(temporary.org.id, '2026-10')).rejects.toMatchObject({
      problems: [{ code: 'temporaryBranch' }],
    })
    expect((await readRegister(temporary.org.id, '2026-10')).rows).toEqual([])
  })

  it('arrears are carried and listed from the kept clock; the six-month dues trigger', async () => {
    const { org: o, wang, li } = await branch()
    // 王芳 paid Jan–May 2026; 李强 everything to November.
    for (const month of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'])
      await savePayment(pay(wang, month))
    for (let m = 1; m <= 11; m++)
      await savePayment(pay(li, `2026-${String(m).padStart(2, '0')}`, { base: 200000, paid: 1000 }))
    const arrears = await readArrears([o.id], '2026-12-01', 3)
    expect(arrears.map((row) => [row.name, row.paidThrough, row.months])).toEqual([
      ['王芳', '2026-05', 6],
    ])
    expect(await readArrears([o.id], '2026-11-30', 6)).toEqual([])
    const settings = defaultSettings()
    const candidates = await readSixMonthCandidates([o.id], settings, '2026-12-01')
    const alarms = findSixMonthAlarms(candidates, settings, '2026-12-01')
    expect(alarms.filter((a) => a.trigger === 'dues').map((a) => a.name)).toEqual(['王芳'])
    await expectKeptEqualsRecount()
  })

  it('keeps the figures through member writes: start month, work flag, removal', async () => {
    const { wang, li } = await branch()
    await savePayment(pay(wang, '2026-10'))
    const { id: _i, createdAt: _c, updatedAt: _u, lastAttendedOn: _l, ...input } = li
    await updateMember(li.id, { ...input, workNotDone: { since: '2026-03-01', note: '未完成' } })
    await updateMember(li.id, { ...input, fullMemberOn: '2020-07-01' })
    await expectKeptEqualsRecount()
    await removeMember(li.id)
    await expectKeptEqualsRecount()
    expect(await db().duesTallies.where('key').startsWith('w|').count()).toBe(0)
  })
})
