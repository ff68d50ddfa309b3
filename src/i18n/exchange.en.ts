/** Exchange packages between devices, and the database's own warnings; added to en.ts as `exchange`. */
export default {
  title: 'Exchange packages',
  intro:
    'Pack an org and everything under it (.zhibupkg) and import it on another computer: records merge by id, the newer one wins, and importing twice never doubles anything. A committee can gather the packages of its branches.',
  org: 'Org',
  orgPlaceholder: 'Choose the org to export (type to search)',
  download: 'Download package',
  choose: 'Import a package…',
  reading: 'Reading and checking the package…',
  downloaded: 'Package downloaded: {name} ({n} records)',
  merged: 'Package imported: {added} added, {updated} updated, {kept} kept as they were here',
  nothingNew: 'Every record of the package is already here; nothing changed',
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
    newer: 'Newer',
    same: 'Same',
    older: 'Newer here',
    conflict: 'Conflicts',
    deletedHere: 'Deleted here',
    conflicts: 'Conflicts (changed on both sides since the last exchange): choose for each',
    noConflicts: 'No conflicts',
    record: 'Record',
    mine: 'Keep mine',
    theirs: 'Take theirs',
    mineAt: 'Changed here at',
    theirsAt: 'Changed there at',
    fields: 'Fields that differ',
    allMine: 'Keep all mine',
    allTheirs: 'Take all theirs',
    confirm: 'Import',
    hint: 'The import is one transaction: all of it is written or none. Before anything here is overwritten, the data as it is goes to the recycle bin as one snapshot.',
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
  db: {
    quota:
      'Storage is full: this was not saved. Everything saved before is still there; download a backup, free some browser storage and try again.',
    versionChange: 'The database was opened by a newer version; please refresh',
    versionChangeText:
      'Another tab opened a newer version of the app and upgraded the database. This page has let go of the database; refresh to continue. Saved data is not affected.',
    refresh: 'Refresh',
  },
}
