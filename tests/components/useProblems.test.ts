import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import {
  entityLabels,
  headOf,
  lastOf,
  useProblems,
  type LabelKeys,
} from '@/composables/useProblems'
import type { FieldProblem } from '@/domain/validation'
import { mountWithApp } from './mount'

/** Run useProblems inside a component, where vue-i18n is installed. */
function problemsWith(labelOf: LabelKeys, itemOf?: (field: string) => string) {
  let api: ReturnType<typeof useProblems> | undefined
  mountWithApp(
    defineComponent({
      setup() {
        api = useProblems(labelOf, { itemOf })
        return () => h('div')
      },
    }),
  )
  if (!api) throw new Error('not set up')
  return api
}

describe('useProblems', () => {
  it('names the field by the first label key that exists', () => {
    const { message } = problemsWith((field) => [`nowhere.${field}`, `fields.firm.${field}`])
    expect(message({ field: 'name', code: 'required' })).toBe('请填写企业名称')
  })

  it('names the other date of an order problem by its label too', () => {
    const { message } = problemsWith(entityLabels('firm'))
    const problem: FieldProblem = {
      field: 'closedOn',
      code: 'dateOrder',
      params: { after: 'registeredOn' },
    }
    const text = message(problem)
    expect(text).not.toContain('registeredOn')
    expect(text).not.toContain('closedOn')
    expect(text).toMatch(/^.+不能早于.+$/)
  })

  it('falls back to the field as written when no label exists', () => {
    const { fieldLabel } = problemsWith((field) => `nowhere.${field}`)
    expect(fieldLabel('mystery')).toBe('mystery')
  })

  it('keeps the first message of each form item, under the item itemOf names', () => {
    const { byField } = problemsWith((field) => `joint.fields.issue.${headOf(field)}`, headOf)
    const errors = byField([
      { field: 'responsibleConstituentIds.1', code: 'required' },
      { field: 'responsibleConstituentIds.2', code: 'invalidDate' },
      { field: 'title', code: 'required' },
    ])
    expect(Object.keys(errors).sort()).toEqual(['responsibleConstituentIds', 'title'])
    expect(errors.responsibleConstituentIds).toMatch(/^请填写/)
  })

  it('reads field paths: head and last named part', () => {
    expect(headOf('grades.0.memberId')).toBe('grades')
    expect(lastOf('development.introducerIds.1')).toBe('introducerIds')
  })
})
