/**
 * Data-entry limits, the one home of every field length and number range: the validators
 * (validation.ts, duesRecords.ts, transfers.ts, sixMonths.ts) refuse past them and every
 * form's `maxlength` binds to them, so a form never stops short of, or lets through more
 * than, what the repository accepts (tests/domain/limits.test.ts scans the templates).
 * Lengths are in characters, so a paste of a whole document is caught.
 */
export const LIMITS = {
  name: 100,
  areaName: 50,
  personName: 50,
  jobTitle: 50,
  title: 200,
  place: 200,
  address: 200,
  statusNote: 200,
  note: 2000,
  text: 5000,
  minutes: 20000,
  // 公民身份号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015) are 18 characters.
  idNumber: 18,
  creditCode: 18,
  // A mainland mobile number is 11 digits; people type it as "138 0000 0000" (13).
  phoneTyped: 13,
  // GB/T 2260 administrative division codes are 6 digits.
  divisionCode: 6,
  // 组织关系介绍信 number and a dues receipt number, as printed on the paper.
  letterNo: 50,
  receiptNo: 50,
  duesNote: 200,
  termYearsMax: 10,
  termNumberMax: 1000,
  termShiftMonthsMax: 60,
  voteMax: 100_000,
  studyHoursPerRecord: 100,
  trainingDaysMax: 366,
  trainingHoursMax: 2000,
  employeesMax: 10_000_000,
  sortOrderMax: 1_000_000,
  // The Party was founded in 1921: no appraisal can be older.
  yearMin: 1921,
  yearMax: 2100,
} as const

export type LimitName = keyof typeof LIMITS
