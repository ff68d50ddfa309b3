/** Excel import/export messages; added to en.ts as `import: importMessages`. */
export default {
  title: {
    firms: 'Import firms',
    orgs: 'Import organisations',
    members: 'Import members',
    study: 'Import study records',
    dues: 'Import dues payments',
  },
  open: 'Import Excel',
  steps: {
    pick: 'Choose file',
    map: 'Check columns',
    values: 'Check values',
    preview: 'Preview and import',
  },
  pickHint:
    'Choose an Excel file (.xlsx) or a CSV file (.csv, UTF-8 or GBK); the first sheet is read. The header row must be within the first 10 rows; a title row above it is fine.',
  kindHint: {
    firms:
      'Firms already in the register are found by their credit code and updated; the others are added.',
    orgs: 'Organisations already in the register are found by name and area and updated; the others are added. The committee is not in the sheet and stays as it is.',
    members:
      'Members already in the register are found by their ID number and updated; rows without one, or with a new one, are added.',
    study:
      'Recorded for the current organisation. Members are found by ID number, or by a name unique in the organisation; a record of the same member, day and topic is updated, so hours are never counted twice.',
    dues: 'Each row is one member’s dues for one month. Members are found by ID number, or by a name unique in the organisation column (without one, the current branch); without a month column the rows are the selected month. A payment already recorded is updated, with the old and new values shown; a new base applies from its month. The Excel this page exports imports as it is.',
  },
  limits: 'At most {maxMb} MB and {maxRows} rows.',
  chooseFile: 'Choose file',
  noFile: 'No file chosen',
  headerRow: 'Header found in row {row}. Check the column of each field:',
  source: { xlsx: 'Excel file', csv: 'CSV file ({encoding})' },
  matchedBy: { contains: 'by meaning', similar: 'similar, please check' },
  newRecordGaps:
    'No column for “{fields}”: records already in the register can be updated; new rows will be listed as problems.',
  updateHint:
    'Records already in the register change only in the columns the sheet has; blank cells keep the stored value.',
  field: 'Field',
  column: 'Excel column',
  notMapped: 'Do not import',
  required: 'required',
  missingColumns: 'Choose a column for: {fields}',
  or: ' or ',
  values: {
    hint: 'These values of the sheet need a meaning. Your choices are remembered on this device for the next import.',
    unresolved: '{n} values are not mapped yet: their rows will be listed as problems.',
    value: 'Value in the sheet',
    count: 'Rows',
    rows: 'In rows',
    readAs: 'Read as',
    mapTo: 'Map to',
    choose: 'Choose',
    skip: 'Skip these rows',
    unknown: 'Unknown',
    remembered: 'Your earlier choice',
    national: 'National standard',
  },
  rowsRead: '{n} rows read',
  validCount: '{n} rows can be imported',
  invalidCount: '{n} rows have problems',
  actions: { create: '{n} new', update: '{n} updated', unchanged: '{n} unchanged' },
  skippedCount: '{n} rows skipped by your choice',
  warningCount: '{n} warnings',
  acceptWarnings: 'I have checked these {n} warnings: import the amounts as the sheet gives them',
  tabs: {
    problems: 'Problems ({n})',
    warnings: 'Warnings ({n})',
    changes: 'Changes ({n})',
    skipped: 'Skipped rows ({n})',
  },
  changes: {
    record: 'Record',
    from: 'Now',
    to: 'After import',
    none: 'No field changes',
    empty: '(empty)',
    firms: '{n} firms',
  },
  noProblems: 'No problems found',
  moreProblems: 'Showing the first {shown} of {total} problems.',
  mode: 'Import mode',
  modeValidRows: 'Import only the rows without problems',
  modeAllOrNothing: 'Import only if every row is correct',
  blocked: 'Correct the rows with problems in Excel, then choose the file again.',
  row: 'Row',
  problem: 'Problem',
  next: 'Next',
  back: 'Back',
  confirm: 'Import',
  progress: { reading: 'Reading the file…', checking: 'Checking…', writing: 'Writing…' },
  success: 'Import done: {created} created, {updated} updated, {unchanged} unchanged',
  auditSummary: 'Imported {file}: {created} created, {updated} updated, {unchanged} unchanged',
  duplicateRow: '{field} repeats row {row}',
  notFoundValue: '{field}: “{value}” does not exist',
  ambiguousValue:
    '{field}: “{value}” matches several records; be more specific (an area may name its parent, e.g. “包头市/稀土高新区”)',
  invalidDateValue:
    '{field}: “{value}” is not a date; write it as 2017-09-10, 2017/9/10, 2017.09.10 or 2017年9月10日',
  codes: {
    ambiguous: '{field} names several areas; write the parent too, e.g. “包头市/稀土高新区”',
    cycle: '{field} makes a loop',
    storedAsNumber:
      '{field} was stored as a number ({value}) and has lost its last digits: set the column to text and type it again',
    monthOnly: '{field} gives only a month ({value}); write the day too',
    unknownValue:
      '{field}: “{value}” is not a known value; accepted: {allowed} (or map it in the “Check values” step)',
    requiredForNew: 'This row is a new record and needs {field}, but the sheet has no such column',
    skippedByChoice: '{field} is “{value}”: skipped by your choice',
    namesake:
      'Several members of the organisation are called “{value}”: give the ID number (whole, or masked as the export writes it)',
    orgNamesake: 'Several organisations are called “{value}”: give the member’s ID number',
    invalidMonth: '{field} “{value}” is not a month; write 2026-03, 2026年3月 or an Excel date',
    futureMonth: '{field} {value} has not come yet: no payment can be recorded for it',
    beforeDuesStart:
      '{field} {value} is before the member’s first dues month ({start}; probationary members pay from the month of the branch vote)',
    noDuesStart:
      'Member “{value}” has no branch-vote or full-member date: the first dues month is unknown',
    outOfScope: 'Member “{value}” is outside the organisations you manage: not imported',
    noBase: 'Member “{value}” has no dues base yet: this row needs the {field}',
    temporaryNoDues:
      '“{value}” is a temporary branch: it collects no dues (members pay in their own branch)',
    dueDiffers:
      '{field} is {value} yuan in the sheet, {due} yuan by the base and rate: the computed figure is recorded as due',
    paidDiffers:
      '{field} {value} yuan differs from the month’s due {due} yuan (by base, rate and reduction)',
    notAmount: '{field} “{value}” is not an amount; write a number such as 3500 or 3,500.00',
    negativeAmount: '{field} cannot be negative ({value})',
  },
  duesFields: {
    name: 'Name',
    idNumber: 'ID number',
    orgName: 'Organisation',
    month: 'Month',
    category: 'Category',
    base: 'Dues base',
    due: 'Due',
    paid: 'Paid',
    paidOn: 'Paid on',
    receiptNo: 'Receipt',
    note: 'Note',
  },
  duesReason: 'Imported from {file}',
  fields: {
    areaCity: 'Area: city/league',
    areaPark: 'Area: street/park',
  },
  errors: {
    tooLarge: 'The file is larger than {maxMb} MB and cannot be imported',
    tooManyRows: 'The sheet has more than {max} rows; import it in parts',
    unreadable: 'This file cannot be read; is it an Excel .xlsx file or a .csv file?',
    saveAsXlsx:
      'This is an old spreadsheet format ({format}) that cannot be read: open it in Excel or WPS, “Save as” an Excel workbook (.xlsx) and choose that',
    stale:
      '{count} records changed after the preview (in another tab or by a sync, say). Nothing was written; choose the file again to check it.',
    empty: 'The first sheet is empty',
    noHeader:
      'No header row in the first 10 rows: at least two known column names are needed, such as 企业名称 and 统一社会信用代码',
    missingColumns: 'Required columns are missing: {fields}',
    hasErrors: '{rows} rows have problems; “all or nothing” imports nothing',
    unacceptedWarnings: '{rows} warnings: check them and tick “I have checked” to import',
    writeFailed: 'The import failed; nothing was written ({found})',
    quota:
      'Storage is full: the import did not run and nothing was written; everything saved before is still there. Download a backup, free some browser storage and try again.',
    closed:
      'This page has let go of the database (another tab opened a newer version); nothing was written. Refresh the page and import again.',
    readFailed:
      'This file cannot be read ({found}); nothing was written. Check that it is whole and an .xlsx or .csv file.',
    exportFailed: 'The export failed ({found}); please try again',
  },
  export: {
    button: 'Export Excel',
    done: 'Exported {rows} rows: {file}',
    reading: '{n} rows read…',
  },
}
