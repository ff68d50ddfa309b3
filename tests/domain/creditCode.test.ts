import { describe, expect, it } from 'vitest'
import {
  checkCreditCode,
  computeCreditCheckChar,
  isValidCreditCode,
  normalizeCreditCode,
} from '@/domain/creditCode'

// Codes printed on real business licences; each was checked with the algorithm.
const VALID = [
  '91350100M000100Y43',
  '91110000600037341L',
  '91110108551385082Q',
  '91440300708461136T',
  '914403001922038216',
]

/** Cross-check written from the standard's formula, independent of the module's tables. */
function referenceCheckChar(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17.charAt(i)) * (3 ** i % 31)
  const check = 31 - (sum % 31)
  return alphabet.charAt(check === 31 ? 0 : check)
}

describe('computeCreditCheckChar', () => {
  it.each(VALID)('%s: agrees with the printed check character', (code) => {
    expect(computeCreditCheckChar(code.slice(0, 17))).toBe(code.charAt(17))
    expect(referenceCheckChar(code.slice(0, 17))).toBe(code.charAt(17))
  })

  it.each(['91110000MA00000001', '9111000010000134', '12100000400000000A'])(
    'refuses %s, which is not 17 valid characters',
    (bad) => {
      expect(() => computeCreditCheckChar(bad)).toThrow(RangeError)
    },
  )

  it('writes a check value of 31 as 0', () => {
    // 17 characters whose weighted sum is a multiple of 31.
    const first17 = '00000000000000000'
    expect(computeCreditCheckChar(first17)).toBe('0')
  })
})

describe('checkCreditCode', () => {
  it.each([
    ...VALID.map((code) => [code, null] as const),
    ['91110000600037341l', null],
    [' 91350100m000100y43 ', null],
    ['91350100M000100Y44', 'checkDigit'],
    ['91110000600037341M', 'checkDigit'],
    ['911100001000013428', 'checkDigit'],
    ['91350100M000100I43', 'charset'],
    ['91350100MO00100Y43', 'charset'],
    ['9135010ZM000100Y43', 'charset'],
    ['91350100M000100S43', 'charset'],
    ['91350100M000100V43', 'charset'],
    ['91350100M000-00Y43', 'charset'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['', 'length'],
  ] as const)('%s → %s', (code, problem) => {
    expect(checkCreditCode(code)).toBe(problem)
    expect(isValidCreditCode(code)).toBe(problem === null)
  })
})

describe('normalizeCreditCode', () => {
  it('trims and upper-cases', () => {
    expect(normalizeCreditCode(' 91110000600037341l ')).toBe('91110000600037341L')
  })
})
