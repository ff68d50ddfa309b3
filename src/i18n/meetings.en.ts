/** Meetings and organisational life; mirrors meetings.zh-CN.ts key for key. */
export default {
  type: {
    branchAssembly: 'Branch assembly',
    committeeMeeting: 'Committee meeting',
    groupMeeting: 'Party group meeting',
    partyLesson: 'Party lesson',
    themedDay: 'Themed party day',
    orgLifeMeeting: 'Organisational life meeting',
    appraisal: 'Member appraisal',
    heartToHeart: 'Heart-to-heart talks',
  },
  reason: { work: 'On duty', sick: 'Sick', personal: 'Personal', other: 'Other' },
  status: { draft: 'Draft', final: 'Final' },
  member: {
    empty: 'No meetings on record',
    heldOn: 'Date',
    type: 'Type',
    topic: 'Topic',
    attendance: 'Attendance',
    attended: 'Attended',
    absent: 'Absent ({reason})',
    note: 'Note',
  },
}
