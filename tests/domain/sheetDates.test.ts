import { describe, expect, it } from 'vitest'
import { excelSerialDate, parseSheetDateNumber, parseSheetDateText } from '@/domain/sheetDates'

describe('dates as registers hold them', () => {
  it.each([
    ['2017-09-10', '2017-09-10'],
    ['2017-9-1', '2017-09-01'],
    ['2017/9/10', '2017-09-10'],
    ['2017.09.10', '2017-09-10'],
    ['2017年9月10日', '2017-09-10'],
    ['2017年9月10号', '2017-09-10'],
    ['20170910', '2017-09-10'],
    ['２０１７年９月１０日', '2017-09-10'],
    ['2017-09-10 00:00:00', '2017-09-10'],
    ['2017-09-10T00:00:00.000Z', '2017-09-10'],
    ['2024/2/29', '2024-02-29'],
    ['42993', '2017-09-15'],
  ])('reads the text %s as %s', (text, date) => {
    expect(parseSheetDateText(text)).toEqual({ ok: true, date, monthOnly: false })
  })

  it.each([
    ['2017年9月', '2017-09-01'],
    ['2017年9', '2017-09-01'],
    ['2017.09', '2017-09-01'],
    ['2017-9', '2017-09-01'],
    ['2017/09', '2017-09-01'],
    ['201709', '2017-09-01'],
  ])('reads the month-only text %s and says so', (text, date) => {
    expect(parseSheetDateText(text)).toEqual({ ok: true, date, monthOnly: true })
  })

  it.each([
    '2023/2/29',
    '2017年13月1日',
    '20171301',
    '2017',
    '去年',
    '2017-09-10-01',
    '',
    '201713',
  ])('refuses %s', (text) => {
    expect(parseSheetDateText(text)).toEqual({ ok: false, code: 'invalidDate' })
  })

  it('reads numbers typed as 20170101, 201709 and Excel serials', () => {
    expect(parseSheetDateNumber(20170101)).toEqual({
      ok: true,
      date: '2017-01-01',
      monthOnly: false,
    })
    expect(parseSheetDateNumber(201709)).toEqual({ ok: true, date: '2017-09-01', monthOnly: true })
    expect(parseSheetDateNumber(42736)).toEqual({ ok: true, date: '2017-01-01', monthOnly: false })
    // A serial with a time of day keeps the day.
    expect(parseSheetDateNumber(42736.75)).toEqual({
      ok: true,
      date: '2017-01-01',
      monthOnly: false,
    })
    // Excel counts a 29 February 1900 that never was: serials from 61 on are right.
    expect(parseSheetDateNumber(61)).toEqual({ ok: true, date: '1900-03-01', monthOnly: false })
    expect(parseSheetDateNumber(20170230)).toEqual({ ok: false, code: 'invalidDate' })
    expect(parseSheetDateNumber(2017)).toEqual({ ok: false, code: 'invalidDate' })
    expect(parseSheetDateNumber(0)).toEqual({ ok: false, code: 'invalidDate' })
    expect(parseSheetDateNumber(-5)).toEqual({ ok: false, code: 'invalidDate' })
    expect(parseSheetDateNumber(Number.NaN)).toEqual({ ok: false, code: 'invalidDate' })
    expect(excelSerialDate(2_958_465)).toBe('9999-12-31')
    expect(excelSerialDate(2_958_466)).toBe('')
  })
})
