import { computed, ref, shallowRef, type Ref } from 'vue'
import { readImportChoices, rememberImportChoices } from '@/db'
import {
  reviewImportValues,
  SKIP_ROWS,
  type ColumnMapping,
  type ImportFile,
  type ImportKind,
  type ValueChoices,
  type ValueReviewItem,
} from '@/services/spreadsheet'

/**
 * The value step: the words of a file's enumerated columns that need a person (unknown ones,
 * national names the app translates, words chosen before), what each is chosen to mean, and
 * the memory of those choices on this device for the next import of the same kind.
 */
export function useImportValues(kind: Ref<ImportKind>) {
  const remembered = shallowRef<ValueChoices>({})
  /** Choices made in this import, over the remembered ones ('' = back to the tables). */
  const picked = ref<ValueChoices>({})
  const items = shallowRef<ValueReviewItem[]>([])

  const choices = computed<ValueChoices>(() => {
    const merged: ValueChoices = {}
    for (const source of [remembered.value, picked.value]) {
      for (const [field, words] of Object.entries(source)) {
        merged[field] = { ...(merged[field] ?? {}), ...words }
      }
    }
    for (const words of Object.values(merged)) {
      for (const [word, code] of Object.entries(words)) if (code === '') delete words[word]
    }
    return merged
  })

  async function loadRemembered(): Promise<void> {
    remembered.value = await readImportChoices(kind.value)
  }

  /** List the words of `file` under `mapping`; returns how many need a look. */
  function review(file: ImportFile, mapping: ColumnMapping): number {
    items.value = reviewImportValues(file, mapping, choices.value)
    return items.value.length
  }

  /** What an item is read as now: the person's choice, else the table's, else nothing. */
  function selected(item: ValueReviewItem): string {
    return choices.value[item.field]?.[item.word] ?? item.match?.code ?? ''
  }

  function choose(item: ValueReviewItem, code: string): void {
    picked.value = {
      ...picked.value,
      [item.field]: { ...(picked.value[item.field] ?? {}), [item.word]: code },
    }
  }

  /** Words no table knows and no one has chosen for: their rows will be refused. */
  const unresolved = computed(() => items.value.filter((item) => selected(item) === '').length)

  /** Keep this import's choices for the next one (only words someone actually picked). */
  async function remember(): Promise<void> {
    if (Object.keys(picked.value).length === 0) return
    await rememberImportChoices(kind.value, picked.value)
  }

  function clear(): void {
    picked.value = {}
    items.value = []
  }

  return {
    items,
    choices,
    unresolved,
    loadRemembered,
    review,
    selected,
    choose,
    remember,
    clear,
    SKIP_ROWS,
  }
}

export type ImportValues = ReturnType<typeof useImportValues>
