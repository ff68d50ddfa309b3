import { describe, expect, it } from 'vitest'
import {
  checkCreditCode,
  computeCreditCheckChar,
  computeOrgCodeCheckChar,
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

describe('the parts of a credit code (GB 32100-2015 §4)', () => {
  const valid = (first16: string) => {
    const org = computeOrgCodeCheckChar(first16.slice(8, 16))
    const first17 = first16 + org
    return first17 + computeCreditCheckChar(first17)
  }
  it.each([
    // 登记管理部门 and 机构类别 from the standard's table.
    ['91 工商 企业', valid('91150200MA0Q7Y3K'), null],
    ['92 工商 个体工商户', valid('92150200MA0Q7Y3K'), null],
    ['93 工商 农民专业合作社', valid('93150200MA0Q7Y3K'), null],
    ['94 工商 has no category 4', valid('94150200MA0Q7Y3K'), 'registrationType'],
    ['51 民政 社会团体', valid('51150200MA0Q7Y3K'), null],
    ['54 民政 has no category 4', valid('54150200MA0Q7Y3K'), 'registrationType'],
    ['11 机构编制 机关', valid('11150200MA0Q7Y3K'), null],
    ['Y1 其他', valid('Y1150200MA0Q7Y3K'), null],
    ['B1 no such department', valid('B1150200MA0Q7Y3K'), 'registrationType'],
    // 登记管理机关行政区划码: six digits starting with a province code (GB/T 2260).
    ['division with a letter', valid('9115020AMA0Q7Y3K'), 'divisionCode'],
    ['division of province 99', valid('91990200MA0Q7Y3K'), 'divisionCode'],
    ['division of province 00', valid('91000000MA0Q7Y3K'), 'divisionCode'],
  ] as const)('%s → %s', (_label, code, problem) => {
    expect(checkCreditCode(code)).toBe(problem)
  })

  it.each([
    // GB 11714: C9 = 11 − (Σ ci·wi mod 11), 10 → X, 11 → 0.
    ['MA0Q7Y3K', '4'],
    ['M000100Y', '4'],
    ['60003734', '1'],
    ['MA0N0000', '8'],
  ])('the org code %s has check character %s', (body, check) => {
    expect(computeOrgCodeCheckChar(body)).toBe(check)
  })

  it('refuses a wrong org-code check character before the code’s own', () => {
    const first17 = '91150200MA0Q7Y3K5'
    expect(checkCreditCode(first17 + computeCreditCheckChar(first17))).toBe('orgCode')
  })
})
