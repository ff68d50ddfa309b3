import { describe, expect, it } from 'vitest'
import type { RuleFirm, RuleMember } from '@/domain/orgRules'
import { defaultSettings } from '@/domain/settings'
import { gatherTodo, type TodoInput } from '@/domain/todo'
import type { Org } from '@/domain/types'

const TODAY = '2025-03-01'

function org(partial: Partial<Org> & Pick<Org, 'id' | 'name'>): Org {
  return {
    createdAt: '',
    updatedAt: '',
    type: 'branch',
    parentId: '',
    areaId: 'a',
    areaPath: '/a/',
    hostFirmIds: [],
    foundedOn: '2018-01-01',
    dissolvedOn: '',
    committee: [{ post: 'secretary', memberId: '', holderName: '张', since: '' }],
    termStartOn: '2024-01-01',
    termYears: 0,
    note: '',
    ...partial,
  }
}

function firm(id: string, name: string): RuleFirm {
  return { id, name, registeredOn: '2015-01-01', closedOn: '' }
}

function members(count: number, orgId: string, firmId: string, prefix: string): RuleMember[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${index}`,
    orgId,
    firmId,
    stage: 'full',
    status: 'normal',
  }))
}

function todo(input: Partial<TodoInput>) {
  return gatherTodo({
    orgs: [],
    firms: [],
    members: [],
    settings: defaultSettings(),
    today: TODAY,
    ...input,
  })
}

describe('gatherTodo', () => {
  it('maps every kind of finding to a line with its kind, subject and params', () => {
    const items = todo({
      orgs: [
        org({ id: 'over', name: '乙支部', termStartOn: '2021-06-01' }),
        org({ id: 'soon', name: '甲支部', termStartOn: '2022-03-20' }),
        org({ id: 'nosec', name: '丙支部', committee: [] }),
        org({
          id: 'jb',
          name: '联合支部',
          type: 'jointBranch',
          hostFirmIds: ['f1', 'x2', 'x3', 'x4', 'x5', 'x6'],
        }),
        org({ id: 'pc', name: '园区党委', type: 'baseCommittee' }),
      ],
      firms: [firm('f1', '信达公司'), firm('f2', '无组织公司')],
      members: [
        ...members(3, 'jb', 'f1', 'a'),
        ...members(2, 'pc', 'f2', 'b'),
        // Each branch has its 3 full members (支部工作条例 第四条).
        ...members(3, 'over', '', 'o'),
        ...members(3, 'soon', '', 's'),
        ...members(3, 'nosec', '', 'n'),
      ],
    })
    expect(items).toEqual([
      {
        kind: 'term',
        code: 'termOverdue',
        orgId: 'over',
        firmId: '',
        subject: '乙支部',
        dueOn: '2024-06-01',
        urgency: 'overdue',
        params: { date: '2024-06-01' },
      },
      {
        kind: 'term',
        code: 'termDueSoon',
        orgId: 'soon',
        firmId: '',
        subject: '甲支部',
        dueOn: '2025-03-20',
        urgency: 'soon',
        params: { date: '2025-03-20' },
      },
      // Warnings without a deadline, by subject in pinyin order.
      {
        kind: 'committee',
        code: 'noSecretary',
        orgId: 'nosec',
        firmId: '',
        subject: '丙支部',
        dueOn: '',
        urgency: 'warning',
        params: {},
      },
      {
        kind: 'structure',
        code: 'jointBranchTooManyUnits',
        orgId: 'jb',
        firmId: '',
        subject: '联合支部',
        dueOn: '',
        urgency: 'warning',
        params: { units: 6, limit: 5 },
      },
      {
        kind: 'firm',
        code: 'firmWithMembersNoOrg',
        orgId: 'pc',
        firmId: 'f2',
        subject: '无组织公司',
        dueOn: '',
        urgency: 'warning',
        params: { members: 2, firmName: '无组织公司' },
      },
      {
        kind: 'firm',
        code: 'firmNeedsOwnBranch',
        orgId: 'jb',
        firmId: 'f1',
        subject: '信达公司',
        dueOn: '',
        urgency: 'warning',
        params: { fullMembers: 3, firmName: '信达公司', limit: 3 },
      },
    ])
  })

  it.each([
    ['branchTooLarge', 'structure', 51],
    ['shouldBeBaseCommittee', 'structure', 100],
  ] as const)('files %s under %s', (code, kind, count) => {
    const seats = ['secretary', 'organisation', 'publicity'] as const
    const items = todo({
      orgs: [
        org({
          id: 'big',
          name: '大支部',
          committee: seats.map((post, index) => ({
            post,
            memberId: '',
            holderName: `委员${index}`,
            since: '',
          })),
        }),
      ],
      members: members(count, 'big', '', 'm'),
    })
    expect(items.map((item) => [item.code, item.kind])).toEqual([[code, kind]])
  })

  it('files committee size findings under committee', () => {
    const items = todo({
      orgs: [org({ id: 'o', name: '支部' })],
      members: members(7, 'o', '', 'm'),
    })
    expect(items.map((item) => [item.code, item.kind])).toEqual([['committeeMissing', 'committee']])
  })

  it('is empty for a sound register', () => {
    expect(
      todo({ orgs: [org({ id: 'o', name: '好支部' })], members: members(3, 'o', '', 'g') }),
    ).toEqual([])
  })
})
