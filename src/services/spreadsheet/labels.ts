import type { FirmOrgStatus } from '@/domain/types'

/**
 * The Chinese words export writes for coded fields: the labels of domain/sheetValues.ts
 * (import reads them back through the same tables), and the firm's derived status, which
 * export writes for the reader and import ignores.
 */
export {
  EDUCATION_LABELS,
  ETHNICITY_LABELS,
  GENDER_LABELS,
  INDUSTRY_LABELS,
  ORG_TYPE_LABELS,
  SIZE_LABELS,
  STAGE_LABELS,
  STUDY_KIND_LABELS,
} from '@/domain/sheetValues'

export const ORG_STATUS_LABELS: Record<FirmOrgStatus, string> = {
  ownOrg: '单独组建',
  jointBranch: '联合组建',
  instructorOnly: '仅工作覆盖',
  none: '未覆盖',
}
