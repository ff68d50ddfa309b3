import { describe, expect, it } from 'vitest'
import { defaultSettings } from '@/domain/settings'
import { checkVoteCounts, voteOutcome } from '@/domain/votes'

const settings = defaultSettings()
const counts = (approve: number, oppose = 0, abstain = 0, written = 0) => ({
  approve,
  oppose,
  abstain,
  written,
})

describe('a resolution passes with 赞成 > half of 应到会有表决权 (细则 第二十条、第三十三条)', () => {
  it.each([
    [10, 5, false, 6],
    [10, 6, true, 6],
    [9, 4, false, 5],
    [9, 5, true, 5],
    [1, 1, true, 1],
    [0, 0, false, 1],
  ])('%i with a vote, %i 赞成 → passed %s (needs %i)', (eligible, approve, passed, needed) => {
    expect(voteOutcome(counts(approve), eligible, settings)).toMatchObject({ passed, needed })
  })

  it('counts against those due, not those present: 5 of 6 present is not enough of 12', () => {
    expect(voteOutcome(counts(5, 1), 12, settings).passed).toBe(false)
  })
})

describe('vote counts that cannot be true are refused', () => {
  it.each([
    ['negative', counts(-1), 5, 5, 'countsNegative'],
    ['a fraction', counts(2.5), 5, 5, 'countsNegative'],
    ['more than the voters due', counts(4, 2), 5, 5, 'moreThanVoters'],
    ['more written than cast', counts(2, 0, 0, 3), 5, 5, 'writtenTooMany'],
    ['more in the room than present', counts(4), 5, 3, 'moreThanPresent'],
    // 细则 第二十条: written opinions of absent voters count in the tally.
    ['written opinions of the absent', counts(4, 0, 0, 1), 5, 3, null],
    ['all well', counts(3, 1, 1), 5, 5, null],
  ] as const)('%s → %s', (_label, vote, eligible, present, expected) => {
    expect(checkVoteCounts(vote, eligible, present)).toBe(expected)
  })
})
