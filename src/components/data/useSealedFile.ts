import { ElMessageBox } from 'element-plus'
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { BackupError } from '@/domain/backupFormat'

/** What a backup or an exchange package offers for opening a chosen file. */
export interface SealedFileReader {
  sealed: Readonly<Ref<{ file: File } | null>>
  /** The file checked, or null when it is sealed and needs its passphrase first. */
  read(file: File, passphrase?: string): Promise<unknown>
  errorMessage(error: unknown): string
}

/**
 * Opening a chosen `.zhibu` / `.zhibupkg` file: read it, then either its preview or the
 * passphrase dialog for a sealed one. A wrong passphrase is said in that dialog; any other
 * fault in an alert titled `errorTitle`.
 */
export function useSealedFile(reader: SealedFileReader, errorTitle: () => string) {
  const { t } = useI18n()
  const previewOpen = ref(false)
  const unsealOpen = ref(false)
  const unsealError = ref('')

  function alertError(error: unknown): Promise<unknown> {
    return ElMessageBox.alert(reader.errorMessage(error), errorTitle(), {
      type: 'error',
      confirmButtonText: t('app.confirm'),
    }).catch(() => undefined)
  }

  async function onFile(event: Event): Promise<void> {
    const target = event.target as HTMLInputElement
    const file = target.files?.[0]
    target.value = ''
    if (!file) return
    try {
      const checked = await reader.read(file)
      unsealError.value = ''
      if (checked) previewOpen.value = true
      else unsealOpen.value = true
    } catch (error) {
      await alertError(error)
    }
  }

  async function unseal(passphrase: string): Promise<void> {
    const pending = reader.sealed.value
    if (!pending) return
    unsealError.value = ''
    try {
      await reader.read(pending.file, passphrase)
      unsealOpen.value = false
      previewOpen.value = true
    } catch (error) {
      if (error instanceof BackupError && error.code === 'wrongPassphrase') {
        unsealError.value = reader.errorMessage(error)
        return
      }
      unsealOpen.value = false
      await alertError(error)
    }
  }

  return { previewOpen, unsealOpen, unsealError, onFile, unseal, alertError }
}
