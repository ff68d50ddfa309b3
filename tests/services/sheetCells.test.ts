import { describe, expect, it } from 'vitest'
import type { Area } from '@/domain/types'
import { areaLookup, joinAreaParts } from '@/services/spreadsheet/areas'
import { readCode, readDate } from '@/services/spreadsheet/cells'
import { detectHeader } from '@/services/spreadsheet/header'
import { sniffFormat } from '@/services/spreadsheet/format'

describe('identifier cells', () => {
  it('names an 18-digit number that lost its digits, as Excel shows it', () => {
    expect(readCode(150203199001010023)).toEqual({
      ok: false,
      code: 'storedAsNumber',
      text: '1.50203E+17',
    })
    expect(readCode('1.50203E+17')).toMatchObject({ ok: false, code: 'storedAsNumber' })
    expect(readCode('1.50203199001E17')).toMatchObject({ ok: false, code: 'storedAsNumber' })
  })

  it('keeps numbers a spreadsheet holds digit for digit, and folds text', () => {
    expect(readCode(13812345678)).toEqual({ ok: true, text: '13812345678' })
    expect(readCode('１５０２０３１９９００１０１００２Ｘ')).toEqual({
      ok: true,
      text: '15020319900101002X',
    })
    expect(readCode(' 1502 0319 9001 0100 2x ')).toEqual({ ok: true, text: '15020319900101002X' })
    expect(readCode("'150203199001010023")).toEqual({ ok: true, text: '150203199001010023' })
    expect(readCode('="150203199001010023"')).toEqual({ ok: true, text: '150203199001010023' })
    expect(readCode('\u200b91150200MA0Q001000\ufeff')).toEqual({
      ok: true,
      text: '91150200MA0Q001000',
    })
    expect(readCode(null)).toEqual({ ok: true, text: '' })
  })
})

describe('date cells', () => {
  it.each([
    [new Date(Date.UTC(2017, 8, 10)), '2017-09-10'],
    [20170910, '2017-09-10'],
    [42988, '2017-09-10'],
    ['2017年9月10日', '2017-09-10'],
    ['2017.09.10', '2017-09-10'],
    ['2017/9/10', '2017-09-10'],
    ['20170910', '2017-09-10'],
    [null, ''],
  ])('reads %s as %s', (cell, date) => {
    expect(readDate(cell)).toEqual({ ok: true, date, monthOnly: false })
  })

  it('accepts a month-only date only where the field allows it, and names it otherwise', () => {
    expect(readDate('2017年9月', true)).toEqual({ ok: true, date: '2017-09-01', monthOnly: true })
    expect(readDate(201709, true)).toEqual({ ok: true, date: '2017-09-01', monthOnly: true })
    expect(readDate('2017年9月')).toEqual({ ok: false, code: 'monthOnly', text: '2017年9月' })
    expect(readDate('九月十日')).toEqual({ ok: false, code: 'invalidDate', text: '九月十日' })
  })
})

describe('the area split over columns', () => {
  const areas: Area[] = [
    ['r', '', '内蒙古自治区', 'region'],
    ['c', 'r', '包头市', 'city'],
    ['b', 'c', '昆都仑区', 'banner'],
    ['p', 'b', '少先路街道', 'park'],
    ['h', 'r', '呼和浩特市', 'city'],
    ['x', 'h', '新城区', 'banner'],
    ['y', 'c', '新城区', 'banner'],
  ].map(([id, parentId, name, level]) => ({
    id: id!,
    parentId: parentId!,
    name: name!,
    level: level as Area['level'],
    path: '',
    code: '',
    retired: 'no',
    sortOrder: 0,
    createdAt: '',
    updatedAt: '',
  }))
  const lookup = areaLookup(areas)

  it('finds 盟市 + 旗县区 + 街道/园区 joined into a path, and run-together names', () => {
    expect(lookup.find(joinAreaParts(['包头市', '昆都仑区', '少先路街道']))).toEqual({
      ok: true,
      id: 'p',
    })
    expect(lookup.find(joinAreaParts(['包头市', '新城区', '']))).toEqual({ ok: true, id: 'y' })
    expect(lookup.find(joinAreaParts(['', '新城区', '']))).toEqual({ ok: false, code: 'ambiguous' })
    expect(lookup.find('包头市昆都仑区')).toEqual({ ok: true, id: 'b' })
    expect(lookup.find('内蒙古自治区包头市昆都仑区少先路街道')).toEqual({ ok: true, id: 'p' })
    expect(lookup.find(joinAreaParts(['包头市', '昆都仑区', '不存在街道']))).toEqual({
      ok: false,
      code: 'notFound',
    })
  })

  it('maps the area columns of a register by their headers', () => {
    const header = detectHeader('firms', {
      rows: [
        {
          number: 1,
          cells: ['企业名称', '统一社会信用代码', '所属盟市', '旗县（市、区）', '街道/园区'],
        },
      ],
    })
    expect(header?.mapping).toMatchObject({ areaCity: 2, areaId: 3, areaPark: 4 })
  })
})

describe('formats by their first bytes', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values).buffer
  it.each([
    [bytes(0x50, 0x4b, 0x03, 0x04, 0, 0), 'xlsx'],
    [bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0), 'xls'],
    [new TextEncoder().encode('企业名称,信用代码\r\n甲,1\r\n').buffer, 'csv'],
    [bytes(0xff, 0xfe, 0x2c, 0x4f, 0x00, 0x4e), 'csv'],
    [bytes(0x25, 0x50, 0x44, 0x46, 0x00, 0x01), 'unknown'],
    [bytes(), 'unknown'],
  ])('%#: %s', (data, format) => {
    expect(sniffFormat(data)).toBe(format)
  })

  it('tells an OpenDocument sheet from an .xlsx', () => {
    const name = 'mimetype'
    const type = 'application/vnd.oasis.opendocument.spreadsheet'
    const header = new Uint8Array(30 + name.length + type.length)
    header.set([0x50, 0x4b, 0x03, 0x04])
    header[26] = name.length
    header.set(new TextEncoder().encode(name + type), 30)
    expect(sniffFormat(header.buffer)).toBe('ods')
  })
})
