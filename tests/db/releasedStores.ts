/**
 * The full stores of every released schema version, frozen as the app shipped them. Written
 * out by hand, never derived: the migration test compares the registry (src/db/schema.ts
 * SCHEMA_VERSIONS, storesAt) against them, so an edit of a released block fails. A version
 * joins here when it is released; none is ever changed.
 */
export const RELEASED_FULL_STORES: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  1: {
    areas: 'id, parentId, path, [parentId+sortOrder]',
    firms:
      'id, &creditCode, name, areaId, areaPath, registeredOn, closedOn, updatedAt, *nameTokens, [name+id], [areaPath+name+id], [industry+name+id], [sizeClass+name+id], [orgStatus+name+id]',
    orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name]',
    partyGroups: 'id, orgId',
    members:
      'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, [orgId+name], [orgId+stage], [stage+name], [status+name]',
    transfers: 'id, memberId, status, issuedOn, fromOrgId, toOrgId',
    dues: 'id, memberId, [orgId+month], [memberId+month]',
    meetings:
      'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn]',
    photos: 'id, meetingId',
    constituents: 'id, committeeId, orgId, sector',
    jointMeetings: 'id, committeeId, heldOn, [committeeId+heldOn]',
    issues:
      'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn]',
    studyRecords:
      'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn]',
    settings: 'key',
    auditLog: 'id, at, recordId, table, [table+at]',
    recycleBin: 'id, deletedAt, table, recordId',
    meta: 'key',
  },
  2: {
    areas: 'id, parentId, path, [parentId+sortOrder]',
    firms:
      'id, &creditCode, name, areaId, areaPath, registeredOn, closedOn, updatedAt, *nameTokens, [name+id], [areaPath+name+id], [industry+name+id], [sizeClass+name+id], [orgStatus+name+id]',
    orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name]',
    partyGroups: 'id, orgId',
    members:
      'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id]',
    transfers: 'id, memberId, status, issuedOn, fromOrgId, toOrgId',
    dues: 'id, memberId, [orgId+month], [memberId+month]',
    meetings:
      'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn], [orgId+heldOn+id], [heldOn+id]',
    photos: 'id, meetingId',
    constituents: 'id, committeeId, orgId, sector',
    jointMeetings: 'id, committeeId, heldOn, [committeeId+heldOn]',
    issues:
      'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn], [committeeId+status]',
    studyRecords:
      'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn], [orgId+studiedOn+id], [orgId+confirmed]',
    settings: 'key',
    auditLog: 'id, at, recordId, table, [table+at]',
    recycleBin: 'id, deletedAt, table, recordId',
    meta: 'key',
    tallies: 'key',
  },
  3: {
    areas: 'id, parentId, path, [parentId+sortOrder]',
    firms:
      'id, &creditCode, name, areaId, areaPath, registeredOn, closedOn, updatedAt, *nameTokens, [name+id], [areaPath+name+id], [industry+name+id], [sizeClass+name+id], [orgStatus+name+id]',
    orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name]',
    partyGroups: 'id, orgId',
    members:
      'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id]',
    transfers: 'id, memberId, status, issuedOn, fromOrgId, toOrgId',
    dues: 'id, memberId, [orgId+month], [memberId+month]',
    meetings:
      'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn], [orgId+heldOn+id], [heldOn+id]',
    photos: 'id, meetingId',
    constituents: 'id, committeeId, orgId, sector',
    jointMeetings: 'id, committeeId, heldOn, [committeeId+heldOn]',
    issues:
      'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn], [committeeId+status]',
    studyRecords:
      'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn], [orgId+studiedOn+id], [orgId+confirmed]',
    settings: 'key',
    auditLog: 'id, at, recordId, table, [table+at]',
    recycleBin: 'id, deletedAt, table, recordId',
    meta: 'key',
    tallies: 'key',
    tombstones: 'id, *orgIds, deletedAt',
    leaves: 'id, [state+id]',
    revisionBodies: 'id, mergeId, [mergeId+id]',
    moves: 'id, *orgIds',
  },
  4: {
    areas: 'id, parentId, path, [parentId+sortOrder]',
    firms:
      'id, &creditCode, name, areaId, areaPath, registeredOn, closedOn, updatedAt, *nameTokens, [name+id], [areaPath+name+id], [industry+name+id], [sizeClass+name+id], [orgStatus+name+id]',
    orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name]',
    partyGroups: 'id, orgId',
    members:
      'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id]',
    transfers: 'id, memberId, status, issuedOn, fromOrgId, toOrgId',
    dues: 'id, memberId, [orgId+month], [memberId+month]',
    meetings:
      'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn], [orgId+heldOn+id], [heldOn+id]',
    photos: 'id, meetingId',
    constituents: 'id, committeeId, orgId, sector',
    jointMeetings: 'id, committeeId, heldOn, [committeeId+heldOn]',
    issues:
      'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn], [committeeId+status]',
    studyRecords:
      'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn], [orgId+studiedOn+id], [orgId+confirmed]',
    settings: 'key',
    auditLog: 'id, at, recordId, table, [table+at]',
    recycleBin: 'id, deletedAt, table, recordId',
    meta: 'key',
    tallies: 'key',
    tombstones: 'id, *orgIds, deletedAt',
    leaves: 'id, [state+id]',
    revisionBodies: 'id, mergeId, [mergeId+id]',
    moves: 'id, *orgIds',
    syncChanges: 'key, [db+seq], doc',
    syncState: 'key',
  },
  5: {
    areas: 'id, parentId, path, [parentId+sortOrder]',
    firms:
      'id, &creditCode, name, areaId, areaPath, registeredOn, closedOn, updatedAt, *nameTokens, [name+id], [areaPath+name+id], [industry+name+id], [sizeClass+name+id], [orgStatus+name+id]',
    orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name]',
    partyGroups: 'id, orgId',
    members:
      'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id]',
    transfers: 'id, memberId, status, issuedOn, fromOrgId, toOrgId',
    dues: 'id, memberId, [orgId+month], [memberId+month]',
    meetings:
      'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn], [orgId+heldOn+id], [heldOn+id]',
    photos: 'id, meetingId',
    constituents: 'id, committeeId, orgId, sector',
    jointMeetings: 'id, committeeId, heldOn, [committeeId+heldOn]',
    issues:
      'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn], [committeeId+status]',
    studyRecords:
      'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn], [orgId+studiedOn+id], [orgId+confirmed]',
    settings: 'key',
    auditLog: 'id, at, recordId, table, [table+at]',
    recycleBin: 'id, deletedAt, table, recordId',
    meta: 'key',
    tallies: 'key',
    tombstones: 'id, *orgIds, deletedAt',
    leaves: 'id, [state+id]',
    revisionBodies: 'id, mergeId, [mergeId+id]',
    moves: 'id, *orgIds',
    syncChanges: 'key, [db+seq], doc',
    syncState: 'key',
    duesTallies: 'key, clock',
  },
  6: {
    areas: 'id, parentId, path, [parentId+sortOrder]',
    firms:
      'id, &creditCode, name, areaId, areaPath, registeredOn, closedOn, updatedAt, *nameTokens, [name+id], [areaPath+name+id], [industry+name+id], [sizeClass+name+id], [orgStatus+name+id]',
    orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name], *nameTokens',
    partyGroups: 'id, orgId',
    members:
      'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id], *nameTokens',
    transfers: 'id, memberId, status, issuedOn, fromOrgId, toOrgId',
    dues: 'id, memberId, [orgId+month], [memberId+month]',
    meetings:
      'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn], [orgId+heldOn+id], [heldOn+id]',
    photos: 'id, meetingId',
    constituents: 'id, committeeId, orgId, sector',
    jointMeetings: 'id, committeeId, heldOn, [committeeId+heldOn]',
    issues:
      'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn], [committeeId+status]',
    studyRecords:
      'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn], [orgId+studiedOn+id], [orgId+confirmed]',
    settings: 'key',
    auditLog: 'id, at, recordId, table, [table+at]',
    recycleBin: 'id, deletedAt, table, recordId',
    meta: 'key',
    tallies: 'key',
    tombstones: 'id, *orgIds, deletedAt',
    leaves: 'id, [state+id]',
    revisionBodies: 'id, mergeId, [mergeId+id]',
    moves: 'id, *orgIds',
    syncChanges: 'key, [db+seq], doc',
    syncState: 'key',
    duesTallies: 'key, clock',
  },
}
