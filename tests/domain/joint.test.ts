import { describe, expect, it } from 'vitest'
import {
  applyProgressNote,
  applyStatusChange,
  canChangeStatus,
  emptyIssueFilter,
  filterIssues,
  findOverdueIssues,
  isConstituentActive,
  isIssueOverdue,
  jointFigures,
  jointFiguresByCommittee,
  median,
  validateConstituentInput,
  validateJointIssue,
  validateJointMeetingInput,
} from '@/domain/joint'
import type { Constituent, Issue, IssueStatus, JointMeeting, Sector } from '@/domain/types'
import type { IssueInput } from '@/domain/validation'

const TODAY = '2025-06-30'
const stamp = { createdAt: '', updatedAt: '' }

function constituent(id: string, sector: Sector, partial: Partial<Constituent> = {}): Constituent {
  return {
    id,
    ...stamp,
    committeeId: 'c1',
    orgId: '',
    name: `单位${id}`,
    sector,
    joinedOn: '2024-01-01',
    leftOn: '',
    ...partial,
  }
}

function meeting(id: string, heldOn: string, committeeId = 'c1'): JointMeeting {
  return {
    id,
    ...stamp,
    committeeId,
    heldOn,
    place: '',
    host: '',
    presentConstituentIds: [],
    topics: '',
    minutes: '',
  }
}

function issueInput(partial: Partial<IssueInput> = {}): IssueInput {
  return {
    committeeId: 'c1',
    meetingIds: ['m1'],
    title: '快递进村',
    description: '',
    raisedByConstituentId: 'v1',
    responsibleConstituentIds: ['g1'],
    raisedOn: '2025-01-10',
    dueOn: '2025-03-10',
    status: 'open',
    progress: [],
    resolution: '',
    resolvedOn: '',
    declineReason: '',
    ...partial,
  }
}

function issue(id: string, partial: Partial<IssueInput> = {}): Issue {
  return { id, ...stamp, ...issueInput(partial) }
}

function resolved(
  id: string,
  raisedOn: string,
  resolvedOn: string,
  partial: Partial<IssueInput> = {},
) {
  return issue(id, { status: 'resolved', raisedOn, resolvedOn, resolution: '已办结', ...partial })
}

const constituents = [
  constituent('g1', 'government'),
  constituent('g2', 'government'),
  constituent('v1', 'villageCommunity'),
  constituent('f1', 'firm', { leftOn: '2025-05-01' }),
]

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[30, 10, 20], 20],
    [[10, 40, 20, 30], 25],
    [[5, 5, 6, 100], 5.5],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected)
  })
})

describe('open vs overdue', () => {
  it.each<[IssueStatus, string, boolean]>([
    ['open', '2025-06-29', true],
    ['inProgress', '2025-06-01', true],
    // Due today is not yet overdue.
    ['open', TODAY, false],
    ['open', '2025-07-01', false],
    // No due date: never overdue.
    ['open', '', false],
    // Closed problems are never overdue, however old their due date.
    ['resolved', '2024-01-01', false],
    ['declined', '2024-01-01', false],
  ])('%s due %s → overdue %s', (status, dueOn, expected) => {
    expect(isIssueOverdue({ status, dueOn }, TODAY)).toBe(expected)
  })

  it('lists the overdue ones, longest overdue first', () => {
    const list = [
      issue('a', { dueOn: '2025-06-01' }),
      issue('b', { dueOn: '2025-02-01', status: 'inProgress' }),
      issue('c', { dueOn: '2025-08-01' }),
      resolved('d', '2025-01-01', '2025-02-01', { dueOn: '2025-01-20' }),
    ]
    expect(findOverdueIssues(list, TODAY).map((i) => i.id)).toEqual(['b', 'a'])
  })
})

