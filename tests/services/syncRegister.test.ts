/**
 * The department's setup reads its org tree from files this app writes: a backup of the
 * whole database and an exchange package of one subtree (server/register.mjs).
 */
import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { getDb } from '@/db/connection'
import { createBackup } from '@/services/backup'
import { loadDemoData } from '@/services/demoLoader'
import { createExchangePackage } from '@/services/exchange'
import { readRegister } from '../../server/register.mjs'
import { useFreshDb } from '../db/helpers'
import { keepBlobsInFakeIndexedDb } from './backup/helpers'

keepBlobsInFakeIndexedDb()
useFreshDb()
const dir = mkdtempSync(join(tmpdir(), 'zhibu-register-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function saved(blob: Blob, name: string): Promise<string> {
  const file = join(dir, name)
  writeFileSync(file, new Uint8Array(await blob.arrayBuffer()))
  return file
}

describe('the register for the server setup', { timeout: 60_000 }, () => {
  it('is every org of a backup, and the subtree with its ancestors from a package', async () => {
    await loadDemoData('2026-11-23')
    const orgs = await getDb().orgs.toArray()
    const backup = await readRegister(await saved((await createBackup()).blob, 'all.zhibu'))
    expect(backup.kind).toBe('backup')
    expect(backup.leftOut).toEqual([])
    expect(backup.orgs.map((o) => `${o.id}<${o.parentId}`).sort()).toEqual(
      orgs.map((o) => `${o.id}<${o.parentId}`).sort(),
    )
    expect(backup.orgs.filter((o) => o.dissolved).length).toBe(
      orgs.filter((o) => o.dissolvedOn !== '').length,
    )

    const branch = orgs.find((o) => o.type === 'branch' && o.parentId !== '')!
    const pkg = await readRegister(
      await saved((await createExchangePackage(branch.id)).blob, 'branch.zhibupkg'),
    )
    expect(pkg.kind).toBe('package')
    const ids = pkg.orgs.map((o) => o.id)
    expect(ids).toContain(branch.id)
    expect(ids).toContain(branch.parentId)
    for (const org of pkg.orgs) expect(org.parentId === '' || ids.includes(org.parentId)).toBe(true)
  })
})
