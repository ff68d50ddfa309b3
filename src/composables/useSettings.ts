import { computed } from 'vue'
import { listStoredSettings, readSettings, resetSetting, saveSetting } from '@/db'
import { shownSettingDefinitions, type SettingDefinition, type SettingKey } from '@/domain/settings'
import { useLiveQuery } from './useLiveQuery'

export interface SettingRow extends SettingDefinition {
  key: SettingKey
  value: number
  changed: boolean
}

/** Every rule number some rule reads, with its default, source and the value in force, live. */
export function useSettingRows() {
  const stored = useLiveQuery(listStoredSettings)
  const rows = computed<SettingRow[]>(() => {
    const overrides = new Map((stored.data.value ?? []).map((s) => [s.key, s.value]))
    return shownSettingDefinitions().map((definition) => {
      const value = overrides.get(definition.key)
      return {
        ...definition,
        value: value ?? definition.defaultValue,
        changed: value !== undefined,
      }
    })
  })
  return { rows, loading: stored.loading, save: saveSetting, reset: resetSetting }
}

/** The settings in force, for pages that apply the rules. */
export function useSettings() {
  return useLiveQuery(readSettings)
}
