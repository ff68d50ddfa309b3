/**
 * Masks for personal data on screens and exports that do not need it whole
 * (个人信息保护法 2021 第五十一条: de-identify where the purpose allows).
 */

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const text = value.trim()
  if (text === '') return ''
  // Too short to keep both ends without showing nearly all of it: hide everything.
  if (text.length <= keepStart + keepEnd) return '*'.repeat(text.length)
  return (
    text.slice(0, keepStart) + '*'.repeat(text.length - keepStart - keepEnd) + text.slice(-keepEnd)
  )
}

/** '150203198001011234' → '1502**********1234': area prefix and last four stay visible. */
export function maskIdNumber(idNumber: string): string {
  return maskMiddle(idNumber.toUpperCase(), 4, 4)
}

/** '13812345678' → '138****5678', the usual form for mobile numbers. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4)
}

/** A private amount (党费 base) in lists: hidden whole, shown only in the member's own dialog. */
export function maskAmount(text: string): string {
  return text === '' ? '' : '****'
}
