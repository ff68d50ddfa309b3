/**
 * The words a register's cells hold for the app's enumerated fields, as data: the app's own
 * label for each code (what export writes), the national classification names, and the
 * short forms people type. Chinese whatever the UI language: they are part of the file
 * format, not of the interface. Import reads a cell through `matchSheetValue`; a word no
 * table knows goes to the import's value step, where a person decides what it means.
 */
import { INDUSTRY_CLASSES } from './industryClasses'
import { EDUCATION_LEVELS, ETHNIC_GROUPS } from './personClasses'
import {
  DUES_CATEGORIES,
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  INDUSTRIES,
  MEMBER_STAGES,
  ORG_TYPES,
  SIZE_CLASSES,
  STUDY_KINDS,
  type DuesCategory,
  type Education,
  type Ethnicity,
  type Gender,
  type Industry,
  type MemberStage,
  type OrgType,
  type SizeClass,
  type StudyKind,
} from './types'

/** How a word was recognised: the app's code or label, a national table, a common short form. */
export type ValueSource = 'code' | 'label' | 'national' | 'synonym'

export interface ValueSynonym<T extends string> {
  word: string
  code: T
  /** The national entry it comes from ('GB/T 4754-2017 6432'); '' for a short form. */
  ref: string
}

export interface ValueTable<T extends string> {
  codes: readonly T[]
  labels: Readonly<Record<T, string>>
  synonyms: readonly ValueSynonym<T>[]
}

export interface ValueMatch<T extends string = string> {
  code: T
  source: ValueSource
  ref: string
}

function words<T extends string>(
  entries: Readonly<Record<string, T>>,
  ref = '',
): ValueSynonym<T>[] {
  return Object.entries(entries).map(([word, code]) => ({ word, code, ref }))
}

/** The department's internet-firm categories (the 2018 report's breakdown) and GB/T 4754-2017. */
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

const INDUSTRY_TABLE: ValueTable<Industry> = {
  codes: INDUSTRIES,
  labels: INDUSTRY_LABELS,
  synonyms: [
    // GB/T 4754-2017 国民经济行业分类: by name and by code.
    ...INDUSTRY_CLASSES.flatMap(([code, name, industry]) => [
      { word: name, code: industry, ref: `GB/T 4754-2017 ${code}` },
      { word: code, code: industry, ref: `GB/T 4754-2017 ${code}` },
    ]),
    ...words<Industry>({
      软件信息: 'software',
      信息技术服务: 'software',
      信息技术服务业: 'software',
      软件开发和信息技术服务: 'software',
      新闻: 'newsInfo',
      网络新闻: 'newsInfo',
      互联网新闻: 'newsInfo',
      社交: 'socialNetwork',
      社交网络: 'socialNetwork',
      电商: 'ecommerce',
      电子商务服务: 'ecommerce',
      游戏: 'onlineGame',
      金融: 'onlineFinance',
      网络金融: 'onlineFinance',
      本地生活: 'lifeService',
      互联网生活服务: 'lifeService',
    }),
  ],
}

/** 规模以上 as 统计上大中小微型企业划分办法 uses it: a firm is above designated size or not. */
export const SIZE_LABELS: Record<SizeClass, string> = { above: '规模以上', below: '规模以下' }

const SIZE_TABLE: ValueTable<SizeClass> = {
  codes: SIZE_CLASSES,
  labels: SIZE_LABELS,
  synonyms: words<SizeClass>({
    是: 'above',
    否: 'below',
    规上: 'above',
    规下: 'below',
    规模以上企业: 'above',
    规模以下企业: 'below',
    yes: 'above',
    no: 'below',
  }),
}

/** 中国共产党章程 第五章 and 支部工作条例: the kinds of grassroots organisation. */
export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  baseCommittee: '基层党委',
  generalBranch: '党总支',
  branch: '党支部',
  jointBranch: '联合党支部',
  jointCommittee: '联合党委',
  temporaryBranch: '临时党支部',
}

const ORG_TYPE_TABLE: ValueTable<OrgType> = {
  codes: ORG_TYPES,
  labels: ORG_TYPE_LABELS,
  synonyms: words<OrgType>({
    党委: 'baseCommittee',
    基层委员会: 'baseCommittee',
    党的基层委员会: 'baseCommittee',
    总支: 'generalBranch',
    党总支部: 'generalBranch',
    党的总支部委员会: 'generalBranch',
    支部: 'branch',
    党的支部委员会: 'branch',
    联合支部: 'jointBranch',
    临时支部: 'temporaryBranch',
  }),
}