describe('jointFigures', () => {
  it('is all zeros for a committee with nothing recorded', () => {
    const figures = jointFigures({ constituents: [], meetings: [], issues: [], today: TODAY })
    expect(figures).toMatchObject({
      meetings: 0,
      raised: 0,
      resolved: 0,
      open: 0,
      overdue: 0,
      resolutionRate: 0,
      medianDaysToResolve: null,
      bySector: [],
    })
  })

  it('counts meetings held, raised, resolved, open, overdue, the rate and median days', () => {
    const figures = jointFigures({
      constituents,
      meetings: [
        meeting('m1', '2025-01-10'),
        meeting('m2', '2025-04-10'),
        meeting('m3', '2025-09-01'),
      ],
      issues: [
        resolved('r1', '2025-01-10', '2025-01-20'), // 10 days
        resolved('r2', '2025-01-10', '2025-02-09'), // 30 days
        resolved('r3', '2025-01-10', '2025-03-01'), // 50 days
        resolved('r4', '2025-04-10', '2025-06-19'), // 70 days
        issue('o1', { dueOn: '2025-07-10' }), // open, not yet due
        issue('o2', { dueOn: '2025-05-10', status: 'inProgress' }), // overdue
        issue('o3', { dueOn: '' }), // open without a due date
        issue('x1', { status: 'declined', declineReason: '不属职责范围' }),
      ],
      today: TODAY,
    })
    // The meeting planned for September is not yet held.
    expect(figures.meetings).toBe(2)
    // f1 left in May.
    expect(figures.constituents).toBe(3)
    expect(figures.raised).toBe(8)
    expect(figures.resolved).toBe(4)
    expect(figures.declined).toBe(1)
    expect(figures.open).toBe(3)
    expect(figures.overdue).toBe(1)
    expect(figures.resolutionRate).toBe(0.5)
    // Even count: mean of 30 and 50.
    expect(figures.medianDaysToResolve).toBe(40)
  })

  it('breaks the problems down by sector of the responsible constituents', () => {
    const figures = jointFigures({
      constituents,
      meetings: [],
      issues: [
        resolved('r1', '2025-01-10', '2025-01-20', { responsibleConstituentIds: ['g1'] }),
        // Two government departments: counted once for government.
        resolved('r2', '2025-01-10', '2025-01-30', { responsibleConstituentIds: ['g1', 'g2'] }),
        // A village and a department: once in each.
        issue('o1', { responsibleConstituentIds: ['g2', 'v1'], dueOn: '2025-01-31' }),
        issue('o2', { responsibleConstituentIds: [], dueOn: '' }),
      ],
      today: TODAY,
    })
    expect(
      figures.bySector.map((row) => [row.sector, row.raised, row.resolved, row.overdue]),
    ).toEqual([
      ['government', 3, 2, 1],
      ['villageCommunity', 1, 0, 1],
      ['unassigned', 1, 0, 0],
    ])
    expect(figures.bySector[0]?.medianDaysToResolve).toBe(15)
    expect(figures.bySector[0]?.resolutionRate).toBeCloseTo(2 / 3)
  })

  it('reproduces the demo committee: 6 meetings, 28 of 30 resolved; one more moves each by one', () => {
    const meetings = Array.from({ length: 6 }, (_, i) => meeting(`m${i}`, `2024-0${i + 1}-15`))
    const issues = [
      ...Array.from({ length: 28 }, (_, i) => resolved(`r${i}`, '2024-01-15', '2024-03-01')),
      issue('o1', { dueOn: '2025-12-01' }),
      issue('o2', { status: 'inProgress', dueOn: '2025-12-01' }),
    ]
    const before = jointFigures({ constituents, meetings, issues, today: TODAY })
    expect([before.meetings, before.resolved, before.open]).toEqual([6, 28, 2])
    const after = jointFigures({
      constituents,
      meetings: [...meetings, meeting('new', TODAY)],
      issues: [...issues, resolved('new', TODAY, TODAY, { responsibleConstituentIds: ['v1'] })],
      today: TODAY,
    })
    expect([after.meetings, after.resolved, after.raised]).toEqual([7, 29, 31])
    expect(after.bySector.find((row) => row.sector === 'villageCommunity')?.resolved).toBe(1)
  })

  it('gives each committee its own figures', () => {
    const byCommittee = jointFiguresByCommittee({
      constituents,
      meetings: [meeting('m1', '2025-01-10'), meeting('m2', '2025-01-10', 'c2')],
      issues: [resolved('r1', '2025-01-10', '2025-01-11'), issue('o1', { committeeId: 'c2' })],
      today: TODAY,
    })
    expect(byCommittee.get('c1')?.resolved).toBe(1)
    expect(byCommittee.get('c2')?.meetings).toBe(1)
    expect(byCommittee.get('c2')?.open).toBe(1)
  })
})

