import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import JointStatusDialog from '@/components/joint/JointStatusDialog.vue'
import type { Issue } from '@/domain/types'
import { mountWithApp } from './mount'

const issue: Issue = {
  id: 'i1',
  createdAt: '',
  updatedAt: '',
  committeeId: 'c1',
  meetingIds: [],
  title: '快递进村',
  description: '',
  raisedByConstituentId: 'a',
  responsibleConstituentIds: ['b'],
  raisedOn: '2025-01-10',
  dueOn: '',
  status: 'open',
  progress: [],
  resolution: '',
  resolvedOn: '',
  declineReason: '',
}

async function open(current: Issue) {
  const wrapper = mountWithApp(JointStatusDialog, {
    props: { modelValue: false, issue: current, saving: false, serverProblems: [] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

const form = () => document.querySelector('[data-testid="status-form"]') as HTMLElement
const click = async (testid: string) => {
  ;(document.querySelector(`[data-testid="${testid}"]`) as HTMLElement).click()
  await flushPromises()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('JointStatusDialog', () => {
  it('offers what the current status allows, resolving first', async () => {
    await open(issue)
    const labels = [...form().querySelectorAll('.el-radio')].map((el) => el.textContent?.trim())
    expect(labels).toEqual(['只记录进展（状态不变）', '办理中', '已解决', '不予解决'])
    expect(form().querySelector('.el-radio.is-checked')?.textContent).toContain('已解决')
  })

  it('does not resolve without a resolution text, and marks that field', async () => {
    const wrapper = await open(issue)
    await click('status-save')
    // The message itself sits in a transition jsdom does not run (the e2e reads it).
    const items = [...form().querySelectorAll('.el-form-item')]
    const resolution = items.find((el) => el.textContent?.includes('解决情况'))
    expect(resolution?.classList.contains('is-error')).toBe(true)
    expect(wrapper.emitted('save')).toBeUndefined()
    const text = form().querySelector('textarea') as HTMLTextAreaElement
    text.value = '已协调快递企业共配'
    text.dispatchEvent(new Event('input'))
    await click('status-save')
    const [action, on, note] = (wrapper.emitted('save') as [string, string, string][])[0]!
    expect(action).toBe('resolved')
    expect(on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(note).toBe('已协调快递企业共配')
  })

  it('a resolved problem can only be taken up again', async () => {
    await open({ ...issue, status: 'resolved', resolution: '已办结', resolvedOn: '2025-02-01' })
    const labels = [...form().querySelectorAll('.el-radio')].map((el) => el.textContent?.trim())
    expect(labels).toEqual(['办理中'])
  })
})
