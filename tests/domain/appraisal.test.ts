import { describe, expect, it } from 'vitest'
import { checkAppraisalCap, gradedMemberIds, isGradable } from '@/domain/appraisal'
import { defaultSettings } from '@/domain/settings'
import type { AppraisalGrade } from '@/domain/types'

const settings = defaultSettings()
const grades = (excellent: number, total: number): AppraisalGrade[] =>
  Array.from({ length: total }, (_, i) => (i < excellent ? 'excellent' : 'qualified'))

describe('民主评议: 优秀 一般不超过 ⅓ of the full members, absent ones included (a warning)', () => {
  it.each([
    // excellent, graded, full members on the roll, ok, max
    [1, 3, 3, true, 1],
    [2, 3, 3, false, 1],
    [2, 6, 6, true, 2],
    [3, 6, 6, false, 2],
    [0, 2, 2, true, 0],
    [1, 2, 2, false, 0],
    [33, 100, 100, true, 33],
    [34, 100, 100, false, 33],
    [1000, 3000, 3000, true, 1000],
    // Absent full members count in the base: 2 of 4 present are 优秀, 6 full on the roll.
    [2, 4, 6, true, 2],
    [3, 4, 9, true, 3],
    [3, 6, 8, false, 2],
  ])(
    '%i 优秀 of %i graded, %i full members → ok %s (max %i)',
    (excellent, graded, full, ok, max) => {
      expect(checkAppraisalCap(grades(excellent, graded), full, settings)).toEqual({
        ok,
        excellent,
        max,
        fullMembers: full,
      })
    },
  )

  it('follows the setting', () => {
    expect(
      checkAppraisalCap(grades(2, 4), 4, { ...settings, 'meeting.excellentMaxRatio': 0.5 }).ok,
    ).toBe(true)
  })
})

describe('民主评议: 预备党员 take part but are not graded', () => {
  const roll = { fullIds: ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'] }
  it('grades the full members present only, of 6 full and 3 probationary', () => {
    const present = ['f1', 'f2', 'p1', 'f3', 'p2', 'f4', 'f5', 'p3', 'f6']
    expect(gradedMemberIds(roll, present)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6'])
    expect(gradedMemberIds(roll, ['f1', 'p1'])).toEqual(['f1'])
  })
  it.each([
    ['f1', true],
    ['p1', false],
  ])('%s gradable: %s', (id, expected) => {
    expect(isGradable(roll, id)).toBe(expected)
  })
})
