import { describe, expect, it } from 'vitest'
import { nextTick, reactive, shallowRef } from 'vue'
import { useErrorsUntilChanged } from '@/components/member/useErrorsUntilChanged'

describe('useErrorsUntilChanged', () => {
  function setup() {
    const errors = shallowRef<Record<string, string>>({})
    const model = reactive({ on: '2026-01-05', note: '' })
    const error = useErrorsUntilChanged(() => errors.value, {
      stepOn: () => model.on,
      stepNote: () => model.note,
    })
    return { errors, model, error }
  }

  it('shows each refusal until its own field changes', async () => {
    const { errors, model, error } = setup()
    errors.value = { stepOn: '日期不能晚于今天', stepNote: '说明太长' }
    await nextTick()
    expect(error('stepOn')).toBe('日期不能晚于今天')
    model.note = '谈话'
    await nextTick()
    expect(error('stepNote')).toBe('')
    expect(error('stepOn')).toBe('日期不能晚于今天')
    expect(error('other')).toBe('')
  })

  it('shows a changed field refused again by the next save', async () => {
    const { errors, model, error } = setup()
    errors.value = { stepOn: '日期不能晚于今天' }
    model.on = '2099-01-01'
    await nextTick()
    expect(error('stepOn')).toBe('')
    errors.value = { stepOn: '日期不能晚于今天' }
    await nextTick()
    expect(error('stepOn')).toBe('日期不能晚于今天')
  })
})
