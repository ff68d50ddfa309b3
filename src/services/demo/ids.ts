/**
 * Official identifiers with valid check characters, drawn from the seeded stream.
 * Kept apart from src/domain/validation so the demo does not depend on it.
 */
import type { Gender, IsoDate } from '@/domain/types'
import type { Rng } from './random'

/** GB 32100-2015 alphabet (no I, O, S, V, Z). */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** GB 11714-1997 organisation code weights for the 8-digit body. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
/** GB 11643-1999 citizen id number. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

function digits(rng: Rng, count: number): string {
  let text = ''
  for (let index = 0; index < count; index++) text += String(rng.int(0, 9))
  return text
}

export function creditCheckChar(first17: string): string {
  let sum = 0
  for (let index = 0; index < 17; index++) {
    sum += CREDIT_ALPHABET.indexOf(first17.charAt(index)) * (CREDIT_WEIGHTS[index] ?? 0)
  }
  return CREDIT_ALPHABET.charAt((31 - (sum % 31)) % 31)
}

/** GB 11714 check character of an 8-digit organisation-code body. */
export function orgCodeCheckChar(body: string): string {
  let sum = 0
  for (let index = 0; index < 8; index++)
    sum += Number(body.charAt(index)) * (ORG_CODE_WEIGHTS[index] ?? 0)
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

function orgCode(rng: Rng): string {
  const body = digits(rng, 8)
  return body + orgCodeCheckChar(body)
}

/** '91' (enterprise registered with market regulation) + area code + org code + check. */
export function creditCode(rng: Rng, areaCode: string, taken: Set<string>): string {
  for (;;) {
    const first17 = '91' + areaCode + orgCode(rng)
    const code = first17 + creditCheckChar(first17)
    if (!taken.has(code)) {
      taken.add(code)
      return code
    }
  }
}

export function idCheckChar(first17: string): string {
  let sum = 0
  for (let index = 0; index < 17; index++)
    sum += Number(first17.charAt(index)) * (ID_WEIGHTS[index] ?? 0)
  return ID_CHECK.charAt(sum % 11)
}

/** Area code + birth date + sequence (odd for men, even for women) + check. */
export function idNumber(
  rng: Rng,
  areaCode: string,
  birthDate: IsoDate,
  gender: Gender,
  taken: Set<string>,
): string {
  for (;;) {
    const last = rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0)
    const first17 = areaCode + birthDate.replaceAll('-', '') + digits(rng, 2) + String(last)
    const id = first17 + idCheckChar(first17)
    if (!taken.has(id)) {
      taken.add(id)
      return id
    }
  }
}

/** 13x / 15x / 18x mobile numbers. */
export function phone(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const number = '1' + rng.pick(['3', '5', '8']) + digits(rng, 9)
    if (!taken.has(number)) {
      taken.add(number)
      return number
    }
  }
}
