import { describe, expect, it } from 'vitest'
import { compareFields, mergeChosen } from '@/domain/fieldMerge'

const base = { id: 'm', topic: '学习', place: '会议室', minutes: '', updatedAt: 'a' }

describe('field-by-field comparison', () => {
  it('proposes each side’s own change and flags a field changed on both', () => {
    const mine = { ...base, topic: '本机改题目', minutes: '两边都写了', updatedAt: 'b' }
    const theirs = { ...base, place: '对方改地点', minutes: '对方的纪要', updatedAt: 'c' }
    const rows = compareFields('meetings', mine, theirs, base)
    const by = Object.fromEntries(rows.map((row) => [row.field, row]))
    expect(rows.map((r) => r.field)).toEqual(['minutes', 'place', 'topic'])
    expect(by.topic).toMatchObject({ differs: true, bothChanged: false, proposed: 'mine' })
    expect(by.place).toMatchObject({ differs: true, bothChanged: false, proposed: 'theirs' })
    expect(by.minutes).toMatchObject({ differs: true, bothChanged: true, proposed: 'mine' })
    const merged = mergeChosen(
      'meetings',
      mine,
      theirs,
      Object.fromEntries(rows.map((r) => [r.field, r.proposed])),
    )
    expect(merged).toMatchObject({
      topic: '本机改题目',
      place: '对方改地点',
      minutes: '两边都写了',
    })
  })
  it('without the ancestor nothing is proposed from the other side, every difference flagged', () => {
    const rows = compareFields('meetings', { ...base, topic: 'x' }, { ...base, topic: 'y' }, null)
    expect(rows.find((r) => r.field === 'topic')).toMatchObject({
      bothChanged: true,
      proposed: 'mine',
    })
    expect(rows.find((r) => r.field === 'place')).toMatchObject({ differs: false })
  })
  it('leaves out timestamps, revisions and derived fields', () => {
    const rows = compareFields(
      'members',
      { id: 'a', name: '甲', lastAttendedOn: '2026-01-01', _rev: '2-x', updatedAt: 'a' },
      { id: 'a', name: '甲', lastAttendedOn: '2026-05-01', _rev: '3-y', updatedAt: 'b' },
      null,
    )
    expect(rows.map((r) => r.field)).toEqual(['name'])
  })
})

describe('copies that follow a field', () => {
  it('a firm’s name pieces go with the name chosen, and are not shown', () => {
    const mine = { id: 'f', name: '甲公司', nameTokens: ['甲公', '公司'] }
    const theirs = { id: 'f', name: '乙企业', nameTokens: ['乙企', '企业'] }
    expect(compareFields('firms', mine, theirs, null).map((r) => r.field)).toEqual(['name'])
    expect(mergeChosen('firms', mine, theirs, { name: 'theirs' })).toEqual(theirs)
  })
})