describe('status transitions', () => {
  it.each<[IssueStatus, IssueStatus, boolean]>([
    ['open', 'inProgress', true],
    ['open', 'resolved', true],
    ['open', 'declined', true],
    ['inProgress', 'resolved', true],
    ['inProgress', 'open', false],
    ['resolved', 'inProgress', true],
    ['resolved', 'declined', false],
    ['declined', 'open', true],
    ['declined', 'resolved', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canChangeStatus(from, to)).toBe(allowed)
  })

  it('refuses resolving without a resolution text or a date', () => {
    const noText = applyStatusChange(
      issueInput(),
      { to: 'resolved', on: '2025-02-01', text: ' ' },
      TODAY,
    )
    expect(noText).toEqual({ ok: false, problems: [{ field: 'text', code: 'required' }] })
    const noDate = applyStatusChange(
      issueInput(),
      { to: 'resolved', on: '', text: '已办结' },
      TODAY,
    )
    expect(noDate).toEqual({ ok: false, problems: [{ field: 'on', code: 'required' }] })
    const badDate = applyStatusChange(
      issueInput(),
      { to: 'resolved', on: '2025-02-30', text: '已办结' },
      TODAY,
    )
    expect(badDate.ok ? [] : badDate.problems).toEqual([{ field: 'on', code: 'invalidDate' }])
  })

  it('refuses a date before the raising date, or after today', () => {
    const early = applyStatusChange(
      issueInput(),
      { to: 'resolved', on: '2025-01-09', text: '已办结' },
      TODAY,
    )
    expect(early.ok ? [] : early.problems).toEqual([
      { field: 'on', code: 'dateOrder', params: { after: 'raisedOn' } },
    ])
    const sameDay = applyStatusChange(
      issueInput(),
      { to: 'resolved', on: '2025-01-10', text: '当场办结' },
      TODAY,
    )
    expect(sameDay.ok).toBe(true)
    const future = applyStatusChange(
      issueInput(),
      { to: 'inProgress', on: '2025-07-01', text: '' },
      TODAY,
    )
    expect(future.ok ? [] : future.problems).toEqual([
      { field: 'on', code: 'max', params: { max: TODAY } },
    ])
  })

  it('declining needs a reason, which is kept with its date', () => {
    const none = applyStatusChange(
      issueInput(),
      { to: 'declined', on: '2025-02-01', text: '' },
      TODAY,
    )
    expect(none.ok ? [] : none.problems).toEqual([{ field: 'text', code: 'required' }])
    const done = applyStatusChange(
      issueInput(),
      { to: 'declined', on: '2025-02-01', text: '属企业自身经营事项' },
      TODAY,
    )
    expect(done.ok && done.value).toMatchObject({
      status: 'declined',
      declineReason: '属企业自身经营事项',
      progress: [{ on: '2025-02-01', note: '属企业自身经营事项' }],
    })
  })

  it('refuses a step the current status does not allow', () => {
    const result = applyStatusChange(
      issueInput({ status: 'resolved', resolvedOn: '2025-02-01', resolution: '已办结' }),
      { to: 'declined', on: '2025-03-01', text: '不予解决' },
      TODAY,
    )
    expect(result.ok ? [] : result.problems).toEqual([{ field: 'status', code: 'oneOf' }])
  })

  it('resolves with text and date, and the result passes the stored-record validation', () => {
    const result = applyStatusChange(
      issueInput({ status: 'inProgress' }),
      { to: 'resolved', on: '2025-02-01', text: ' 协调快递企业共配 ' },
      TODAY,
    )
    expect(result.ok && result.value).toMatchObject({
      status: 'resolved',
      resolution: '协调快递企业共配',
      resolvedOn: '2025-02-01',
    })
  })

  it('taking a resolved problem up again keeps the old resolution in the notes', () => {
    const result = applyStatusChange(
      issueInput({ status: 'resolved', resolvedOn: '2025-02-01', resolution: '已共配' }),
      { to: 'inProgress', on: '2025-03-01', text: '快递公司退出，需重新协调' },
      TODAY,
    )
    expect(result.ok && result.value).toMatchObject({
      status: 'inProgress',
      resolution: '',
      resolvedOn: '',
      progress: [
        { on: '2025-03-01', note: '已共配' },
        { on: '2025-03-01', note: '快递公司退出，需重新协调' },
      ],
    })
  })

  it('adds dated progress notes to open problems only, in date order', () => {
    const first = applyProgressNote(issueInput(), { on: '2025-02-10', note: '已对接' }, TODAY)
    expect(first.ok).toBe(true)
    if (!first.ok) return
    const second = applyProgressNote(first.value, { on: '2025-01-20', note: '已立项' }, TODAY)
    expect(second.ok && second.value.progress.map((p) => p.note)).toEqual(['已立项', '已对接'])
    const closed = applyProgressNote(
      issueInput({ status: 'resolved', resolvedOn: '2025-02-01', resolution: '已办结' }),
      { on: '2025-02-10', note: '回访' },
      TODAY,
    )
    expect(closed.ok ? [] : closed.problems).toEqual([{ field: 'status', code: 'oneOf' }])
    const early = applyProgressNote(issueInput(), { on: '2024-12-31', note: '提前' }, TODAY)
    expect(early.ok ? [] : early.problems.map((p) => p.code)).toEqual(['dateOrder'])
  })
})

