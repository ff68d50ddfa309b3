import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createFirm } from '@/db'
import { getDb } from '@/db/connection'
import { computeOrgCodeCheckChar } from '@/domain/creditCode'
import { readExchangeFile } from '@/services/exchange'
import { firm } from '../db/helpers'
import { keepBlobsInFakeIndexedDb } from './backup/helpers'
import { closeDevices, department, makePackage, newDevice, on } from './exchange/devices'

keepBlobsInFakeIndexedDb()
afterEach(closeDevices)

const ORG_CODE = `12345678-${computeOrgCodeCheckChar('12345678')}`

describe('a package with a pre-GB-32100 credit code', () => {
  it('is read, and the firm is named for the user to bring up to date', async () => {
    const dept = await newDevice('department')
    const reg = await department(dept)
    const firmId = await on(dept, async () => {
      const host = await createFirm(firm(reg.branchA.areaId, { name: '老字号软件有限公司' }))
      await getDb().orgs.update(reg.branchA.id, { hostFirmIds: [host.id] })
      // As an older version stored it.
      await getDb().firms.update(host.id, { creditCode: ORG_CODE })
      return host.id
    })
    const file = await makePackage(dept, reg.branchA.id)
    const branch = await newDevice('branch')
    const checked = await on(branch, () => readExchangeFile(file))
    expect(checked.notes).toEqual({
      creditCodes: [
        {
          table: 'firms',
          id: firmId,
          name: '老字号软件有限公司',
          creditCode: ORG_CODE,
          kind: 'organisationCode',
        },
      ],
      creditCodeCount: 1,
    })
  })
})
