import { describe, expect, it } from 'vitest'
import { LIMITS } from '@/domain/limits'
import {
  validateArea,
  validateConstituent,
  validateFirm,
  validateIssue,
  validateJointMeeting,
  validateMeeting,
  validateStoredMeeting,
  validateMember,
  validateOrg,
  validateStudyRecord,
  type AreaInput,
  type ConstituentInput,
  type FieldProblem,
  type FirmInput,
  type IssueInput,
  type JointMeetingInput,
  type MeetingInput,
  type MemberInput,
  type OrgInput,
  type StudyRecordInput,
  type ValidationResult,
} from '@/domain/validation'

function problemsOf<T>(result: ValidationResult<T>): FieldProblem[] {
  return result.ok ? [] : result.problems
}

/** The single problem of a result, as 'field:code', for compact tables. */
function codes<T>(result: ValidationResult<T>): string[] {
  return problemsOf(result).map((problem) => `${problem.field}:${problem.code}`)
}

function valueOf<T>(result: ValidationResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`)
  return result.value
}

// ─── Firm ───────────────────────────────────────────────────────────────────

function firmInput(partial: Record<string, unknown> = {}): FirmInput & Record<string, unknown> {
  return {
    name: '包头市某互联网科技有限公司',
    creditCode: '91350100M000100Y43',
    areaId: 'area-1',
    industry: 'ecommerce',
    sizeClass: 'below',
    employees: 42,
    registeredOn: '2015-03-01',
    closedOn: '',
    instructor: '',
    liaison: '',
    address: '',
    note: '',
    ...partial,
  }
}

describe('validateFirm', () => {
  it('accepts a complete firm, trims it, upper-cases the code and drops unknown keys', () => {
    const value = valueOf(
      validateFirm(
        firmInput({
          name: '  某公司  ',
          creditCode: ' 91110000600037341l ',
          id: 'x',
          areaPath: '/a/',
        }),
      ),
    )
    expect(value.name).toBe('某公司')
    expect(value.creditCode).toBe('91110000600037341L')
    expect('id' in value).toBe(false)
    expect('areaPath' in value).toBe(false)
  })

  it.each([
    [{ name: '' }, ['name:required']],
    [{ name: '   ' }, ['name:required']],
    [{ name: '名'.repeat(LIMITS.name + 1) }, ['name:tooLong']],
    [{ name: '名'.repeat(LIMITS.name) }, []],
    [{ creditCode: '' }, ['creditCode:required']],
    [{ creditCode: '91350100M000100Y44' }, ['creditCode:checkDigit']],
    [{ creditCode: '91350100M000100I43' }, ['creditCode:charset']],
    [{ creditCode: '91350100M000100Y4' }, ['creditCode:length']],
    [{ employees: -1 }, ['employees:min']],
    [{ employees: 2.5 }, ['employees:integer']],
    [{ employees: '12' }, ['employees:type']],
    [{ employees: null }, ['employees:required']],
    [{ employees: 0 }, []],
    [{ industry: 'mining' }, ['industry:oneOf']],
    [{ sizeClass: undefined }, ['sizeClass:required']],
    [{ areaId: '' }, ['areaId:required']],
    [{ registeredOn: '2023-02-29' }, ['registeredOn:invalidDate']],
    [{ registeredOn: '2024-02-29' }, []],
    [{ registeredOn: '' }, []],
    [{ closedOn: '2015-02-28' }, ['closedOn:dateOrder']],
    [{ closedOn: '2015-03-01' }, []],
    [{ closedOn: '2020-12-31' }, []],
  ])('%o → %o', (partial, expected) => {
    expect(codes(validateFirm(firmInput(partial)))).toEqual(expected)
  })

  it('gives the limit and the other field as params', () => {
    expect(problemsOf(validateFirm(firmInput({ name: 'x'.repeat(101) })))).toEqual([
      { field: 'name', code: 'tooLong', params: { max: LIMITS.name } },
    ])
    expect(problemsOf(validateFirm(firmInput({ closedOn: '2010-01-01' })))).toEqual([
      { field: 'closedOn', code: 'dateOrder', params: { after: 'registeredOn' } },
    ])
  })

  it('reports every bad field at once', () => {
    expect(codes(validateFirm(firmInput({ name: '', employees: -3, closedOn: 'soon' })))).toEqual([
      'name:required',
      'employees:min',
      'closedOn:invalidDate',
    ])
  })

  it('refuses something that is not an object', () => {
    expect(validateFirm(null).ok).toBe(false)
    expect(validateFirm('firm').ok).toBe(false)
  })
})

// ─── Member ─────────────────────────────────────────────────────────────────

function memberInput(partial: Partial<MemberInput> = {}): MemberInput {
  return {
    orgId: 'org-1',
    firmId: '',
    partyGroupId: '',
    name: '张三',
    gender: 'female',
    ethnicity: 'mongol',
    birthDate: '1949-12-31',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    education: 'bachelor',
    jobTitle: '',
    stage: 'full',
    development: {
      appliedOn: '1970-03-01',
      talkedOn: '1970-03-15',
      activistOn: '1970-06-01',
      candidateOn: '1971-07-01',
      trainingDays: 3,
      trainingHours: 24,
      introducerIds: ['m-a', 'm-b'],
      contactNames: [],
      branchVoteOn: '1971-09-01',
      approvedOn: '1971-10-15',
      extendedUntil: '',
      fullOn: '1972-09-01',
    },
    fullMemberOn: '1972-09-01',
    status: 'normal',
    statusSince: '',
    statusNote: '',
    appraisals: [{ year: 2023, grade: 'excellent' }],
    ...partial,
  }
}

function development(partial: Partial<MemberInput['development']>): Partial<MemberInput> {
  return { development: { ...memberInput().development, ...partial } }
}

describe('validateMember', () => {
  it('accepts a complete member', () => {
    expect(validateMember(memberInput()).ok).toBe(true)
  })

  it.each<[string, Partial<MemberInput>, string[]]>([
    ['no ID number', { idNumber: '' }, []],
    ['lower-case x', { idNumber: '11010519491231002x' }, []],
    [
      'a male ID for a man',
      {
        idNumber: '440524188001010014',
        birthDate: '1880-01-01',
        gender: 'male',
        development: memberInput().development,
      },
      [],
    ],
    ['wrong check digit', { idNumber: '110105194912310021' }, ['idNumber:checkDigit']],
    ['17 characters', { idNumber: '11010519491231002' }, ['idNumber:length']],
    ['a letter inside', { idNumber: '1101051949A231002X' }, ['idNumber:format']],
    ['an impossible birth date', { idNumber: '110105194902300023' }, ['idNumber:idBirthDate']],
    ['another birth date', { birthDate: '1949-12-30' }, ['idNumber:idBirthDateMismatch']],
    ['another gender', { gender: 'male' }, ['idNumber:idGenderMismatch']],
    [
      'both disagreeing',
      { birthDate: '1950-01-01', gender: 'male' },
      ['idNumber:idBirthDateMismatch', 'idNumber:idGenderMismatch'],
    ],
    ['no phone', { phone: '' }, []],
    ['a phone with spaces', { phone: '138 1234-5678' }, []],
    ['a landline', { phone: '0472-1234567' }, ['phone:phone']],
    ['10 digits', { phone: '1381234567' }, ['phone:phone']],
    ['12 digits', { phone: '138123456789' }, ['phone:phone']],
    ['a mobile not starting with 1', { phone: '23812345678' }, ['phone:phone']],
    ['no name', { name: ' ' }, ['name:required']],
    ['no org', { orgId: '' }, ['orgId:required']],
    ['an unknown stage', { stage: 'veteran' as MemberInput['stage'] }, ['stage:oneOf']],
    [
      'a bad nested date',
      development({ appliedOn: '1970-02-30' }),
      ['development.appliedOn:invalidDate'],
    ],
    [
      'a talk before the application',
      development({ talkedOn: '1970-02-01' }),
      ['development.talkedOn:dateOrder'],
    ],
    [
      'a vote before candidacy',
      development({ branchVoteOn: '1971-06-30' }),
      ['development.branchVoteOn:dateOrder'],
    ],
    [
      'approval before the vote',
      development({ approvedOn: '1971-08-01' }),
      ['development.approvedOn:dateOrder'],
    ],
    ['negative training', development({ trainingHours: -1 }), ['development.trainingHours:min']],
    [
      'the same introducer twice',
      development({ introducerIds: ['m-a', 'm-a'] }),
      ['development.introducerIds.1:duplicate'],
    ],
    [
      'applied before birth',
      development({ appliedOn: '1940-01-01' }),
      ['development.appliedOn:dateOrder'],
    ],
    [
      'two appraisals of one year',
      {
        appraisals: [
          { year: 2023, grade: 'qualified' },
          { year: 2023, grade: 'excellent' },
        ],
      },
      ['appraisals.1.year:duplicate'],
    ],
    [
      'an appraisal before 1921',
      { appraisals: [{ year: 1920, grade: 'qualified' }] },
      ['appraisals.0.year:min'],
    ],
    [
      'an unknown grade',
      { appraisals: [{ year: 2023, grade: 'good' as 'excellent' }] },
      ['appraisals.0.grade:oneOf'],
    ],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateMember(memberInput(partial)))).toEqual(expected)
  })

  it('names the birth date coded in the ID number', () => {
    expect(problemsOf(validateMember(memberInput({ birthDate: '1950-01-01' })))).toEqual([
      { field: 'idNumber', code: 'idBirthDateMismatch', params: { birthDate: '1949-12-31' } },
    ])
  })

  it('normalises the ID number and phone, and fills an empty birth date from the ID', () => {
    const value = valueOf(
      validateMember(
        memberInput({ idNumber: ' 11010519491231002x', birthDate: '', phone: '138-1234-5678' }),
      ),
    )
    expect(value.idNumber).toBe('11010519491231002X')
    expect(value.birthDate).toBe('1949-12-31')
    expect(value.phone).toBe('13812345678')
  })
})

// ─── Org ────────────────────────────────────────────────────────────────────

function orgInput(partial: Partial<OrgInput> = {}): OrgInput {
  return {
    name: '某公司党支部',
    type: 'branch',
    parentId: '',
    areaId: 'area-1',
    hostFirmIds: ['firm-1'],
    foundedOn: '2018-05-01',
    dissolvedOn: '',
    committee: [{ post: 'secretary', memberId: '', holderName: '李书记', since: '2021-07-01' }],
    termStartOn: '2021-07-01',
    termYears: 0,
    note: '',
    ...partial,
  }
}

describe('validateOrg', () => {
  it.each<[string, Partial<OrgInput>, string[]]>([
    ['a complete org', {}, []],
    ['dissolved before founded', { dissolvedOn: '2018-04-30' }, ['dissolvedOn:dateOrder']],
    ['dissolved the day it was founded', { dissolvedOn: '2018-05-01' }, []],
    ['an unknown type', { type: 'cell' as OrgInput['type'] }, ['type:oneOf']],
    ['a fractional term', { termYears: 2.5 }, ['termYears:integer']],
    ['a term over the limit', { termYears: LIMITS.termYearsMax + 1 }, ['termYears:max']],
    ['a firm named twice', { hostFirmIds: ['firm-1', 'firm-1'] }, ['hostFirmIds.1:duplicate']],
    ['an empty firm id', { hostFirmIds: [''] }, ['hostFirmIds.0:required']],
    [
      'a seat with nobody',
      { committee: [{ post: 'publicity', memberId: '', holderName: ' ', since: '' }] },
      ['committee.0.holderName:required'],
    ],
    [
      'two secretaries',
      {
        committee: [
          { post: 'secretary', memberId: 'm1', holderName: '', since: '' },
          { post: 'secretary', memberId: 'm2', holderName: '', since: '' },
        ],
      },
      ['committee.1.post:duplicate'],
    ],
    [
      'two committee members',
      {
        committee: [
          { post: 'committeeMember', memberId: 'm1', holderName: '', since: '' },
          { post: 'committeeMember', memberId: 'm2', holderName: '', since: '' },
        ],
      },
      [],
    ],
    [
      'a bad seat date',
      { committee: [{ post: 'secretary', memberId: 'm1', holderName: '', since: '2021-13-01' }] },
      ['committee.0.since:invalidDate'],
    ],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateOrg(orgInput(partial)))).toEqual(expected)
  })
})

// ─── Area ───────────────────────────────────────────────────────────────────

function areaInput(partial: Partial<AreaInput> = {}): AreaInput {
  return {
    name: '包头市',
    parentId: 'region',
    level: 'city',
    code: '150200',
    retired: 'no',
    sortOrder: 2,
    ...partial,
  }
}

describe('validateArea', () => {
  it.each<[string, Partial<AreaInput>, string[]]>([
    ['a city', {}, []],
    ['no code', { code: '' }, []],
    ['a 4-digit code', { code: '1502' }, ['code:format']],
    ['a long name', { name: '区'.repeat(LIMITS.areaName + 1) }, ['name:tooLong']],
    ['an unknown level', { level: 'village' as AreaInput['level'] }, ['level:oneOf']],
    ['retired true', { retired: true as unknown as AreaInput['retired'] }, ['retired:oneOf']],
    ['a negative order', { sortOrder: -1 }, ['sortOrder:min']],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateArea(areaInput(partial)))).toEqual(expected)
  })

  it('drops a path given by the caller: the repository derives it', () => {
    expect('path' in valueOf(validateArea({ ...areaInput(), path: '/x/' }))).toBe(false)
  })
})

// ─── Meeting ────────────────────────────────────────────────────────────────

function meetingInput(partial: Partial<MeetingInput> = {}): MeetingInput {
  return {
    orgId: 'org-1',
    type: 'branchAssembly',
    heldOn: '2024-03-29',
    startTime: '14:30',
    place: '三楼会议室',
    host: '李书记',
    recorder: '王五',
    lecturer: '',
    partyGroupId: '',
    topic: '学习党章',
    attendeeIds: ['m1', 'm2'],
    absentees: [{ memberId: 'm3', reason: 'work', note: '出差' }],
    minutes: '',
    resolutions: '',
    status: 'final',
    photoIds: [],
    ...partial,
  }
}

describe('validateMeeting', () => {
  it.each<[string, Partial<MeetingInput>, string[]]>([
    ['a complete meeting', {}, []],
    ['no date', { heldOn: '' }, ['heldOn:required']],
    ['a leap day', { heldOn: '2024-02-29' }, []],
    ['a false leap day', { heldOn: '2023-02-29' }, ['heldOn:invalidDate']],
    ['no start time', { startTime: '' }, []],
    ['24:00', { startTime: '24:00' }, ['startTime:time']],
    ['9:30', { startTime: '9:30' }, ['startTime:time']],
    ['an unknown type', { type: 'party' as MeetingInput['type'] }, ['type:oneOf']],
    ['an unknown status', { status: 'done' as MeetingInput['status'] }, ['status:oneOf']],
    [
      'an unknown reason',
      { absentees: [{ memberId: 'm3', reason: 'lazy' as 'work', note: '' }] },
      ['absentees.0.reason:oneOf'],
    ],
    [
      'present and absent',
      { absentees: [{ memberId: 'm2', reason: 'sick', note: '' }] },
      ['absentees.0.memberId:duplicate'],
    ],
    ['an attendee twice', { attendeeIds: ['m1', 'm1'] }, ['attendeeIds.1:duplicate']],
    ['no topic', { topic: '' }, ['topic:required']],
    ['a topic of spaces', { topic: '   ' }, ['topic:required']],
    ['a topic too long', { topic: '题'.repeat(LIMITS.title + 1) }, ['topic:tooLong']],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateMeeting(meetingInput(partial)))).toEqual(expected)
  })

  it('a meeting stored without a topic (an older version) is still read back', () => {
    expect(codes(validateStoredMeeting(meetingInput({ topic: '' })))).toEqual([])
    // Everything else is the form's rule.
    expect(codes(validateStoredMeeting(meetingInput({ heldOn: '' })))).toEqual(['heldOn:required'])
  })
})

// ─── Study record ───────────────────────────────────────────────────────────

function studyInput(partial: Partial<StudyRecordInput> = {}): StudyRecordInput {
  return {
    memberId: 'm1',
    orgId: 'org-1',
    studiedOn: '2024-05-04',
    kind: 'collective',
    topic: '两学一做',
    hours: 2,
    place: '',
    note: '',
    confirmed: 'no',
    meetingId: '',
    ...partial,
  }
}

describe('validateStudyRecord', () => {
  it.each<[string, Partial<StudyRecordInput>, string[]]>([
    ['two hours', {}, []],
    ['half an hour', { hours: 0.5 }, []],
    ['no time', { hours: 0 }, ['hours:min']],
    ['too many hours', { hours: LIMITS.studyHoursPerRecord + 1 }, ['hours:max']],
    ['infinite hours', { hours: Number.POSITIVE_INFINITY }, ['hours:type']],
    ['no topic', { topic: '' }, ['topic:required']],
    ['no date', { studiedOn: '' }, ['studiedOn:required']],
    ['confirmed true', { confirmed: 'true' as StudyRecordInput['confirmed'] }, ['confirmed:oneOf']],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateStudyRecord(studyInput(partial)))).toEqual(expected)
  })
})

// ─── Joint committees ───────────────────────────────────────────────────────

function issueInput(partial: Partial<IssueInput> = {}): IssueInput {
  return {
    committeeId: 'jc-1',
    meetingIds: ['jm-1'],
    title: '电商服务点网络信号差',
    description: '',
    raisedByConstituentId: 'c-1',
    responsibleConstituentIds: ['c-2'],
    raisedOn: '2018-03-10',
    dueOn: '2018-04-10',
    status: 'open',
    progress: [],
    resolution: '',
    resolvedOn: '',
    declineReason: '',
    ...partial,
  }
}

describe('validateIssue', () => {
  it.each<[string, Partial<IssueInput>, string[]]>([
    ['an open issue', {}, []],
    ['due before raised', { dueOn: '2018-03-09' }, ['dueOn:dateOrder']],
    [
      'resolved without date or answer',
      { status: 'resolved' },
      ['resolvedOn:required', 'resolution:required'],
    ],
    [
      'resolved properly',
      { status: 'resolved', resolvedOn: '2018-04-01', resolution: '已协调' },
      [],
    ],
    [
      'resolved before raised',
      { status: 'resolved', resolvedOn: '2018-03-01', resolution: '已协调' },
      ['resolvedOn:dateOrder'],
    ],
    ['declined without reason', { status: 'declined' }, ['declineReason:required']],
    [
      'progress before raising',
      { progress: [{ on: '2018-03-01', note: '已联系' }] },
      ['progress.0.on:dateOrder'],
    ],
    [
      'progress without note',
      { progress: [{ on: '2018-03-11', note: '' }] },
      ['progress.0.note:required'],
    ],
    ['no raising constituent', { raisedByConstituentId: '' }, ['raisedByConstituentId:required']],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateIssue(issueInput(partial)))).toEqual(expected)
  })
})

function constituentInput(partial: Partial<ConstituentInput> = {}): ConstituentInput {
  return {
    committeeId: 'jc-1',
    orgId: '',
    name: '巴林右旗某嘎查党支部',
    sector: 'villageCommunity',
    joinedOn: '2017-06-01',
    leftOn: '',
    ...partial,
  }
}

describe('validateConstituent', () => {
  it.each<[string, Partial<ConstituentInput>, string[]]>([
    ['an outside organisation', {}, []],
    ['left before it joined', { leftOn: '2017-05-31' }, ['leftOn:dateOrder']],
    ['an unknown sector', { sector: 'army' as ConstituentInput['sector'] }, ['sector:oneOf']],
    ['no name', { name: '' }, ['name:required']],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateConstituent(constituentInput(partial)))).toEqual(expected)
  })
})

function jointMeetingInput(partial: Partial<JointMeetingInput> = {}): JointMeetingInput {
  return {
    committeeId: 'jc-1',
    heldOn: '2018-03-10',
    place: '',
    host: '',
    presentConstituentIds: ['c-1', 'c-2'],
    topics: '',
    minutes: '',
    ...partial,
  }
}

describe('validateJointMeeting', () => {
  it.each<[string, Partial<JointMeetingInput>, string[]]>([
    ['a meeting', {}, []],
    ['no date', { heldOn: '' }, ['heldOn:required']],
    ['no committee', { committeeId: '' }, ['committeeId:required']],
    [
      'a constituent twice',
      { presentConstituentIds: ['c-1', 'c-1'] },
      ['presentConstituentIds.1:duplicate'],
    ],
    ['minutes too long', { minutes: 'x'.repeat(LIMITS.minutes + 1) }, ['minutes:tooLong']],
  ])('%s → %o', (_label, partial, expected) => {
    expect(codes(validateJointMeeting(jointMeetingInput(partial)))).toEqual(expected)
  })
})
