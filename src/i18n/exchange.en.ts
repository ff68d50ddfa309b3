/** Exchange packages between devices, and the database's own warnings; added to en.ts as `exchange`. */
export default {
  title: 'Exchange packages',
  intro:
    'Pack an org and everything under it (.zhibupkg) and import it on another computer: records merge by their revision history (never by the two computers’ clocks) and deletions travel too; a record changed on both sides keeps both versions until you choose on the conflicts page. Importing twice never doubles anything, and a package never changes records outside its org.',
  org: 'Org',
  orgPlaceholder: 'Choose the org to export (type to search)',
  download: 'Download package',
  choose: 'Import a package…',
  reading: 'Reading and checking the package…',
  downloaded: 'Package downloaded: {name} ({n} records)',
  downloadedSealed:
    'Encrypted package downloaded: {name} ({n} records). Tell the receiver the passphrase separately.',
  merged:
    'Package imported: {new} new, {updated} updated, {deleted} deleted, {conflict} in conflict',
  mergedConflicts:
    '{n} records were changed on both sides: both versions are kept; choose on the conflicts page.',
  toConflicts: 'Resolve conflicts',
  nothingNew: 'Every record of the package is already here; nothing changed',
  conflictsCard: {
    title: 'Conflicts between devices',
    intro:
      'Records changed on two devices keep both versions until you choose; your choice reaches the other devices with the next exchange.',
    open: '{n} records in conflict',
    none: 'No open conflicts',
    button: 'Conflicts',
    snapshots:
      'Earlier package imports and backup merges left {n} whole-database snapshots in the recycle bin ({records} records). Merges now keep only the versions they replace, so these are no longer needed.',
    removeSnapshots: 'Delete these snapshots',
    confirmRemove:
      'Delete the {n} whole-database snapshots earlier merges left ({records} records) for good? This cannot be undone; nothing else in the recycle bin is touched.',
    removed: '{n} snapshots deleted',
  },
  preview: {
    title: 'What the package holds',
    file: 'File',
    source: 'Source device',
    thisDevice: '{id} (this device)',
    org: 'Org',
    createdAt: 'Packed at',
    records: 'Records',
    matchedFirms: '{n} firms matched to firms here by credit code',
    table: 'Table',
    new: 'New',
    updated: 'Updated',
    deleted: 'Deleted there',
    conflict: 'Conflicts',
    refused: 'Out of scope',
    unchanged: 'Unchanged',
    oldFormat:
      'This package was made by an older app (format 1): its records carry no revision history, so a record that differs here is not decided for you; both versions are kept as a conflict for you to choose.',
    conflicts:
      '{n} records were changed on both sides: both versions will be kept; choose on the conflicts page after the import.',
    refusedTable: '{table}: {n} records do not belong to “{org}” and are not imported',
    refusedMore: 'and {n} more',
    refusedHint:
      'A package may change only the records of its org and the orgs under it (as this device’s org tree has them).',
    confirm: 'Import',
    hint: 'The import is one transaction: all of it is written or none. Each version it replaces is kept and can be brought back on the conflicts page; the whole database is no longer copied into the recycle bin.',
  },
  errors: {
    title: 'This package cannot be used',
    notBackup: 'This is not a Zhibu exchange package, or its header is incomplete ({field}).',
    formatVersion: 'Package format version {found} is not supported (this app reads {expected}).',
    schemaNewer:
      'The package comes from a newer app (data version {found}, this app {expected}). Update this app first.',
    schemaOlder:
      'The package comes from an older app (data version {found}, this app {expected}). Ask the sender to update and export again.',
    checksum: 'Checksum mismatch: the package was changed or damaged after it was made.',
    quota:
      'Storage is full: nothing was imported and the data here is unchanged. Free some browser storage and try again.',
    writeFailed: 'The write failed: nothing was imported and the data here is unchanged ({found}).',
  },
}
