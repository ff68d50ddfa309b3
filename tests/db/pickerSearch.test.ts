import type { DBCore, Middleware } from 'dexie'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  createArea,
  createFirm,
  createMember,
  createOrg,
  removeMember,
  removeOrg,
  searchFirms,
  searchMembers,
  searchOrgs,
  setDb,
  updateMember,
  updateOrg,
  ZhibuDb,
} from '@/db'
import { getDb } from '@/db/connection'
import { nameBigrams, pickerNameMatches } from '@/domain/search'
import type { Member, Org } from '@/domain/types'
import { restoreBackup, readBackupFile, createBackup } from '@/services/backup'
import { keepBlobsInFakeIndexedDb } from '../services/backup/helpers'
import { area, fieldsOf, firm, member, org, useFreshDb } from './helpers'

/**
 * The picker searches (orgs, members, firms) go through indexes: what they find is what
 * pickerNameMatches says, in name order, inside the scope, kept after edits and deletes;
 * and a search that matches nothing reads no record at all, only index keys.
 */
keepBlobsInFakeIndexedDb()
useFreshDb()

/** Record values read from a table (bulkGet, a walk with values), counted at DBCore. */
const valueReads = new Map<string, number>()
const readCounter: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ReadCounter',
  level: 30,
  create(core) {
    return {
      ...core,
      table(name) {
        const table = core.table(name)
        const note = (n: number) => valueReads.set(name, (valueReads.get(name) ?? 0) + n)
        return {
          ...table,
          // .then on the promises Dexie hands down: an async wrapper would leave its zone.
          getMany: (req) =>
            table.getMany(req).then((rows) => {
              note(rows.filter((row) => row !== undefined).length)
              return rows
            }),
          query: (req) =>
            table.query(req).then((res) => {
              if (req.values) note(res.result.length)
              return res
            }),
          openCursor: (req) =>
            table.openCursor(req).then((cursor) => {
              // A cursor that finds a row has read one (its walk goes on in the caller).
              if (req.values && cursor) note(1)
              return cursor
            }),
        }
      },
    }
  },
}

beforeEach(async () => {
  // The shared fresh database, reopened with the read counter beneath the app.
  const current = getDb()
  current.close()
  const counted = new ZhibuDb(current.name)
  counted.use(readCounter)
  await counted.open()
  setDb(counted)
  valueReads.clear()
})

