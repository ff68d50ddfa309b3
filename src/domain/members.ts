import type { Development } from './types'

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
