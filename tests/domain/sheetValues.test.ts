import { describe, expect, it } from 'vitest'
import { INDUSTRY_CLASSES } from '@/domain/industryClasses'
import { EDUCATION_LEVELS, ETHNIC_GROUPS } from '@/domain/personClasses'
import {
  acceptedWords,
  matchSheetValue,
  normalizeWord,
  SHEET_VALUE_TABLES,
  type SheetValueField,
} from '@/domain/sheetValues'

const code = (field: SheetValueField, text: string) => matchSheetValue(field, text)?.code ?? null

describe('the national names of enumerated fields', () => {
  it('reads GB/T 4754-2017 sections, divisions and classes by name and by code', () => {
    expect(code('industry', '软件和信息技术服务业')).toBe('software')
    expect(code('industry', '互联网和相关服务')).toBe('other')
    expect(code('industry', '互联网信息服务')).toBe('newsInfo')
    expect(code('industry', '互联网生活服务平台')).toBe('lifeService')
    expect(code('industry', '互联网零售')).toBe('ecommerce')
    expect(code('industry', '农林牧渔业')).toBe('other')
    expect(code('industry', 'I 信息传输、软件和信息技术服务业')).toBe('other')
    expect(code('industry', '6513')).toBe('software')
    expect(code('industry', 'I65 软件和信息技术服务业')).toBe('software')
    expect(code('industry', '应用软件开发（6513）')).toBe('software')
    expect(matchSheetValue('industry', '互联网游戏服务')).toEqual({
      code: 'onlineGame',
      source: 'national',
      ref: 'GB/T 4754-2017 6422',
    })
  })

  it('lists every section and division once, with a code of the right shape', () => {
    const sections = INDUSTRY_CLASSES.filter(([c]) => /^[A-T]$/.test(c))
    const divisions = INDUSTRY_CLASSES.filter(([c]) => /^\d{2}$/.test(c))
    expect(sections).toHaveLength(20)
    expect(divisions).toHaveLength(97)
    expect(new Set(INDUSTRY_CLASSES.map(([c]) => c)).size).toBe(INDUSTRY_CLASSES.length)
  })

  it('reads the app labels and codes, and the short forms people type', () => {
    expect(matchSheetValue('industry', '电子商务')).toEqual({
      code: 'ecommerce',
      source: 'label',
      ref: '',
    })
    expect(matchSheetValue('industry', 'newsInfo')?.source).toBe('code')
    expect(code('industry', '信息技术服务')).toBe('software')
    expect(code('industry', '网络直播')).toBeNull()
    expect(code('industry', '网络安全')).toBeNull()
  })

  it('reads GB/T 3304 ethnic groups: the region’s own apart, the rest as other', () => {
    expect(ETHNIC_GROUPS).toHaveLength(58)
    expect(code('ethnicity', '蒙古族')).toBe('mongol')
    expect(code('ethnicity', '蒙古')).toBe('mongol')
    expect(code('ethnicity', '达斡尔')).toBe('daur')
    expect(code('ethnicity', '壮族')).toBe('other')
    expect(code('ethnicity', '02')).toBe('mongol')
    expect(matchSheetValue('ethnicity', '壮族')).toEqual({
      code: 'other',
      source: 'national',
      ref: 'GB/T 3304-1991 08',
    })
    // One-character stems are not guessed for every group ('水' is no ethnicity by itself).
    expect(code('ethnicity', '水')).toBeNull()
  })

  it('reads GB/T 4658 education levels and the stages as forms write them', () => {
    expect(EDUCATION_LEVELS.every(([c]) => /^\d{2}$/.test(c))).toBe(true)
    expect(code('education', '大学本科毕业')).toBe('bachelor')
    expect(code('education', '硕士研究生毕业')).toBe('master')
    expect(code('education', '硕士')).toBe('master')
    expect(code('education', '普通高中毕业')).toBe('seniorHigh')
    expect(code('education', '中等专科毕业')).toBe('vocational')
    expect(code('education', '其他')).toBeNull()
    expect(code('stage', '正式党员')).toBe('full')
    expect(code('stage', '预备党员')).toBe('probationary')
    expect(code('stage', '入党积极分子')).toBe('activist')
    expect(code('stage', '发展对象')).toBe('candidate')
    expect(code('stage', '中共预备党员')).toBe('probationary')
    expect(code('gender', '1')).toBe('male')
    expect(code('gender', '女性')).toBe('female')
    expect(code('orgType', '党的支部委员会')).toBe('branch')
    expect(code('studyKind', '学习强国')).toBe('online')
  })

  it('folds width, spaces and the punctuation registers add or drop', () => {
    expect(normalizeWord(' 农、林、牧、渔业 ')).toBe('农林牧渔业')
    expect(normalizeWord('ＡＢ')).toBe('ab')
    expect(code('sizeClass', ' 规模以上 ')).toBe('above')
  })

  it('names the accepted words in the app order, and every table’s codes have labels', () => {
    expect(acceptedWords('industry')).toEqual([
      '新闻信息',
      '网络社交',
      '电子商务',
      '网络游戏',
      '生活服务',
      '软件和信息技术服务',
      '互联网金融',
      '其他',
    ])
    for (const table of Object.values(SHEET_VALUE_TABLES)) {
      const labels = table.labels as Record<string, string>
      for (const c of table.codes) expect(labels[c]).toBeTruthy()
      for (const synonym of table.synonyms)
        expect(table.codes as readonly string[]).toContain(synonym.code)
    }
  })
})
