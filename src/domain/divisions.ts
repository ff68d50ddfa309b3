/**
 * GB/T 2260 中华人民共和国行政区划代码: the province-level codes a division code (and so an ID
 * number, GB 11643) starts with. 71 is 台湾, 81 香港, 82 澳门; 83 is the code residence
 * permits of 台湾 residents carry (GB 11643 as applied by the 2018 居住证 rules).
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
])

export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code)
}