/** GB/T 2261.1-2003 人的性别代码: 1 男, 2 女. */
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' }

const GENDER_TABLE: ValueTable<Gender> = {
  codes: GENDERS,
  labels: GENDER_LABELS,
  synonyms: [
    ...words<Gender>({ 1: 'male', 2: 'female' }, 'GB/T 2261.1-2003'),
    ...words<Gender>({ 男性: 'male', 女性: 'female' }),
  ],
}

export const ETHNICITY_LABELS: Record<Ethnicity, string> = {
  han: '汉族',
  mongol: '蒙古族',
  hui: '回族',
  manchu: '满族',
  daur: '达斡尔族',
  ewenki: '鄂温克族',
  oroqen: '鄂伦春族',
  korean: '朝鲜族',
  other: '其他',
}

const ETHNICITY_TABLE: ValueTable<Ethnicity> = {
  codes: ETHNICITIES,
  labels: ETHNICITY_LABELS,
  synonyms: ETHNIC_GROUPS.flatMap(([code, name, ethnicity]) => {
    const ref = `GB/T 3304-1991 ${code}`
    const entries = [
      { word: name, code: ethnicity, ref },
      { word: code, code: ethnicity, ref },
    ]
    // '蒙古', '达斡尔' as people write them; one-character stems (水, 土, 京) only for the
    // groups everyone writes that way here.
    const stem = name.endsWith('族') ? name.slice(0, -1) : ''
    if (stem.length >= 2 || ['汉', '蒙', '回', '满', '藏', '壮'].includes(stem)) {
      entries.push({ word: stem, code: ethnicity, ref })
    }
    return entries
  }).concat(words<Ethnicity>({ 蒙: 'mongol' })),
}

/** The app's levels; GB/T 4658-2006 学历代码 names map onto them. */
export const EDUCATION_LABELS: Record<Education, string> = {
  primary: '小学',
  juniorHigh: '初中',
  seniorHigh: '高中',
  vocational: '中专',
  associate: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
}

const EDUCATION_TABLE: ValueTable<Education> = {
  codes: EDUCATIONS,
  labels: EDUCATION_LABELS,
  synonyms: [
    ...EDUCATION_LEVELS.flatMap(([code, name, education]) => [
      { word: name, code: education, ref: `GB/T 4658-2006 ${code}` },
      { word: code, code: education, ref: `GB/T 4658-2006 ${code}` },
    ]),
    ...words<Education>({
      大学本科: 'bachelor',
      大学: 'bachelor',
      学士: 'bachelor',
      大学专科: 'associate',
      专科: 'associate',
      高职: 'associate',
      中等专科: 'vocational',
      中职: 'vocational',
      中技: 'vocational',
      技校: 'vocational',
      职高: 'vocational',
      普通高中: 'seniorHigh',
      高级中学: 'seniorHigh',
      初级中学: 'juniorHigh',
      硕士: 'master',
      研究生: 'master',
      博士: 'doctorate',
    }),
  ],
}

/** The stages as 发展党员工作细则 and the forms write them. */
export const STAGE_LABELS: Record<MemberStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
}

const STAGE_TABLE: ValueTable<MemberStage> = {
  codes: MEMBER_STAGES,
  labels: STAGE_LABELS,
  synonyms: words<MemberStage>({
    中共党员: 'full',
    党员: 'full',
    正式: 'full',
    中共预备党员: 'probationary',
    预备: 'probationary',
    积极分子: 'activist',
    申请人: 'applicant',
    申请入党: 'applicant',
  }),
}

/** Study kinds as branches write them (党员教育管理工作条例 2019: 集中培训, 集体学习, 自学). */
export const STUDY_KIND_LABELS: Record<StudyKind, string> = {
  collective: '集中学习',
  lesson: '党课',
  training: '专题培训',
  self: '自学',
  online: '线上学习',
  other: '其他',
}

const STUDY_KIND_TABLE: ValueTable<StudyKind> = {
  codes: STUDY_KINDS,
  labels: STUDY_KIND_LABELS,
  synonyms: words<StudyKind>({
    集体学习: 'collective',
    培训: 'training',
    集中培训: 'training',
    个人自学: 'self',
    网络学习: 'online',
    网络培训: 'online',
    学习强国: 'online',
  }),
}

