import { describe, expect, it } from 'vitest'
import {
  createArea,
  createMember,
  createOrg,
  getMember,
  listAuditFor,
  NotFoundError,
  recordSixMonthStep,
  setWorkNotDone,
  StaleRevisionError,
  updateMember,
  ValidationError,
} from '@/db'
import { membersTodo } from '@/composables/todo/members'
import { revisionOf } from '@/domain/revisions'
import { defaultSettings } from '@/domain/settings'
import { checkSixMonthStep, checkWorkFlag } from '@/domain/sixMonths'
import { area, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()
const settings = defaultSettings()
const today = '2026-11-23'

async function flaggedMember() {
  const a = await createArea(area())
  const o = await createOrg(org(a.id))
  const m = await createMember(
    member(o.id, { name: '赵敏', idNumber: '', phone: '', fullMemberOn: '2010-07-01' }),
  )
  return { org: o, member: m }
}

async function problemsOf(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ValidationError)
  return (error as ValidationError).problems.map((p) => [p.field, p.code])
}

describe('党章 第九条, the third trigger: the secretary’s flag and the branch’s steps', () => {
  it('checks the flag and the step field by field', () => {
    expect(checkWorkFlag({ since: '', note: ' ' }, today)).toEqual([
      { field: 'workSince', code: 'required' },
      { field: 'workNote', code: 'required' },
    ])
    expect(checkWorkFlag({ since: '2026-11-24', note: '未完成' }, today)).toEqual([
      { field: 'workSince', code: 'futureDate' },
    ])
    expect(checkWorkFlag({ since: '2026-02-30', note: 'x'.repeat(201) }, today)).toEqual([
      { field: 'workSince', code: 'invalidDate' },
      { field: 'workNote', code: 'tooLong', params: { max: 200 } },
    ])
    expect(checkWorkFlag({ since: '2026-11-23', note: '未完成' }, today)).toEqual([])
    expect(
      checkSixMonthStep(
        { on: '2026-11-23', kind: 'other', trigger: 'work', note: '上门走访' },
        today,
      ),
    ).toEqual([])
    expect(
      checkSixMonthStep(
        // A kind or trigger typed by hand (an import, a tampered file) is refused by name.
        { on: '', kind: 'visit' as 'talk', trigger: 'study' as 'work', note: '' },
        today,
      ).map((p) => p.field),
    ).toEqual(['stepOn', 'stepKind', 'stepTrigger', 'stepNote'])
  })

  it('sets the flag, raises the alarm naming the trigger with its action, and records a talk', async () => {
    const { member: m } = await flaggedMember()
    await expect(
      problemsOf(setWorkNotDone(m.id, { since: '', note: '' }, undefined, today)),
    ).resolves.toEqual([
      ['workSince', 'required'],
      ['workNote', 'required'],
    ])
    expect((await getMember(m.id))?.workNotDone).toBeUndefined()

    // Five months: no alarm yet for the work (attendance has its own clock).
    await setWorkNotDone(
      m.id,
      { since: '2026-06-24', note: ' 未完成支部分配的宣讲任务 ' },
      undefined,
      today,
    )
    expect((await getMember(m.id))?.workNotDone).toEqual({
      since: '2026-06-24',
      note: '未完成支部分配的宣讲任务',
    })
    const work = async (on: string) =>
      (await membersTodo({ orgIds: null, settings, today: on })).filter(
        (item) => item.code === 'dues.sixMonth.work',
      )
    // Six full months: due on 2026-12-24, shown from the day after (the rule's boundary).
    expect(await work('2026-12-24')).toHaveLength(0)
    const [alarm] = await work('2026-12-25')
    expect(alarm).toMatchObject({
      subject: '赵敏',
      dueOn: '2026-12-24',
      params: { lastOn: '2026-06-24', months: 6 },
      action: { kind: 'sixMonthStep', memberId: m.id, trigger: 'work' },
    })
    expect(alarm?.params.stepKind).toBeUndefined()

    await expect(
      problemsOf(
        recordSixMonthStep(
          m.id,
          { on: '2026-12-01', kind: 'talk', trigger: 'work', note: '' },
          today,
        ),
      ),
    ).resolves.toEqual([
      ['stepOn', 'futureDate'],
      ['stepNote', 'required'],
    ])
    await recordSixMonthStep(
      m.id,
      { on: '2026-11-20', kind: 'talk', trigger: 'work', note: '书记谈话，本人表示月底前完成' },
      today,
    )
    await recordSixMonthStep(
      m.id,
      { on: '2026-11-22', kind: 'decision', trigger: 'work', note: '支部大会决定除名，报党委审批' },
      today,
    )
    const stored = await getMember(m.id)
    expect(stored?.sixMonthSteps?.map((step) => step.kind)).toEqual(['talk', 'decision'])
    // Audited like any member edit, and the record carries its next revision (replicates).
    const trail = await listAuditFor(m.id)
    expect(trail.filter((entry) => entry.fields?.includes('sixMonthSteps'))).toHaveLength(2)
    expect(revisionOf('members', stored!)).toMatch(/^4-/)
    const [after] = await work('2026-12-25')
    expect(after?.params).toMatchObject({ stepKind: 'decision', stepOn: '2026-11-22' })
  })

  it('clears the flag; a flag saved against a changed member is refused', async () => {
    const { member: m } = await flaggedMember()
    const opened = revisionOf('members', m)
    const { id: _i, createdAt: _c, updatedAt: _u, lastAttendedOn: _l, ...input } = m
    await updateMember(m.id, { ...input, jobTitle: '车间主任' })
    await expect(
      setWorkNotDone(m.id, { since: '2026-05-01', note: '未完成' }, opened, today),
    ).rejects.toBeInstanceOf(StaleRevisionError)
    await setWorkNotDone(m.id, { since: '2026-05-01', note: '未完成' }, undefined, today)
    await setWorkNotDone(m.id, null, undefined, today)
    const stored = await getMember(m.id)
    expect(stored?.workNotDone).toBeNull()
    expect(stored?.jobTitle).toBe('车间主任')
    expect(await db().duesTallies.where('key').startsWith('w|').count()).toBe(0)
    await expect(
      recordSixMonthStep(
        'nobody',
        { on: today, kind: 'talk', trigger: 'work', note: '谈话' },
        today,
      ),
    ).rejects.toBeInstanceOf(NotFoundError)
  })
})
