import type { Development } from './types'
import type { MemberInput } from './validation'

/** A person before any development step: every date empty, no introducers yet. */
export function emptyDevelopment(): Required<Development> {
  return {
    youthLeagueOn: '',
    activistFiledOn: '',
    candidateFiledOn: '',
    politicalReviewOn: '',
    publicityFromOn: '',
    publicityToOn: '',
    preReviewOn: '',
    applicationFormOn: '',
    upperTalkOn: '',
    approvalSpecial: 'no',
    oathOn: '',
    fullAppliedOn: '',
    fullVoteOn: '',
    fullVoteMeetingId: '',
    fullApprovedOn: '',
    fullApprovalSpecial: 'no',
    extensionOn: '',
    cancelledOn: '',
    appliedOn: '',
    talkedOn: '',
    activistOn: '',
    candidateOn: '',
    trainingDays: 0,
    trainingHours: 0,
    introducerIds: [],
    contactNames: [],
    branchVoteOn: '',
    approvedOn: '',
    extendedUntil: '',
    fullOn: '',
  }
}

/** A new member's input before anything is typed: a full member of `orgId`, in good standing. */
export function blankMemberInput(orgId: string): MemberInput {
  return {
    orgId,
    firmId: '',
    partyGroupId: '',
    name: '',
    gender: 'male',
    ethnicity: 'han',
    birthDate: '',
    idNumber: '',
    phone: '',
    education: 'bachelor',
    jobTitle: '',
    stage: 'full',
    development: emptyDevelopment(),
    fullMemberOn: '',
    status: 'normal',
    statusSince: '',
    statusNote: '',
    appraisals: [],
  }
}
