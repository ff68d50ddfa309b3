import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref, shallowRef, type Ref } from 'vue'
import { useEditDialog, type EditDialog, type Writer } from '@/composables/useEditDialog'
import type { WriteOptions } from '@/composables/useWrite'
import type { FieldProblem } from '@/domain/validation'
import { mountWithApp } from './mount'

interface Thing {
  id: string
  name: string
}

/** A writer that runs the work, or (when told) refuses it as stale with a fresh record. */
function fakeWriter() {
  const stale = { fresh: null as Thing | null }
  const writer: Writer = {
    saving: ref(false),
    problems: shallowRef<FieldProblem[]>([]),
    async run<T>(work: () => Promise<T>, options?: WriteOptions): Promise<T | null> {
      if (stale.fresh) {
        options?.reload?.({ ...stale.fresh })
        return null
      }
      return work()
    },
  }
  return { writer, stale }
}

function setup(messages?: { saved: string; created?: string }, open?: Ref<boolean>) {
  const { writer, stale } = fakeWriter()
  let form: EditDialog<Thing, void> | undefined
  mountWithApp(
    defineComponent({
      setup() {
        form = useEditDialog<Thing>({ write: writer, messages, open })
        return () => h('div')
      },
    }),
    { attachTo: document.body },
  )
  if (!form) throw new Error('not set up')
  return { form, writer, stale }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('useEditDialog', () => {
  it('opens on a new record or on one to change, clearing the last problems', () => {
    const { form, writer } = setup()
    writer.problems.value = [{ field: 'name', code: 'required' }]
    form.startCreate()
    expect(form.open.value).toBe(true)
    expect(form.editing.value).toBeNull()
    expect(writer.problems.value).toEqual([])

    writer.problems.value = [{ field: 'name', code: 'required' }]
    form.startEdit({ id: 'a', name: 'A' })
    expect(form.editing.value).toEqual({ id: 'a', name: 'A' })
    expect(writer.problems.value).toEqual([])
  })

  it('saves with the record being edited and closes once written', async () => {
    const { form } = setup()
    form.startEdit({ id: 'a', name: 'A' })
    const seen: (Thing | null)[] = []
    const saved = await form.save(async (current) => {
      seen.push(current)
      return { id: 'a', name: 'B' }
    })
    expect(seen).toEqual([{ id: 'a', name: 'A' }])
    expect(saved).toEqual({ id: 'a', name: 'B' })
    expect(form.open.value).toBe(false)
  })

  it('stays open when the write did not happen', async () => {
    const { form } = setup()
    form.startCreate()
    expect(await form.save(async () => null)).toBeNull()
    expect(form.open.value).toBe(true)
  })

  it('reopens the form on the fresh record when the save was stale', async () => {
    const { form, stale } = setup()
    form.startEdit({ id: 'a', name: 'A' })
    stale.fresh = { id: 'a', name: 'changed elsewhere' }
    await form.save(async () => ({ id: 'a', name: 'B' }))
    await flushPromises()
    expect(form.editing.value).toEqual({ id: 'a', name: 'changed elsewhere' })
    expect(form.open.value).toBe(true)
  })

  it('says a new record and a changed one with their own messages', async () => {
    const { form } = setup({ created: 'firm.created', saved: 'firm.saved' })
    form.startCreate()
    await form.save(async () => ({ id: 'n', name: 'N' }))
    await flushPromises()
    const created = document.body.querySelector('.el-message')?.textContent ?? ''
    form.startEdit({ id: 'n', name: 'N' })
    await form.save(async () => ({ id: 'n', name: 'M' }))
    await flushPromises()
    const messages = [...document.body.querySelectorAll('.el-message')].map((m) => m.textContent)
    expect(created).not.toBe('')
    expect(messages).toHaveLength(2)
    expect(messages[1]).not.toBe(created)
  })

  it('opens and closes the open state it is given (a dialog kept in the address)', async () => {
    const open = ref(false)
    const { form } = setup(undefined, open)
    form.startCreate()
    expect(open.value).toBe(true)
    await form.save(async () => ({ id: 'n', name: 'N' }))
    expect(open.value).toBe(false)
    expect(form.open).toBe(open)
  })
})