let seq = 0
const idNumberOf = (n: number): string => {
  // 110105 1980 01 01 + 3-digit sequence (odd: male) + check digit (GB 11643).
  const body = `11010519800101${String(n * 2 + 1).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0)
  return body + '10X98765432'[sum % 11]!
}
const person = (
  orgId: string,
  name: string,
  partial: Partial<Parameters<typeof member>[1]> = {},
) => {
  seq += 1
  return member(orgId, {
    name,
    gender: 'male',
    birthDate: '1980-01-01',
    idNumber: idNumberOf(seq),
    phone: `139${String(seq).padStart(8, '0')}`,
    ...partial,
  })
}

async function register() {
  const a = await createArea(area())
  const root = await createOrg(org(a.id, { name: '草原网络科技党委', type: 'baseCommittee' }))
  const east = await createOrg(org(a.id, { name: '东区第一党支部', parentId: root.id }))
  const west = await createOrg(org(a.id, { name: '西区第二党支部', parentId: root.id }))
  const joint = await createOrg(org(a.id, { name: '云岭联合党委', type: 'jointCommittee' }))
  const other = await createOrg(org(a.id, { name: 'Alpha科技党支部' }))
  return { a, root, east, west, joint, other }
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name)

describe('pickerNameMatches', () => {
  it('one character starts the name, more are contained, letters in any case', () => {
    expect(pickerNameMatches('东区第一党支部', '东')).toBe(true)
    expect(pickerNameMatches('东区第一党支部', '区')).toBe(false)
    expect(pickerNameMatches('东区第一党支部', '第一')).toBe(true)
    expect(pickerNameMatches('Alpha科技', 'ALP')).toBe(true)
    expect(pickerNameMatches('Alpha科技', 'a')).toBe(true)
    expect(pickerNameMatches('任何', '  ')).toBe(true)
  })
})

describe('searchOrgs', () => {
  it('finds what the rule says, in name order, a committee among them', async () => {
    const { joint } = await register()
    expect(names(await searchOrgs('党支部'))).toEqual([
      'Alpha科技党支部',
      '东区第一党支部',
      '西区第二党支部',
    ])
    expect(names(await searchOrgs('东'))).toEqual(['东区第一党支部'])
    expect(names(await searchOrgs('a'))).toEqual(['Alpha科技党支部'])
    expect(names(await searchOrgs('alpha'))).toEqual(['Alpha科技党支部'])
    expect((await searchOrgs('联合')).map((o) => o.id)).toEqual([joint.id])
    expect(await searchOrgs('', 2)).toHaveLength(2)
    expect(names(await searchOrgs(''))).toEqual([...names(await searchOrgs(''))].sort())
    const stored = (await getDb().orgs.get(joint.id))!
    expect(stored.nameTokens).toEqual(nameBigrams('云岭联合党委'))
  })

  it('a search that matches nothing reads index keys only, no org', async () => {
    await register()
    valueReads.clear()
    expect(await searchOrgs('不存在的名称')).toEqual([])
    expect(await searchOrgs('支部党')).toEqual([])
    expect(await searchOrgs('无')).toEqual([])
    expect(valueReads.get('orgs') ?? 0).toBe(0)
    // The counter does see reads: a search that matches reads its rows.
    expect(names(await searchOrgs('东区'))).toEqual(['东区第一党支部'])
    expect(valueReads.get('orgs')).toBeGreaterThan(0)
  })

  it('keeps to the scope: a branch secretary sees only the subtree', async () => {
    const { root, east, west, other } = await register()
    const subtree = [root.id, east.id, west.id]
    expect(names(await searchOrgs('党支部', 20, subtree))).toEqual([
      '东区第一党支部',
      '西区第二党支部',
    ])
    expect(names(await searchOrgs('', 20, [east.id]))).toEqual(['东区第一党支部'])
    expect(names(await searchOrgs('A', 20, subtree))).toEqual([])
    expect((await searchOrgs('Alpha', 20, [other.id])).map((o) => o.id)).toEqual([other.id])
  })

  it('follows a rename and a delete', async () => {
    const { a, east } = await register()
    const stored = (await getDb().orgs.get(east.id))! as Org
    await updateOrg(
      east.id,
      { ...fieldsOf(stored, 'areaPath', 'nameTokens'), name: '北区党支部', areaId: a.id },
      stored._rev,
    )
    expect(names(await searchOrgs('东区'))).toEqual([])
    expect(names(await searchOrgs('北区'))).toEqual(['北区党支部'])
    await removeOrg(east.id)
    expect(await searchOrgs('北区')).toEqual([])
  })

  it('a restored backup is searchable by the same pieces', async () => {
    const { joint } = await register()
    const file = await readBackupFile((await createBackup()).blob)
    await getDb().orgs.clear()
    expect(await searchOrgs('联合')).toEqual([])
    await restoreBackup(file, 'replace')
    expect((await searchOrgs('联合')).map((o) => o.id)).toEqual([joint.id])
  })
})

describe('the name pieces on every write path', () => {
  it('a merged revision from elsewhere renames: the pieces follow, not the old ones', async () => {
    const { a, east } = await register()
    const first = await readBackupFile((await createBackup()).blob)
    const stored = (await getDb().orgs.get(east.id))! as Org
    await updateOrg(
      east.id,
      { ...fieldsOf(stored, 'areaPath', 'nameTokens'), name: '北区党支部', areaId: a.id },
      stored._rev,
    )
    const renamed = await readBackupFile((await createBackup()).blob)
    // Back to the first state, then the rename comes in as a revision made elsewhere.
    await restoreBackup(first, 'replace')
    expect(names(await searchOrgs('东区'))).toEqual(['东区第一党支部'])
    const result = await restoreBackup(renamed, 'merge')
    expect(result.updated).toBeGreaterThan(0)
    expect((await getDb().orgs.get(east.id))!.nameTokens).toEqual(nameBigrams('北区党支部'))
    expect(names(await searchOrgs('北区'))).toEqual(['北区党支部'])
    expect(await searchOrgs('东区')).toEqual([])
  })

  it('a write that carries stale pieces is stored with the name’s own', async () => {
    const { east } = await register()
    await getDb().orgs.update(east.id, { name: '南区党支部', nameTokens: ['东区'] })
    expect((await getDb().orgs.get(east.id))!.nameTokens).toEqual(nameBigrams('南区党支部'))
    expect(await searchOrgs('东区')).toEqual([])
  })
})

describe('searchMembers', () => {
  async function roster() {
    const reg = await register()
    const made: Member[] = []
    for (const [orgId, name] of [
      [reg.east.id, '王小明'],
      [reg.east.id, '张小明'],
      [reg.west.id, '王芳'],
      [reg.other.id, '李明'],
    ] as const) {
      made.push(await createMember(person(orgId, name)))
    }
    return { ...reg, made }
  }

  it('a start for one character, a contained name for more, on the roll only', async () => {
    const { made } = await roster()
    expect(names(await searchMembers('王'))).toEqual(['王小明', '王芳'])
    expect(names(await searchMembers('小明'))).toEqual(['张小明', '王小明'])
    expect(names(await searchMembers('明'))).toEqual([])
    expect(names(await searchMembers(''))).toHaveLength(4)
    const li = made[3]!
    await getDb().members.update(li.id, { status: 'transferredOut' })
    expect(names(await searchMembers('李明'))).toEqual([])
  })

  it('no match reads no member; the scope is kept', async () => {
    const { east, west, root } = await roster()
    valueReads.clear()
    expect(await searchMembers('赵钱孙')).toEqual([])
    expect(await searchMembers('赵')).toEqual([])
    expect(valueReads.get('members') ?? 0).toBe(0)
    expect(names(await searchMembers('王', 20, [east.id]))).toEqual(['王小明'])
    expect(names(await searchMembers('小明', 20, [west.id]))).toEqual([])
    expect(names(await searchMembers('', 20, [root.id, east.id, west.id]))).toEqual([
      '张小明',
      '王小明',
      '王芳',
    ])
  })

  it('follows a rename and a delete', async () => {
    const { made } = await roster()
    const wang = (await getDb().members.get(made[0]!.id))!
    await updateMember(
      wang.id,
      { ...fieldsOf(wang, 'lastAttendedOn', 'nameTokens'), name: '王大明' },
      wang._rev,
    )
    expect(names(await searchMembers('小明'))).toEqual(['张小明'])
    expect(names(await searchMembers('大明'))).toEqual(['王大明'])
    await removeMember(wang.id)
    expect(await searchMembers('大明')).toEqual([])
  })
})

describe('searchFirms', () => {
  it('name pieces, a name start, a credit-code prefix; no match reads no firm', async () => {
    const a = await createArea(area())
    await createFirm(firm(a.id, { name: '云岭数据科技有限公司', creditCode: '91350100M000100Y43' }))
    await createFirm(firm(a.id, { name: '草原网络科技有限公司', creditCode: '91150423MA0N00008J' }))
    expect(names(await searchFirms('科技'))).toEqual([
      '云岭数据科技有限公司',
      '草原网络科技有限公司',
    ])
    expect(names(await searchFirms('云'))).toEqual(['云岭数据科技有限公司'])
    expect(names(await searchFirms('91150423'))).toEqual(['草原网络科技有限公司'])
    valueReads.clear()
    expect(await searchFirms('不存在的名称')).toEqual([])
    expect(await searchFirms('无')).toEqual([])
    expect(valueReads.get('firms') ?? 0).toBe(0)
  })
})
