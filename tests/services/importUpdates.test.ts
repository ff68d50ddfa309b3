import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { createArea, createFirm, createMember, createOrg, ImportStaleError, updateFirm } from '@/db'
import { getDb } from '@/db/connection'
import { computeIdCheckChar } from '@/domain/idNumber'
import type { Firm, Member } from '@/domain/types'
import { checkImport, openImportFile, writeImport, type ParsedImport } from '@/services/spreadsheet'
import { area, firm, member, org, useFreshDb } from '../db/helpers'

/**
 * A short sheet re-imported over full records changes only the fields it maps: the others
 * stay field by field, and a record whose mapped fields already read the same is not written.
 */
useFreshDb()

async function sheet(rows: (string | number)[][]): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook()
  const ws = book.addWorksheet('s')
  for (const row of rows) ws.addRow(row)
  return new Uint8Array(await book.xlsx.writeBuffer()).slice().buffer
}

async function check(
  kind: 'firms' | 'members' | 'orgs',
  rows: (string | number)[][],
): Promise<ParsedImport> {
  const file = await openImportFile(kind, await sheet(rows))
  return checkImport(file, file.header.mapping)
}

/** Every stored field but the write stamp. */
// The revision is the replication layer's: an update moves it on, the fields are what we compare.
const content = ({
  updatedAt: _updated,
  _rev: _revision,
  _revisions: _ancestry,
  ...rest
}: Firm | Member) => rest

describe('re-importing a short firm sheet', () => {
  async function fullFirm(): Promise<{ stored: Firm; code: string }> {
    const city = await createArea(area())
    const stored = await createFirm(
      firm(city.id, {
        name: '草原云科技有限公司',
        industry: 'ecommerce',
        sizeClass: 'above',
        employees: 120,
        registeredOn: '2016-05-01',
        instructor: '李明',
        liaison: '赵亮',
        address: '包头市昆都仑区钢铁大街 1 号',
        note: '重点企业',
      }),
    )
    return { stored, code: stored.creditCode }
  }

  it('changes only the employees, lists that one change, and keeps the firm work-covered', async () => {
    const { stored, code } = await fullFirm()
    expect(stored.orgStatus).toBe('instructorOnly')
    const result = await check('firms', [
      ['企业名称', '统一社会信用代码', '从业人员数'],
      ['草原云科技有限公司', code, 150],
    ])
    expect(result.parsed.valid).toHaveLength(1)
    expect(result.parsed.valid[0]).toMatchObject({
      action: 'update',
      changes: [{ field: 'employees', from: '120', to: '150' }],
    })
    expect(await writeImport(result, 'validRows')).toEqual({ created: 0, updated: 1, unchanged: 0 })
    const after = await getDb().firms.get(stored.id)
    expect(content(after!)).toEqual({ ...content(stored), employees: 150 })
    expect(after!._rev).toMatch(/^2-[0-9a-f]{32}$/)
  })

  it('with a mapped industry cell, shows 电子商务 → 其他 before writing; a blank cell keeps the value', async () => {
    const { stored, code } = await fullFirm()
    const result = await check('firms', [
      ['统一社会信用代码', '所属行业', '党建指导员'],
      [code, '其他', ''],
    ])
    expect(result.parsed.valid[0]?.changes).toEqual([
      { field: 'industry', from: 'ecommerce', to: 'other' },
    ])
    await writeImport(result, 'validRows')
    const after = await getDb().firms.get(stored.id)
    expect(content(after!)).toEqual({ ...content(stored), industry: 'other' })
    expect(after?.instructor).toBe('李明')
  })

  it('leaves a firm whose mapped fields read the same untouched, byte for byte', async () => {
    const { stored, code } = await fullFirm()
    const result = await check('firms', [
      ['企业名称', '统一社会信用代码'],
      ['草原云科技有限公司', code],
    ])
    expect(result.parsed.valid[0]).toMatchObject({ action: 'unchanged', changes: [] })
    await writeImport(result, 'validRows')
    expect(await getDb().firms.get(stored.id)).toEqual(stored)
  })

  it('refuses a preview whose firm changed meanwhile, and writes nothing', async () => {
    const { stored, code } = await fullFirm()
    const result = await check('firms', [
      ['统一社会信用代码', '从业人员数'],
      [code, 150],
    ])
    // Another tab saves the firm between the preview and the confirm.
    const {
      id: _id,
      createdAt: _c,
      updatedAt: _u,
      areaPath: _a,
      orgStatus: _o,
      nameTokens: _n,
      ...input
    } = stored
    await updateFirm(stored.id, { ...input, note: '另一个标签页改的' })
    const error = await writeImport(result, 'validRows').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportStaleError)
    expect((error as ImportStaleError).count).toBe(1)
    const after = await getDb().firms.get(stored.id)
    expect(after).toMatchObject({ employees: 120, note: '另一个标签页改的' })
  })

  it('says a new row needs the columns the sheet lacks, and still updates the known firm', async () => {
    const { code } = await fullFirm()
    const result = await check('firms', [
      ['统一社会信用代码', '从业人员数'],
      [code, 150],
      ['91150200MA0Q00107M', 10],
    ])
    expect(result.parsed.valid.map((row) => row.action)).toEqual(['update'])
    expect(result.parsed.problems.map((p) => `${p.row}:${p.field}:${p.code}`)).toEqual([
      '3:name:requiredForNew',
      '3:areaId:requiredForNew',
    ])
  })
})

