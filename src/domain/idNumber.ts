/**
 * 公民身份号码, GB 11643-1999: 6-digit address code (GB/T 2260, starting with a province code),
 * 8-digit birth date (a real date, not after today), 3-digit sequence (odd = male), and a
 * check character over the first 17 digits (ISO 7064 MOD 11-2).
 */
import { isIsoDate, todayIso } from './dates'
import { isProvinceCode } from './divisions'
import type { Gender, IsoDate } from './types'

export type IdNumberProblem =
  'length' | 'format' | 'province' | 'birthDate' | 'futureBirthDate' | 'checkDigit'

/** GB 11643-1999 校验码 (ISO 7064 MOD 11-2): weight of position i is 2^(18-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
/** GB 11643-1999 校验码: the character for (sum mod 11) = 0, 1, …, 10. */
const CHECK_CHARS = '10X98765432'
const ID_LENGTH = 18

/** Stored form: trimmed, with the check character 'x' written as 'X' as the standard prints it. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase()
}

/** The check character for 17 digits; throws on anything else, a caller's mistake. */
export function computeIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('computeIdCheckChar needs 17 digits')
  let sum = 0
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS.charAt(sum % 11)
}

/**
 * The first problem of an ID number, in the order a person would fix them; null if valid.
 * `today` bounds the birth date (the device's today unless given).
 */
export function checkIdNumber(value: string, today: IsoDate = todayIso()): IdNumberProblem | null {
  const id = normalizeIdNumber(value)
  if (id.length !== ID_LENGTH) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  if (!isProvinceCode(id.slice(0, 2))) return 'province'
  const birth = birthDatePart(id)
  if (!isIsoDate(birth)) return 'birthDate'
  if (birth > today) return 'futureBirthDate'
  if (computeIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) return 'checkDigit'
  return null
}

export function isValidIdNumber(value: string, today?: IsoDate): boolean {
  return checkIdNumber(value, today) === null
}

function birthDatePart(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** Birth date coded in positions 7–14, or '' when the number is not valid. */
export function birthDateFromIdNumber(value: string, today?: IsoDate): IsoDate {
  const id = normalizeIdNumber(value)
  return isValidIdNumber(id, today) ? birthDatePart(id) : ''
}

/**
 * GB 11643-1999 顺序码: the 17th digit (end of the sequence code) is odd for men, even for
 * women. Throws when that digit is missing: check the number first.
 */
export function genderFromIdNumber(value: string): Gender {
  const digit = normalizeIdNumber(value).charAt(16)
  if (!/^\d$/.test(digit)) throw new RangeError('genderFromIdNumber needs a 17th digit')
  return Number(digit) % 2 === 1 ? 'male' : 'female'
}