describe('input checks', () => {
  const ids = new Set(['g1', 'g2', 'v1'])

  it('a problem needs someone responsible, each once, all of the committee', () => {
    const none = validateJointIssue(issueInput({ responsibleConstituentIds: [] }), ids)
    expect(none.ok ? [] : none.problems).toEqual([
      { field: 'responsibleConstituentIds', code: 'required' },
    ])
    const twice = validateJointIssue(issueInput({ responsibleConstituentIds: ['g1', 'g1'] }), ids)
    expect(twice.ok ? [] : twice.problems).toEqual([
      { field: 'responsibleConstituentIds.1', code: 'duplicate' },
    ])
    const stranger = validateJointIssue(
      issueInput({ raisedByConstituentId: 'x', responsibleConstituentIds: ['g1', 'y'] }),
      ids,
    )
    expect(stranger.ok ? [] : stranger.problems).toEqual([
      { field: 'raisedByConstituentId', code: 'notFound' },
      { field: 'responsibleConstituentIds.1', code: 'notFound' },
    ])
    expect(validateJointIssue(issueInput({ responsibleConstituentIds: ['v1'] }), ids).ok).toBe(true)
  })

  it('a resolved problem without resolution or before its raising date fails the field checks', () => {
    const result = validateJointIssue(
      issueInput({ status: 'resolved', resolvedOn: '2025-01-01', resolution: '' }),
      ids,
    )
    expect(result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'resolvedOn:dateOrder',
      'resolution:required',
    ])
  })

  it('those present at a meeting are constituents of the committee', () => {
    const input = {
      committeeId: 'c1',
      heldOn: '2025-01-10',
      place: '会议室',
      host: '李明',
      presentConstituentIds: ['g1', 'zz'],
      topics: '',
      minutes: '',
    }
    const result = validateJointMeetingInput(input, ids)
    expect(result.ok ? [] : result.problems).toEqual([
      { field: 'presentConstituentIds.1', code: 'notFound' },
    ])
  })

  it('a constituent is not entered twice while current; one that left may join again', () => {
    const existing = [constituent('g1', 'government', { orgId: 'org-1', name: '商务局党组' })]
    const input = {
      committeeId: 'c1',
      orgId: 'org-1',
      name: '商务局党组（新）',
      sector: 'government',
      joinedOn: '2025-01-01',
      leftOn: '',
    }
    const again = validateConstituentInput(input, existing)
    expect(again.ok ? [] : again.problems).toEqual([{ field: 'orgId', code: 'duplicate' }])
    const byName = validateConstituentInput({ ...input, orgId: '', name: '商务局党组' }, existing)
    expect(byName.ok ? [] : byName.problems).toEqual([{ field: 'name', code: 'duplicate' }])
    const left = [{ ...existing[0]!, leftOn: '2024-12-31' }]
    expect(validateConstituentInput(input, left).ok).toBe(true)
  })

  it('a constituent belongs between joining and leaving', () => {
    const c = constituent('a', 'firm', { joinedOn: '2024-01-01', leftOn: '2025-01-01' })
    expect(isConstituentActive(c, '2023-12-31')).toBe(false)
    expect(isConstituentActive(c, '2024-01-01')).toBe(true)
    expect(isConstituentActive(c, '2025-01-01')).toBe(false)
  })
})

describe('filterIssues', () => {
  const list = [
    issue('a', {
      title: '甲',
      raisedOn: '2025-01-01',
      dueOn: '2025-02-01',
      responsibleConstituentIds: ['v1'],
    }),
    resolved('b', '2025-02-01', '2025-03-01', { title: '乙', dueOn: '2025-04-01' }),
    issue('c', { title: '丙', raisedOn: '2025-03-01', dueOn: '', status: 'inProgress' }),
    issue('d', {
      title: '丁快递',
      raisedOn: '2025-04-01',
      dueOn: '2025-12-01',
      responsibleConstituentIds: ['g2', 'v1'],
    }),
  ]
  const filter = (partial: Partial<ReturnType<typeof emptyIssueFilter>>) =>
    filterIssues(list, constituents, { ...emptyIssueFilter(), ...partial }, TODAY).map((i) => i.id)

  it('filters by status, sector, overdue and text', () => {
    expect(filter({})).toEqual(['d', 'c', 'b', 'a'])
    expect(filter({ status: 'resolved' })).toEqual(['b'])
    expect(filter({ sector: 'villageCommunity' })).toEqual(['d', 'a'])
    expect(filter({ onlyOverdue: true })).toEqual(['a'])
    expect(filter({ text: '快递' })).toEqual(['d'])
  })

  it('sorts by raising date either way, by due date (undated last) and by status', () => {
    expect(filter({ sort: 'raisedAsc' })).toEqual(['a', 'b', 'c', 'd'])
    expect(filter({ sort: 'dueAsc' })).toEqual(['a', 'b', 'd', 'c'])
    expect(filter({ sort: 'status' })).toEqual(['a', 'd', 'c', 'b'])
  })
})
