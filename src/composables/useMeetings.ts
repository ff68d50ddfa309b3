import { computed, onScopeDispose, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import {
  countMeetingsMatching,
  getMeeting,
  getMembers,
  getOrg,
  getOrgs,
  listAuditFor,
  listComplianceOrgs,
  listMeetingPhotos,
  listMeetingsOfMember,
  listMeetingsOfOrg,
  listMeetingsPage,
  listMembersOfOrgs,
  listPartyGroupsOfOrg,
  listSubtreeOrgIds,
  readComplianceBoard,
  readRollOn,
  removeMeeting,
  saveMeeting,
  type MeetingCursor,
  type MeetingExtras,
  type MeetingFilter,
} from '@/db'
import { todayIso } from '@/domain/dates'
import { boardMonths, checkQuorum } from '@/domain/meetings'
import type { Settings } from '@/domain/settings'
import type { Meeting, MeetingRoll, MeetingType, Member, Photo } from '@/domain/types'
import type { MeetingInput } from '@/domain/validation'
import { PhotoRefused, resizePhoto } from '@/services/photos'
import { displayType } from '@/domain/imageType'
import { exportMeetings } from '@/services/spreadsheet/meetingsExport'
import { useKeysetPages } from './useKeysetPages'
import { useLiveQuery } from './useLiveQuery'

export type { MemberMeetingRow, NewPhoto, MeetingExtras } from '@/db'
export { PhotoRefused }
export type { BoardRow, BoardCell, ComplianceItem, Quorum } from '@/domain/meetings'

/** The meetings a member attended or missed (with the reason), newest first, live. */
export function useMemberMeetings(memberId: () => string) {
  return useLiveQuery(async () => {
    const id = memberId()
    return id ? listMeetingsOfMember(id) : []
  }, [memberId])
}

/** What the list's filter bar holds: an org (with everything under it), type, period, text. */
export interface MeetingListFilter {
  orgId: string
  type: MeetingType | ''
  from: string
  to: string
  text: string
}

export function emptyMeetingFilter(): MeetingListFilter {
  return { orgId: '', type: '', from: '', to: '', text: '' }
}

/** The chosen org's subtree inside the scope (null scope = everything). */
async function resolveFilter(
  filter: MeetingListFilter,
  scope: string[] | null,
): Promise<MeetingFilter> {
  let orgIds = scope
  if (filter.orgId) {
    const subtree = await listSubtreeOrgIds(filter.orgId)
    orgIds = scope ? subtree.filter((id) => scope.includes(id)) : subtree
  }
  return { orgIds, type: filter.type, from: filter.from, to: filter.to, text: filter.text }
}

/** The /meetings list: a filter, keyset pages newest first, and the Excel export. */
export function useMeetingList(scope: Ref<string[] | null>) {
  const filter = reactive<MeetingListFilter>(emptyMeetingFilter())
  const pageSize = ref(20)
  const pages = useKeysetPages(
    async (after: MeetingCursor, limit) =>
      listMeetingsPage(await resolveFilter({ ...filter }, scope.value), after, limit),
    async () => countMeetingsMatching(await resolveFilter({ ...filter }, scope.value)),
    [() => JSON.stringify(filter), () => JSON.stringify(scope.value)],
    pageSize,
  )
  async function exportList(): Promise<number> {
    return exportMeetings(await resolveFilter({ ...filter }, scope.value))
  }
  return { filter, pageSize, exportList, ...pages }
}

export const meetingWrites = {
  save: (id: string, input: MeetingInput, extras: MeetingExtras) => saveMeeting(id, input, extras),
  remove: (id: string) => removeMeeting(id),
}

/** A photo made small enough to keep (not a write: the meeting's save stores it). */
export { resizePhoto }

/** Object URLs for photo blobs, revoked when replaced or when the page goes. */
export function usePhotoUrls(photos: () => readonly Pick<Photo, 'id' | 'blob'>[] | undefined) {
  const urls = shallowRef<Record<string, string>>({})
  function revoke(): void {
    for (const url of Object.values(urls.value)) URL.revokeObjectURL(url)
  }
  watch(
    photos,
    (list) => {
      revoke()
      // Under an image type only (or none a browser opens as a page): a photo that came in a
      // file or from another device is never a document in this origin, even in a new tab.
      urls.value = Object.fromEntries(
        (list ?? []).map((p) => [
          p.id,
          URL.createObjectURL(new Blob([p.blob], { type: displayType(p.blob.type) })),
        ]),
      )
    },
    { immediate: true },
  )
  onScopeDispose(revoke)
  return urls
}

/**
 * The people and groups the form picks from: the org's roll on the meeting's date (who was a
 * member then, with a vote or not, and the committee in office), not today's roster.
 */
/**
 * The roll a meeting form offers: the one stored with the meeting while its org and date stay
 * as recorded (the roll its save is checked against), else the roll of the date from the
 * members' histories.
 */
export function useMeetingRoster(
  orgId: () => string,
  heldOn: () => string,
  stored: () => Pick<Meeting, 'orgId' | 'heldOn' | 'roll'> | null = () => null,
) {
  return useLiveQuery(async () => {
    const id = orgId()
    const date = heldOn() || todayIso()
    if (!id) return { org: undefined, members: [] as Member[], groups: [], roll: null }
    const kept = stored()
    if (kept?.roll && kept.orgId === id && kept.heldOn === date) {
      const [org, members, groups] = await Promise.all([
        getOrg(id),
        getMembers(kept.roll.memberIds),
        listPartyGroupsOfOrg(id),
      ])
      return { org, members, groups, roll: kept.roll as MeetingRoll | null }
    }
    const [{ org, roll, members }, groups] = await Promise.all([
      readRollOn(id, date),
      listPartyGroupsOfOrg(id),
    ])
    return { org, members, groups, roll: roll as MeetingRoll | null }
  }, [orgId, heldOn, stored])
}

/**
 * One meeting with its org, photos, people, audit trail and quorum, live. The quorum is judged
 * on the roll stored with the record; a record from before rolls were stored gets the roll of
 * its date from the members' histories.
 */
export function useMeetingDetail(id: () => string, settings: Ref<Settings | undefined>) {
  const query = useLiveQuery(async () => {
    const meetingId = id()
    const meeting = meetingId ? await getMeeting(meetingId) : undefined
    if (!meeting) return null
    const [org, photos, trail, members, rollOfDate] = await Promise.all([
      getOrg(meeting.orgId),
      listMeetingPhotos(meetingId),
      listAuditFor(meetingId),
      listMembersOfOrgs([meeting.orgId]),
      meeting.roll ? null : readRollOn(meeting.orgId, meeting.heldOn),
    ])
    const roll = meeting.roll ?? rollOfDate?.roll ?? null
    // Names of people on the roll of the day who have left the org since.
    const missing = (roll?.memberIds ?? []).filter((mid) => !members.some((m) => m.id === mid))
    const others = missing.length > 0 ? await getMembers(missing) : []
    return { meeting, org, photos, trail, members: [...members, ...others], roll }
  }, [id])
  const quorum = computed(() => {
    const data = query.data.value
    if (!data || !settings.value || !data.roll) return null
    return checkQuorum(data.meeting, data.roll, settings.value)
  })
  return { ...query, quorum }
}

/** An org's meetings in one month, for the calendar. */
export function useMeetingCalendar(orgIds: () => string[] | null, month: () => string) {
  return useLiveQuery(async () => {
    const ids = orgIds()
    const start = `${month()}-01`
    const end = `${month()}-31`
    if (!ids) return []
    const perOrg = await Promise.all(ids.map((orgId) => listMeetingsOfOrg(orgId, start, end)))
    return perOrg.flat()
  }, [() => JSON.stringify(orgIds()), month])
}

/** The compliance board: orgs of the scope (a page of them) × the last 12 months. */
export function useComplianceBoard(
  scope: Ref<string[] | null>,
  type: Ref<MeetingType | ''>,
  page: Ref<number>,
  pageSize: Ref<number>,
) {
  const today = todayIso()
  const months = boardMonths(today, 12)
  const orgs = useLiveQuery(() => listComplianceOrgs(scope.value), [scope])
  const board = useLiveQuery(async () => {
    const all = orgs.data.value ?? []
    const shown = all.slice((page.value - 1) * pageSize.value, page.value * pageSize.value)
    return readComplianceBoard(
      shown.map((org) => org.id),
      months,
      today,
      type.value ? [type.value] : undefined,
    )
  }, [() => orgs.data.value, type, page, pageSize])
  return {
    months,
    total: computed(() => orgs.data.value?.length ?? 0),
    board: board.data,
    loading: computed(() => orgs.loading.value || board.loading.value),
  }
}

/** Names of the orgs some rows refer to. */
export function useOrgNames(ids: () => string[]) {
  const query = useLiveQuery(async () => {
    const orgs = await getOrgs([...new Set(ids())])
    return new Map(orgs.map((org) => [org.id, org.name]))
  }, [() => [...new Set(ids())].sort().join(',')])
  return computed(() => query.data.value ?? new Map<string, string>())
}
