import type { Development } from './types'

/** A person before any development step: every date empty, no introducers yet. */
export function emptyDevelopment(): Development {
  return {
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