describe('re-importing a short roster', () => {
  function idFor(birth: string, sequence: string): string {
    const first17 = `150203${birth}${sequence}`
    return first17 + computeIdCheckChar(first17)
  }

  it('keeps stage, education, ethnicity, phone, job, firm and party group field by field', async () => {
    const city = await createArea(area())
    const branch = await createOrg(org(city.id, { name: '甲支部' }))
    const host = await createFirm(firm(city.id))
    const group = await getDb().partyGroups.add({
      id: 'group-1',
      orgId: branch.id,
      name: '第一党小组',
      leaderMemberId: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    })
    const idNumber = idFor('19900101', '002')
    const stored = await createMember(
      member(branch.id, {
        name: '王芳',
        idNumber,
        birthDate: '1990-01-01',
        stage: 'probationary',
        education: 'master',
        ethnicity: 'mongol',
        phone: '13812345678',
        jobTitle: '技术总监',
        firmId: host.id,
        partyGroupId: group,
        development: { ...member(branch.id).development, branchVoteOn: '2025-07-01' },
      }),
    )
    const same = await check('members', [
      ['姓名', '身份证号', '所在党组织'],
      ['王芳', idNumber, '甲支部'],
    ])
    expect(same.parsed.valid[0]).toMatchObject({ action: 'unchanged', changes: [] })
    expect(await writeImport(same, 'validRows')).toEqual({ created: 0, updated: 0, unchanged: 1 })
    expect(await getDb().members.get(stored.id)).toEqual(stored)

    const phone = await check('members', [
      ['姓名', '身份证号', '所在党组织', '手机号'],
      ['王芳', idNumber, '甲支部', '13900001111'],
    ])
    expect(phone.parsed.valid[0]?.changes).toEqual([
      { field: 'phone', from: '13812345678', to: '13900001111' },
    ])
    await writeImport(phone, 'validRows')
    const after = await getDb().members.get(stored.id)
    expect(content(after!)).toEqual({ ...content(stored), phone: '13900001111' })
  })
})

describe('re-importing a short org sheet', () => {
  it('keeps the committee, host firms, parent and dates', async () => {
    const city = await createArea(area())
    const host = await createFirm(firm(city.id))
    const parent = await createOrg(org(city.id, { name: '园区党委', type: 'baseCommittee' }))
    const stored = await createOrg(
      org(city.id, {
        name: '甲支部',
        parentId: parent.id,
        hostFirmIds: [host.id],
        committee: [{ post: 'secretary', memberId: '', holderName: '张书记', since: '2024-06-01' }],
        note: '示范支部',
      }),
    )
    const result = await check('orgs', [
      ['党组织名称', '所属地区', '备注'],
      ['甲支部', '包头市', '示范支部'],
    ])
    expect(result.parsed.valid[0]).toMatchObject({ action: 'unchanged', changes: [] })
    await writeImport(result, 'validRows')
    expect(await getDb().orgs.get(stored.id)).toEqual(stored)
    const renamed = await check('orgs', [
      ['党组织名称', '所属地区', '组织类型'],
      ['甲支部', '包头市', '联合党支部'],
    ])
    expect(renamed.parsed.valid[0]?.changes).toEqual([
      { field: 'type', from: 'branch', to: 'jointBranch' },
    ])
    await writeImport(renamed, 'validRows')
    const after = await getDb().orgs.get(stored.id)
    expect(after).toMatchObject({
      type: 'jointBranch',
      parentId: parent.id,
      hostFirmIds: [host.id],
      committee: stored.committee,
      note: '示范支部',
    })
  })
})
