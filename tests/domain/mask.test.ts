import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskPhone } from '@/domain/mask'

describe('maskIdNumber', () => {
  it.each([
    ['150203198001011234', '1502**********1234'],
    ['11010519491231002x', '1101**********002X'],
    [' 11010519491231002X ', '1101**********002X'],
    ['123456789', '1234*6789'],
    ['12345678', '********'],
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked)
  })
})

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    [' 13812345678 ', '138****5678'],
    ['1381234', '*******'],
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
})
