import {
  INDUSTRIES,
  ORG_TYPES,
  type FirmOrgStatus,
  type Industry,
  type OrgType,
  type SizeClass,
} from '@/domain/types'
import { normalizeHeader } from './columns'

/**
 * The Chinese words a sheet holds for coded fields. They are part of the file format (the
 * department's registers are in Chinese whatever the UI language), so they live here and
 * not in i18n; import also accepts the codes themselves.
 */
export const INDUSTRY_LABELS: Record<Industry, string> = {
  newsInfo: '新闻信息',
  socialNetwork: '网络社交',
  ecommerce: '电子商务',
  onlineGame: '网络游戏',
  lifeService: '生活服务',
  software: '软件和信息技术服务',
  onlineFinance: '互联网金融',
  other: '其他',
}

export const SIZE_LABELS: Record<SizeClass, string> = { above: '规模以上', below: '规模以下' }

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  baseCommittee: '基层党委',
  generalBranch: '党总支',
  branch: '党支部',
  jointBranch: '联合党支部',
  jointCommittee: '联合党委',
  temporaryBranch: '临时党支部',
}

export const ORG_STATUS_LABELS: Record<FirmOrgStatus, string> = {
  ownOrg: '单独组建',
  jointBranch: '联合组建',
  instructorOnly: '仅工作覆盖',
  none: '未覆盖',
}

function lookup<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>,
  extra: Record<string, T> = {},
): Map<string, T> {
  const map = new Map<string, T>()
  for (const code of codes) {
    map.set(normalizeHeader(code), code)
    map.set(normalizeHeader(labels[code]), code)
  }
  for (const [word, code] of Object.entries(extra)) map.set(normalizeHeader(word), code)
  return map
}

const INDUSTRY_BY_WORD = lookup(INDUSTRIES, INDUSTRY_LABELS, {
  软件和信息技术服务业: 'software',
  软件信息: 'software',
  新闻: 'newsInfo',
  社交: 'socialNetwork',
  电商: 'ecommerce',
  游戏: 'onlineGame',
  金融: 'onlineFinance',
})

const SIZE_BY_WORD = lookup(['above', 'below'] as const, SIZE_LABELS, {
  是: 'above',
  否: 'below',
  规上: 'above',
  规下: 'below',
  yes: 'above',
  no: 'below',
})

const ORG_TYPE_BY_WORD = lookup(ORG_TYPES, ORG_TYPE_LABELS, {
  党委: 'baseCommittee',
  支部: 'branch',
  总支: 'generalBranch',
  联合支部: 'jointBranch',
  临时支部: 'temporaryBranch',
})

/** The code for a word of the sheet, or the text itself so validation reports 'oneOf'. */
function codeOf<T extends string>(map: Map<string, T>, text: string, empty: T): T | string {
  if (text === '') return empty
  return map.get(normalizeHeader(text)) ?? text
}

/** An empty industry cell means 'other': older registers often leave it out. */
export function industryOf(text: string): Industry | string {
  return codeOf(INDUSTRY_BY_WORD, text, 'other')
}

/** An empty size cell means 'below': 规模以上 is a status a firm must be registered for. */
export function sizeClassOf(text: string): SizeClass | string {
  return codeOf(SIZE_BY_WORD, text, 'below')
}

/** undefined for an empty cell, so validation reports 'required' rather than 'oneOf'. */
export function orgTypeOf(text: string): OrgType | string | undefined {
  return text === '' ? undefined : codeOf(ORG_TYPE_BY_WORD, text, 'branch')
}
