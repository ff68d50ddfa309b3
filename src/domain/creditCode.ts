/**
 * 统一社会信用代码, GB 32100-2015 §4: 18 characters — 登记管理部门代码 (1) and 机构类别代码 (1) from
 * the standard's table, the 登记管理机关行政区划码 (6 digits, GB/T 2260), the 主体标识码 (the
 * 9-character 组织机构代码 of GB 11714 with its own check character), and a check character over
 * the first 17, drawn from a 31-character alphabet without I O Z S V.
 */
import { isProvinceCode } from './divisions'

export type CreditCodeProblem =
  'length' | 'charset' | 'registrationType' | 'divisionCode' | 'orgCode' | 'checkDigit'

/** GB 32100-2015 代码字符集: the value of each character is its index here. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** GB 32100-2015 校验码: weight of position i is 3^(i-1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const CODE_LENGTH = 18
const MODULUS = ALPHABET.length

/**
 * GB 32100-2015 表 1 (with its amendment): 登记管理部门 → the 机构类别 it registers. 1 机构编制,
 * 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (市场监管), A 中央军委改革和编制
 * 办公室, N 农业, Y 其他.
 */
export const REGISTRATION_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
}

/** GB 11714-1997 组织机构代码: weights of the 8-character body. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const

/** Stored form: trimmed and upper case, as printed on a business licence. */
export function normalizeCreditCode(value: string): string {
  return value.trim().toUpperCase()
}

/** The check character for 17 valid characters; throws otherwise, a caller's mistake. */
export function computeCreditCheckChar(first17: string): string {
  const code = normalizeCreditCode(first17)
  if (code.length !== CODE_LENGTH - 1) throw new RangeError('computeCreditCheckChar needs 17 chars')
  let sum = 0
  for (let i = 0; i < code.length; i++) {
    const value = ALPHABET.indexOf(code.charAt(i))
    if (value < 0) throw new RangeError('computeCreditCheckChar: character outside GB 32100')
    sum += value * (WEIGHTS[i] ?? 0)
  }
  // GB 32100-2015 校验码: C18 = 31 − (sum mod 31), and 31 is written as 0.
  return ALPHABET.charAt((MODULUS - (sum % MODULUS)) % MODULUS)
}

/**
 * GB 11714-1997: the check character of an 8-character organisation-code body (digits and
 * capital letters, A = 10 … Z = 35): C9 = 11 − (Σ ci·wi mod 11), 10 written X and 11 written 0.
 * null when the body holds anything else.
 */
export function computeOrgCodeCheckChar(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(body.charAt(i), 36) * (ORG_CODE_WEIGHTS[i] ?? 0)
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/** The first problem of a credit code, in the order its parts are read; null if valid. */
export function checkCreditCode(value: string): CreditCodeProblem | null {
  const code = normalizeCreditCode(value)
  if (code.length !== CODE_LENGTH) return 'length'
  for (const char of code) if (!ALPHABET.includes(char)) return 'charset'
  const categories = REGISTRATION_CATEGORIES[code.charAt(0)]
  if (!categories || !categories.includes(code.charAt(1))) return 'registrationType'
  const division = code.slice(2, 8)
  if (!/^\d{6}$/.test(division) || !isProvinceCode(division.slice(0, 2))) return 'divisionCode'
  if (computeOrgCodeCheckChar(code.slice(8, 16)) !== code.charAt(16)) return 'orgCode'
  if (computeCreditCheckChar(code.slice(0, 17)) !== code.charAt(17)) return 'checkDigit'
  return null
}

export function isValidCreditCode(value: string): boolean {
  return checkCreditCode(value) === null
}

/**
 * Credit codes an older register or an older version of this app kept, which the 18-character
 * check of today refuses:
 * - organisationCode: a 9-character 组织机构代码 (GB 11714-1997, written with or without its
 *   hyphen, check character right), the code firms carried before the unified social credit
 *   code of GB 32100-2015 (三证合一, from 2015-10-01);
 * - unverifiedOrgCode: 18 characters whose last check character is right but whose 主体标识码
 *   fails GB 11714's own check, which versions of this app before the rules merge did not read.
 */
export type LegacyCreditCodeKind = 'organisationCode' | 'unverifiedOrgCode'

/** Which legacy form a credit code is in; null when it is valid today, or in no known form. */
export function legacyCreditCodeKind(value: string): LegacyCreditCodeKind | null {
  const code = normalizeCreditCode(value)
  const problem = checkCreditCode(code)
  if (problem === null) return null
  const organisation = /^([0-9A-Z]{8})-?([0-9X])$/.exec(code)
  if (organisation) {
    return computeOrgCodeCheckChar(organisation[1]!) === organisation[2] ? 'organisationCode' : null
  }
  return problem === 'orgCode' && computeCreditCheckChar(code.slice(0, 17)) === code.charAt(17)
    ? 'unverifiedOrgCode'
    : null
}
