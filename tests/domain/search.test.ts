import { describe, expect, it } from 'vitest'
import { nameBigrams } from '@/domain/search'

describe('nameBigrams', () => {
  it.each([
    ['云岭数据', ['云岭', '岭数', '数据']],
    ['  AbC ', ['ab', 'bc']],
    ['哈哈哈', ['哈哈']],
    ['甲', ['甲']],
    ['', []],
  ])('%s → %j', (name, expected) => {
    expect(nameBigrams(name)).toEqual(expected)
  })

  it('every bigram of a needle is among the bigrams of a name that contains it', () => {
    const name = '包头云岭数据科技有限公司'
    for (const needle of ['云岭', '岭数据科', '有限公司']) {
      expect(nameBigrams(needle).every((b) => nameBigrams(name).includes(b))).toBe(true)
    }
  })
})
