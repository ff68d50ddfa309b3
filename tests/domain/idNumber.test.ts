import { describe, expect, it } from 'vitest'
import {
  birthDateFromIdNumber,
  checkIdNumber,
  computeIdCheckChar,
  genderFromIdNumber,
  isValidIdNumber,
  normalizeIdNumber,
} from '@/domain/idNumber'

/**
 * An independent cross-check: ISO 7064 MOD 11-2 computed the iterative way (the standard's
 * other form), not with the weight table the module uses.
 */
function iso7064Mod11_2(digits: string): string {
  let p = 0
  for (const char of digits) p = ((p + Number(char)) * 2) % 11
  const check = (12 - p) % 11
  return check === 10 ? 'X' : String(check)
}

// The two examples printed in GB 11643-1999 itself, and a widely used test number.
const VALID = ['11010519491231002X', '440524188001010014', '110101199003074477']

describe('computeIdCheckChar', () => {
  it.each(VALID)('%s: agrees with the printed check character', (id) => {
    expect(computeIdCheckChar(id.slice(0, 17))).toBe(id.charAt(17))
  })

  it.each([
    '11010519491231002',
    '44052418800101001',
    '32031119770706001',
    '15020319800101123',
    '65010220001231999',
    '99999999999999999',
    '10000000000000000',
  ])('%s: agrees with the iterative ISO 7064 form', (first17) => {
    expect(computeIdCheckChar(first17)).toBe(iso7064Mod11_2(first17))
  })

  it.each(['1101051949123100', '1101051949123100X', 'abcdefghijklmnopq'])(
    'refuses %s, which is not 17 digits',
    (bad) => {
      expect(() => computeIdCheckChar(bad)).toThrow(RangeError)
    },
  )
})

describe('checkIdNumber', () => {
  it.each([
    ...VALID.map((id) => [id, null] as const),
    ['11010519491231002x', null],
    ['  11010519491231002X  ', null],
    ['', 'length'],
    ['11010519491231002', 'length'],
    ['11010519491231002X1', 'length'],
    ['320311770706001', 'length'],
    ['1101051949123100X2', 'format'],
    // GB/T 2260: the first two digits are a province code (01 and 99 are none).
    ['01010519491231002X', 'province'],
    ['99010519491231002X', 'province'],
    ['11010519491231002Y', 'format'],
    ['110105194902300023', 'birthDate'],
    ['110105190002290016', 'birthDate'],
    ['110105194913310021', 'birthDate'],
    ['110105194912310021', 'checkDigit'],
    ['440524188001010015', 'checkDigit'],
    ['150203198001011234', 'checkDigit'],
  ] as const)('%s → %s', (id, problem) => {
    expect(checkIdNumber(id)).toBe(problem)
    expect(isValidIdNumber(id)).toBe(problem === null)
  })

  it('accepts 29 February in a leap year only', () => {
    const leap = '11010520000229001'
    const common = '11010519990229001'
    expect(isValidIdNumber(leap + computeIdCheckChar(leap))).toBe(true)
    expect(checkIdNumber(common + computeIdCheckChar(common))).toBe('birthDate')
  })
})

describe('birthDateFromIdNumber and genderFromIdNumber', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['11010519491231002x', '1949-12-31', 'female'],
    ['440524188001010014', '1880-01-01', 'male'],
    ['110101199003074477', '1990-03-07', 'male'],
  ] as const)('%s → %s, %s', (id, birthDate, gender) => {
    expect(birthDateFromIdNumber(id)).toBe(birthDate)
    expect(genderFromIdNumber(id)).toBe(gender)
  })

  it('gives no birth date for an invalid number', () => {
    expect(birthDateFromIdNumber('110105194912310021')).toBe('')
    expect(birthDateFromIdNumber('')).toBe('')
  })

  it('refuses a number without a 17th digit', () => {
    expect(() => genderFromIdNumber('1101051949')).toThrow(RangeError)
  })
})

describe('normalizeIdNumber', () => {
  it('trims and writes the check character as X', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X')
  })
})

describe('a birth date after today is refused (GB 11643)', () => {
  const on = (date: string) => {
    const first17 = `150203${date.replaceAll('-', '')}001`
    return first17 + computeIdCheckChar(first17)
  }
  it.each([
    ['2026-12-04', '2026-12-04', null],
    ['2026-12-05', '2026-12-04', 'futureBirthDate'],
    ['2030-01-01', '2026-12-04', 'futureBirthDate'],
  ] as const)('born %s, checked on %s → %s', (birth, today, problem) => {
    expect(checkIdNumber(on(birth), today)).toBe(problem)
  })
})
