import { describe, expect, it } from 'vitest'
import { createArea, createOrg, listMembersPage } from '@/db'
import { computeIdCheckChar } from '@/domain/idNumber'
import { emptyMemberFilter } from '@/domain/memberRules'
import {
  buildMembersWorkbook,
  checkImport,
  detectHeader,
  openImportFile,
  parseMemberRows,
  writeImport,
  type SheetRow,
} from '@/services/spreadsheet'
import { memberContext } from '@/services/spreadsheet/membersRows'
import { createValueReader } from '@/services/spreadsheet/values'
import { area, org, useFreshDb } from './helpers'

useFreshDb()

function idFor(birth: string, sequence: string): string {
  const first17 = `150203${birth}${sequence}`
  return first17 + computeIdCheckChar(first17)
}

const rows = (cells: (string | number | null)[][]): SheetRow[] =>
  cells.map((c, index) => ({ number: index + 1, cells: c }))

describe('member sheet', () => {
  it('finds the header by synonyms and reports problems with Excel row numbers', () => {
    const sheet = {
      rows: rows([
        ['2026年党员名册'],
        ['党员姓名', '性别', '公民身份号码', '联系电话', '文化程度', '入党时间', '所在支部'],
        ['王芳', '女', idFor('19900101', '002'), '13812345678', '大学本科', '2015-07-01', '甲支部'],
        ['李强', '', idFor('19850505', '013'), '', '硕士', '', '甲支部'],
        ['张三', '男', idFor('19850505', '013').slice(0, 17) + 'Y', '', '', '', '乙支部'],
        ['赵四', '女', idFor('19850505', '013'), '', '', '', '甲支部'],
      ]),
    }
    const header = detectHeader('members', sheet)
    expect(header?.rowNumber).toBe(2)
    const parsed = parseMemberRows(
      sheet.rows.slice(2),
      header!.mapping,
      memberContext([{ id: 'o1', name: '甲支部' }], createValueReader('members', {})),
    )
    expect(parsed.valid.map((r) => [r.row, r.value.name, r.value.gender, r.value.stage])).toEqual([
      [3, '王芳', 'female', 'probationary'],
      [4, '李强', 'male', 'full'],
    ])
    expect(parsed.valid[0]?.value).toMatchObject({ birthDate: '1990-01-01', education: 'bachelor' })
    expect(parsed.problems.map((p) => `${p.row}:${p.field}:${p.code}`)).toEqual([
      '5:orgId:notFound',
      '5:idNumber:format',
      '6:idNumber:idGenderMismatch',
      '6:idNumber:duplicate',
    ])
  })

  it('exports the roster and imports it back: nothing is written before the confirm', async () => {
    const city = await createArea(area())
    const a = await createOrg(org(city.id, { name: '甲支部' }))
    const sheet = {
      rows: rows([
        ['姓名', '性别', '身份证号', '所在党组织', '转正日期'],
        ['王芳', '女', idFor('19900101', '002'), '甲支部', '2016-07-01'],
        ['李强', '男', idFor('19850505', '013'), '甲支部', ''],
      ]),
    }
    const header = detectHeader('members', sheet)!
    const file = { kind: 'members' as const, sheet, header }
    const checked = await checkImport(file, header.mapping)
    expect(checked.parsed.valid).toHaveLength(2)
    expect((await listMembersPage([a.id], emptyMemberFilter(), null, 10)).rows).toHaveLength(0)
    expect(await writeImport(checked, 'allOrNothing')).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    })
    const { data, rows: count } = await buildMembersWorkbook([a.id], emptyMemberFilter())
    expect(count).toBe(2)
    // exceljs gives a Node Buffer under Node: pass its bytes as an ArrayBuffer.
    const bytes = data as unknown as Uint8Array
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    const reopened = await openImportFile('members', buffer as ArrayBuffer)
    const again = await checkImport(reopened, reopened.header.mapping)
    expect(again.parsed.problems).toEqual([])
    expect(await writeImport(again, 'allOrNothing')).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    })
  })
})
