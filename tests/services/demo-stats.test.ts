import { it } from 'vitest'
import { buildAreas } from '@/services/demo/areas'
import { buildPartyGroups, seatCommittees } from '@/services/demo/committees'
import { createContext } from '@/services/demo/context'
import { buildFirms } from '@/services/demo/firms'
import { buildMeetings } from '@/services/demo/meetings'
import { balanceSeats, buildMembers } from '@/services/demo/members'
import { buildOrgs } from '@/services/demo/orgs'
import { buildStudyRecords } from '@/services/demo/study'
it('phases', () => {
  for (const scale of [1, 1, 30]) {
    const ctx = createContext(1, '2026-03-05', scale)
    let t = performance.now()
    const lap = (label: string) => { const n = performance.now(); console.log(scale, label, (n - t).toFixed(0)); t = n }
    const ai = buildAreas(ctx); lap('areas')
    const fp = buildFirms(ctx, ai); lap('firms')
    const op = buildOrgs(ctx, ai, fp); lap('orgs')
    balanceSeats(ctx, op.memberOrgs); lap('balance')
    const mp = buildMembers(ctx, ai, op.memberOrgs); lap('members')
    const ids = new Set(op.memberOrgs.map((e) => e.org.id))
    seatCommittees(ctx, op.memberOrgs, mp.byOrg, op.orgs.filter((o) => !ids.has(o.id))); lap('committees')
    const g = buildPartyGroups(ctx, op.memberOrgs, mp.byOrg); lap('groups')
    const ms = buildMeetings(ctx, op.memberOrgs, mp.byOrg, g); lap('meetings')
    buildStudyRecords(ctx, mp.members, ms); lap('study')
  }
}, 600000)
