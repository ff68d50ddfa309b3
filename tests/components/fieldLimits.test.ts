import { describe, expect, it } from 'vitest'
import OrgFormCommittee from '@/components/org/OrgFormCommittee.vue'
import OrgFormTerm from '@/components/org/OrgFormTerm.vue'
import { LIMITS } from '@/domain/limits'
import type { OrgInput } from '@/domain/validation'
import { mountWithApp } from './mount'

function org(): OrgInput {
  return {
    formation: 'unit',
    villageOrCommunity: 'no',
    termNumber: 1,
    termShift: { months: 12, approvedOn: '', note: '' },
    pastTerms: [],
    name: '第一支部',
    type: 'branch',
    parentId: '',
    areaId: 'a1',
    hostFirmIds: [],
    foundedOn: '',
    dissolvedOn: '',
    committee: [],
    termStartOn: '2024-01-01',
    termYears: 3,
    note: '',
  }
}

/** The two limits that disagreed with the domain: the form now stops where the domain does. */
describe('forms take their maxlength from the domain', { timeout: 30_000 }, () => {
  it('a committee holder typed by name may be as long as the domain allows (50, was 30)', () => {
    const wrapper = mountWithApp(OrgFormCommittee, {
      props: {
        members: [],
        modelValue: [{ post: 'secretary', memberId: '', holderName: '', since: '' }],
      },
    })
    const holder = wrapper.find('.seat__holder input')
    expect(holder.attributes('maxlength')).toBe('50')
    expect(LIMITS.personName).toBe(50)
  })

  it('the term shift note may be as long as a note (2000, was 500)', () => {
    const wrapper = mountWithApp(OrgFormTerm, {
      props: { modelValue: org(), defaultYears: 3, errors: {} },
    })
    const limits = wrapper.findAll('input, textarea').map((el) => el.attributes('maxlength'))
    expect(limits).toContain('2000')
    expect(limits).not.toContain('500')
    expect(LIMITS.note).toBe(2000)
  })
})
