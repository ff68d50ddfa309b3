import { describe, expect, it } from 'vitest'
import { assignColumns, normalizeHeader, scoreHeader, similarity } from '@/domain/headerMatch'

describe('headers by meaning', () => {
  it('drops bracketed notes anywhere, marks, spaces and width', () => {
    expect(normalizeHeader('所在旗县（市、区）')).toBe('所在旗县')
    expect(normalizeHeader('从业人员数（人）')).toBe('从业人员数')
    expect(normalizeHeader('* 企业名称【必填】')).toBe('企业名称')
    expect(normalizeHeader('任期(年)数')).toBe('任期数')
    expect(normalizeHeader('ＩＤ Ｎｕｍｂｅｒ')).toBe('idnumber')
  })

  it('scores exact, contained and similar headers in that order', () => {
    expect(scoreHeader('从业人员', ['从业人员'])).toEqual({ score: 1, how: 'exact' })
    const contained = scoreHeader('从业人员数', ['从业人员'])
    expect(contained?.how).toBe('contains')
    expect(contained?.score).toBeGreaterThan(0.8)
    const alike = scoreHeader('员工人数', ['职工人数'])
    expect(alike?.how).toBe('similar')
    expect(scoreHeader('注册资本', ['注册日期'])).toBeNull()
    expect(scoreHeader('成立日期', ['注销日期'])).toBeNull()
    // One character says nothing: '市' does not make every header with 市 an area.
    expect(scoreHeader('所属城市', ['市'])).toBeNull()
    expect(scoreHeader('', ['名称'])).toBeNull()
  })

  it('measures shared two-character pieces', () => {
    expect(similarity('abc', 'abc')).toBe(1)
    expect(similarity('', '')).toBe(0)
    expect(similarity('从业人员数', '从业人员')).toBeCloseTo(6 / 7)
    expect(similarity('甲', '乙')).toBe(0)
  })

  it('gives each field its best column and each column one field', () => {
    const chosen = assignColumns(
      ['序号', '党组织名称', '企业名称', '所在旗县（市、区）', '从业人员数（人）'],
      [
        { field: 'name', synonyms: ['企业名称', '名称'] },
        { field: 'areaId', synonyms: ['旗县区', '旗县'] },
        { field: 'employees', synonyms: ['从业人员', '职工人数'] },
      ],
    )
    expect(chosen.get('name')).toEqual({ column: 2, score: 1, how: 'exact' })
    expect(chosen.get('areaId')?.column).toBe(3)
    expect(chosen.get('employees')?.column).toBe(4)
    expect([...chosen.values()].map((choice) => choice.column)).not.toContain(1)
  })
})
