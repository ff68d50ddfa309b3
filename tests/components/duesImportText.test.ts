import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { useProblemText } from '@/composables/useFirmImport'
import type { RowProblem } from '@/services/spreadsheet'
import { mountWithApp } from './mount'

/** Every message of the dues sheet's check, in both languages, naming its column. */
const PROBLEMS: RowProblem[] = [
  { row: 3, field: 'name', code: 'notFound', params: { value: '无此人' } },
  { row: 4, field: 'name', code: 'namesake', params: { value: '张伟' } },
  { row: 4, field: 'orgName', code: 'orgNamesake', params: { value: '一支部' } },
  { row: 5, field: 'month', code: 'futureMonth', params: { value: '2026-12' } },
  {
    row: 6,
    field: 'month',
    code: 'beforeDuesStart',
    params: { value: '2026-05', start: '2026-06' },
  },
  { row: 7, field: 'month', code: 'noDuesStart', params: { value: '赵敏' } },
  { row: 8, field: 'base', code: 'notAmount', params: { value: 'abc' } },
  { row: 9, field: 'base', code: 'negativeAmount', params: { value: '-5' } },
  { row: 10, field: 'month', code: 'duplicate', params: { row: 2 } },
  { row: 11, field: 'orgName', code: 'temporaryNoDues', params: { value: '临时支部' } },
  { row: 12, field: 'idNumber', code: 'outOfScope', params: { value: '钱进' } },
  { row: 13, field: 'base', code: 'noBase', params: { value: '李强' } },
  { row: 14, field: 'month', code: 'invalidMonth', params: { value: '2026.13' } },
  { row: 15, field: 'paid', code: 'paidDiffers', params: { value: '20.00', due: '15.00' } },
  { row: 16, field: 'due', code: 'dueDiffers', params: { value: '16.00', due: '15.00' } },
]

function texts(locale: 'zh-CN' | 'en'): string[] {
  const Probe = defineComponent({
    setup() {
      const { problemText } = useProblemText(ref('dues'))
      return () =>
        h(
          'ul',
          PROBLEMS.map((problem) => h('li', problemText(problem))),
        )
    },
  })
  const wrapper = mountWithApp(Probe, {}, locale)
  return wrapper.findAll('li').map((li) => li.text())
}

describe('the dues sheet messages', () => {
  it('say what is wrong in Chinese, naming the column and the value', () => {
    const zh = texts('zh-CN')
    expect(zh).toEqual([
      '姓名中的“无此人”不存在',
      '本组织有多名党员叫“张伟”，请在身份证号列写出身份证号（完整的或导出时打码的）',
      '有多个党组织叫“一支部”，请写出党员的身份证号',
      '月份“2026-12”还没有到，不能登记交纳',
      '月份“2026-05”早于这名党员开始交纳党费的月份（2026-06，预备党员自支部大会通过之月起）',
      expect.stringContaining('党员“赵敏”没有支部大会通过或转正日期'),
      '交纳基数中的“abc”不是金额，请写数字，如 3500 或 3,500.00',
      '交纳基数不能为负数（-5）',
      '月份与第 2 行重复',
      '“临时支部”是临时党支部，不收缴党费（党员在原党支部交纳）',
      '党员“钱进”不在你管理的党组织内，不能导入',
      '党员“李强”还没有交纳基数，这一行需要填写交纳基数',
      expect.stringContaining('月份中的“2026.13”不是能识别的月份'),
      '实交 20.00 元与本月应交 15.00 元不同（按基数、比例和减免计算）',
      expect.stringContaining('表中应交为 16.00 元，按基数和比例计算为 15.00 元'),
    ])
  })

  it('and in English, with no message key left untranslated', () => {
    const en = texts('en')
    expect(en[3]).toBe('Month 2026-12 has not come yet: no payment can be recorded for it')
    expect(en[10]).toBe('Member “钱进” is outside the organisations you manage: not imported')
    expect(en[13]).toBe(
      'Paid 20.00 yuan differs from the month’s due 15.00 yuan (by base, rate and reduction)',
    )
    expect(en[1]).toBe(
      'Several members of the organisation are called “张伟”: give the ID number (whole, or masked as the export writes it)',
    )
    // The sheet's own words are quoted (and 2026年3月 is a form it may use); nothing else is left in Chinese or as a key.
    for (const text of en)
      expect(text.replace(/“[^”]*”|2026年3月/g, '')).not.toMatch(
        /import\.|validation\.|[\u4e00-\u9fff]/,
      )
  })
})
