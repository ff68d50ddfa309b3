import { resolveSettings, type SettingKey, type Settings } from '@/domain/settings'
import type { Setting } from '@/domain/types'
import { getDb, nowIso } from '../connection'
import { auditEntry } from '../records'

/** The rules in force: stored values over the defaults of domain/settings. */
export async function readSettings(): Promise<Settings> {
  return resolveSettings(await getDb().settings.toArray())
}

export async function listStoredSettings(): Promise<Setting[]> {
  return getDb().settings.toArray()
}

export async function saveSetting(key: SettingKey, value: number): Promise<void> {
  if (!Number.isFinite(value)) throw new RangeError(`setting ${key} must be a finite number`)
  const db = getDb()
  await db.transaction('rw', db.settings, db.auditLog, async () => {
    const before = await db.settings.get(key)
    await db.settings.put({ key, value, updatedAt: nowIso() })
    await db.auditLog.add(
      auditEntry('update', 'settings', key, `${key}: ${before?.value ?? '—'} → ${value}`, [
        'value',
      ]),
    )
  })
}

/** Back to the default: the stored override goes away. */
export async function resetSetting(key: SettingKey): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.settings, db.auditLog, async () => {
    await db.settings.delete(key)
    await db.auditLog.add(auditEntry('update', 'settings', key, `${key}: default`, ['value']))
  })
}
