import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { useConfirmDanger } from '@/composables/useConfirmDanger'
import { createAppI18n, type Locale } from '@/i18n'
import { messages } from '@/i18n/messages'

function withConfirm(locale: Locale = 'zh-CN') {
  let confirmDanger!: ReturnType<typeof useConfirmDanger>
  mount(
    defineComponent({
      setup() {
        confirmDanger = useConfirmDanger()
        return () => null
      },
    }),
    { global: { plugins: [ElementPlus, createAppI18n(locale, messages)] } },
  )
  return confirmDanger
}

/** The open box, once Element Plus has rendered it into the body. */
async function openBox(): Promise<HTMLElement> {
  for (let i = 0; i < 50; i++) {
    await flushPromises()
    const box = document.querySelector<HTMLElement>('.el-message-box')
    if (box) return box
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('no message box opened')
}

const buttons = (box: HTMLElement) =>
  [...box.querySelectorAll<HTMLButtonElement>('.el-message-box__btns button')].map((button) =>
    button.textContent?.trim(),
  )
const confirmButton = (box: HTMLElement) =>
  box.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!

afterEach(async () => {
  ElMessageBox.close()
  await flushPromises()
  document.body.innerHTML = ''
})

describe('useConfirmDanger', () => {
  it('asks with the default title and buttons, and a confirm answers true', async () => {
    const confirmDanger = withConfirm()
    const answer = confirmDanger('删除“甲公司”？')
    const box = await openBox()
    expect(box.querySelector('.el-message-box__title')?.textContent).toBe('请确认')
    expect(box.querySelector('.el-message-box__message')?.textContent).toBe('删除“甲公司”？')
    expect(buttons(box)).toEqual(['取消', '删除'])
    // The warning icon: a destructive step looks like one.
    expect(box.querySelector('.el-message-box__status.el-message-box-icon--warning')).not.toBeNull()
    confirmButton(box).click()
    await expect(answer).resolves.toBe(true)
  })

  it('answers false on cancel instead of throwing', async () => {
    const confirmDanger = withConfirm()
    const answer = confirmDanger('删除？')
    const box = await openBox()
    box.querySelector<HTMLButtonElement>('.el-message-box__btns button')!.click()
    await expect(answer).resolves.toBe(false)
  })

  it('Esc cancels; the confirm button has the focus, so Enter confirms', async () => {
    const confirmDanger = withConfirm()
    const answer = confirmDanger('删除？')
    const box = await openBox()
    await flushPromises()
    expect(document.activeElement).toBe(confirmButton(box))
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape' }))
    await expect(answer).resolves.toBe(false)
  })

  it('takes its own title, button texts and a red confirm button', async () => {
    const confirmDanger = withConfirm('en')
    const answer = confirmDanger('Empty the bin?', {
      title: 'Empty',
      confirm: 'Empty',
      cancel: 'Close',
      danger: true,
    })
    const box = await openBox()
    expect(box.querySelector('.el-message-box__title')?.textContent).toBe('Empty')
    expect(buttons(box)).toEqual(['Close', 'Empty'])
    expect(confirmButton(box).classList.contains('el-button--danger')).toBe(true)
    confirmButton(box).click()
    await expect(answer).resolves.toBe(true)
  })

  it('says the default buttons in the chosen language', async () => {
    const confirmDanger = withConfirm('en')
    const answer = confirmDanger('Delete?')
    const box = await openBox()
    expect(buttons(box)).toEqual(['Cancel', 'Delete'])
    box.querySelector<HTMLButtonElement>('.el-message-box__btns button')!.click()
    await expect(answer).resolves.toBe(false)
  })
})