/** 党费 categories as the dues register writes them (2008 规定 一、党费的收缴). */
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  employed: '在职',
  retired: '离退休',
  student: '学生',
  unemployed: '下岗失业',
  hardship: '生活困难',
  farmer: '农牧民',
}

const DUES_CATEGORY_TABLE: ValueTable<DuesCategory> = {
  codes: DUES_CATEGORIES,
  labels: DUES_CATEGORY_LABELS,
  synonyms: words<DuesCategory>({
    在职职工: 'employed',
    在职党员: 'employed',
    职工: 'employed',
    退休: 'retired',
    离休: 'retired',
    离退休人员: 'retired',
    在校学生: 'student',
    下岗: 'unemployed',
    失业: 'unemployed',
    低保: 'hardship',
    最低生活保障: 'hardship',
    农民: 'farmer',
    牧民: 'farmer',
    // The English register's own words (the codes read as they are).
    'On basic allowance': 'hardship',
    'Farmer or herder': 'farmer',
  }),
}

export const SHEET_VALUE_TABLES = {
  industry: INDUSTRY_TABLE,
  sizeClass: SIZE_TABLE,
  orgType: ORG_TYPE_TABLE,
  gender: GENDER_TABLE,
  ethnicity: ETHNICITY_TABLE,
  education: EDUCATION_TABLE,
  stage: STAGE_TABLE,
  studyKind: STUDY_KIND_TABLE,
  duesCategory: DUES_CATEGORY_TABLE,
} as const

export type SheetValueField = keyof typeof SHEET_VALUE_TABLES

/**
 * A cell's word as compared: NFKC (full-width letters and digits folded), no whitespace,
 * no punctuation that registers add or drop ('农、林、牧、渔业' = '农林牧渔业'), lower case.
 */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s、，,;；·•.。:：_\-—–/\\|'"“”‘’*]/g, '')
    .toLowerCase()
}

/** The same word without bracketed notes ('软件开发（6511）') or a leading class code. */
function strippedWord(text: string): string {
  const noBrackets = text.normalize('NFKC').replace(/\(.*?\)|\[.*?\]|【.*?】|〔.*?〕/g, '')
  const noCode = noBrackets.replace(
    /^\s*[A-Ta-t]?\d{0,4}\s*[-—.、:：\s]?\s*(?=\p{Script=Han})/u,
    '',
  )
  return normalizeWord(noCode)
}

export type ValueIndex<T extends string = string> = ReadonlyMap<string, ValueMatch<T>>

const indexes = new Map<SheetValueField, ValueIndex>()

/** Every word of a field's table → its code; built once per field. */
export function valueIndex<F extends SheetValueField>(field: F): ValueIndex {
  const cached = indexes.get(field)
  if (cached) return cached
  const table = SHEET_VALUE_TABLES[field] as ValueTable<string>
  const index = new Map<string, ValueMatch>()
  const add = (word: string, match: ValueMatch) => {
    const key = normalizeWord(word)
    if (key !== '' && !index.has(key)) index.set(key, match)
  }
  for (const code of table.codes)
    add(table.labels[code] ?? code, { code, source: 'label', ref: '' })
  for (const code of table.codes) add(code, { code, source: 'code', ref: '' })
  for (const synonym of table.synonyms) {
    add(synonym.word, {
      code: synonym.code,
      source: synonym.ref === '' ? 'synonym' : 'national',
      ref: synonym.ref,
    })
  }
  indexes.set(field, index)
  return index
}

/** The code a cell's word stands for, by the tables alone; null when no table knows it. */
export function matchSheetValue(field: SheetValueField, text: string): ValueMatch | null {
  const index = valueIndex(field)
  return index.get(normalizeWord(text)) ?? index.get(strippedWord(text)) ?? null
}

/** The words a refusal names as accepted: the app's label of every code, in its order. */
export function acceptedWords(field: SheetValueField): string[] {
  const table = SHEET_VALUE_TABLES[field] as ValueTable<string>
  return table.codes.map((code) => table.labels[code] ?? code)
}

/** The app codes of a field, for the value step's choices. */
export function valueCodes(field: SheetValueField): readonly string[] {
  return (SHEET_VALUE_TABLES[field] as ValueTable<string>).codes
}

/** The app's label of a code, what export writes. */
export function valueLabel(field: SheetValueField, code: string): string {
  const table = SHEET_VALUE_TABLES[field] as ValueTable<string>
  return table.labels[code] ?? code
}
