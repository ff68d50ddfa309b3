import 'fake-indexeddb/auto'
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import BackupPreviewDialog from '@/components/data/BackupPreviewDialog.vue'
import { setDb, updateFirm, ValidationError, ZhibuDb } from '@/db'
import { getDb } from '@/db/connection'
import { BackupError } from '@/domain/backupFormat'
import {
  computeCreditCheckChar,
  computeOrgCodeCheckChar,
  legacyCreditCodeKind,
} from '@/domain/creditCode'
import { validateFirm } from '@/domain/validation'
import { createBackup, readBackupFile, restoreBackup } from '@/services/backup'
import { mountWithApp } from '../components/mount'
import { useFreshDb } from '../db/helpers'
import { keepBlobsInFakeIndexedDb, loadSmallSet, readJson, writeV1 } from './backup/helpers'

keepBlobsInFakeIndexedDb()
useFreshDb()

/** A 组织机构代码 of GB 11714 as firms carried it before GB 32100, hyphen and all. */
const ORG_CODE = `12345678-${computeOrgCodeCheckChar('12345678')}`
/** 18 characters, the last check right, the organisation code inside not (older versions). */
const UNVERIFIED = (() => {
  const first17 = '91350100M000100Y5'
  return first17 + computeCreditCheckChar(first17)
})()

async function backupWithLegacyCodes(): Promise<Blob> {
  await loadSmallSet()
  // As an older version stored them (the middlewares check nothing of the kind).
  await getDb().firms.update('f1', { creditCode: ORG_CODE })
  await getDb().firms.update('f2', { creditCode: UNVERIFIED })
  return (await createBackup()).blob
}

async function freshTarget(): Promise<ZhibuDb> {
  const target = new ZhibuDb(`target-${crypto.randomUUID()}`)
  await target.open()
  setDb(target)
  return target
}

describe('old backups with credit codes from before GB 32100', () => {
  it('knows the legacy forms, and nothing else as legacy', () => {
    expect(legacyCreditCodeKind(ORG_CODE)).toBe('organisationCode')
    expect(legacyCreditCodeKind(ORG_CODE.replace('-', ''))).toBe('organisationCode')
    expect(legacyCreditCodeKind(UNVERIFIED)).toBe('unverifiedOrgCode')
    // A valid code is no legacy code; a wrong check character, or any other string, is none.
    expect(legacyCreditCodeKind('91350100M000100Y43')).toBeNull()
    const wrong = computeOrgCodeCheckChar('12345678') === '1' ? '2' : '1'
    expect(legacyCreditCodeKind(`12345678-${wrong}`)).toBeNull()
    expect(legacyCreditCodeKind('91350100M000100Y5X')).toBeNull()
    expect(legacyCreditCodeKind('企业名称')).toBeNull()
    // The forms still refuse them: a new or edited firm needs today's code.
    expect(validateFirm({ creditCode: ORG_CODE }).ok).toBe(false)
  })

  it('restores them, naming each firm, and the form asks for the new code afterwards', async () => {
    const blob = await backupWithLegacyCodes()
    const target = await freshTarget()
    const checked = await readBackupFile(blob)
    expect(checked.notes.creditCodeCount).toBe(2)
    expect(checked.notes.creditCodes).toEqual([
      { table: 'firms', id: 'f1', name: '企业f1', creditCode: ORG_CODE, kind: 'organisationCode' },
      {
        table: 'firms',
        id: 'f2',
        name: '企业f2',
        creditCode: UNVERIFIED,
        kind: 'unverifiedOrgCode',
      },
    ])
    await restoreBackup(checked, 'replace')
    expect((await target.firms.get('f1'))?.creditCode).toBe(ORG_CODE)
    expect((await target.firms.get('f2'))?.creditCode).toBe(UNVERIFIED)
    expect(await target.areas.count()).toBe(3)
    const stored = (await target.firms.get('f1'))!
    const error = await updateFirm('f1', { ...stored, note: '改一下' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).problems[0]?.field).toBe('creditCode')
  })

  it('a format-1 file is read the same way', async () => {
    const blob = await writeV1(
      (await readJson(await backupWithLegacyCodes())) as Parameters<typeof writeV1>[0],
    )
    await freshTarget()
    const checked = await readBackupFile(blob)
    expect(checked.notes.creditCodes.map((note) => note.id)).toEqual(['f1', 'f2'])
  })

  it('a credit code in no known form is still refused, naming the firm and the field', async () => {
    await loadSmallSet()
    await getDb().firms.update('f1', { creditCode: 'ABC' })
    const blob = (await createBackup()).blob
    await freshTarget()
    const error = await readBackupFile(blob).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupError)
    expect((error as BackupError).detail).toMatchObject({ table: 'firms', field: 'creditCode' })
  })

  it('the preview says which firms, and that they can be restored', async () => {
    const blob = await backupWithLegacyCodes()
    const checked = await readBackupFile(blob)
    const wrapper = mountWithApp(BackupPreviewDialog, {
      props: {
        modelValue: true,
        backup: checked,
        fileName: 'old.zhibu',
        busy: false,
        percent: 0,
        progressText: '',
        tableLabel: (name: string) => name,
      },
      attachTo: document.body,
    })
    await flushPromises()
    const alert = document.querySelector('[data-testid="backup-preview-legacy"]')?.textContent ?? ''
    expect(alert).toContain('2 家企业的统一社会信用代码是旧格式，可以恢复')
    expect(alert).toContain(`企业f1（${ORG_CODE}）：9 位组织机构代码（GB 32100 之前）`)
    expect(alert).toContain(`企业f2（${UNVERIFIED}）`)
    wrapper.unmount()
  })
})
