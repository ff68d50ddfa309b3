/**
 * 统一社会信用代码, GB 32100-2015: 18 characters; the last is a check character over the
 * first 17, drawn from a 31-character alphabet without I O Z S V.
 */
export type CreditCodeProblem = 'length' | 'charset' | 'checkDigit'

/** GB 32100-2015 代码字符集: the value of each character is its index here. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** GB 32100-2015 校验码: weight of position i is 3^(i-1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const CODE_LENGTH = 18
const MODULUS = ALPHABET.length

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

/** The first problem of a credit code; null if valid. Lower case is accepted. */
export function checkCreditCode(value: string): CreditCodeProblem | null {
  const code = normalizeCreditCode(value)
  if (code.length !== CODE_LENGTH) return 'length'
  for (const char of code) if (!ALPHABET.includes(char)) return 'charset'
  if (computeCreditCheckChar(code.slice(0, 17)) !== code.charAt(17)) return 'checkDigit'
  return null
}

export function isValidCreditCode(value: string): boolean {
  return checkCreditCode(value) === null
}
