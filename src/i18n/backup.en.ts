/** Backup, restore and storage messages; added to en.ts as `backup`. */
export default {
  title: 'Backup and restore',
  intro:
    "The data lives only in this computer's browser. Download a backup file (.zhibu) regularly and keep it on a USB drive or a shared drive; restore from it on a new computer or when something goes wrong.",
  lastBackup: 'Last backup: {at}',
  neverBackedUp: 'No backup has been made on this computer',
  reminderDue: 'The last backup was {days} days ago (reminder after {limit} days). Please back up.',
  reminderNever: 'The data on this computer has never been backed up. Please download a backup.',
  download: 'Download backup',
  choose: 'Restore from a backup file…',
  reading: 'Reading and checking the backup file…',
  progress: {
    backup: 'Backing up: {done} of {total} records read',
    check: 'Checking the backup file: {done} of {total} read',
    restore: 'Restoring: {done} of {total} records written',
    background: 'This runs in the background; the page stays usable. Please keep this page open.',
  },
  downloaded: 'Backup downloaded: {name} ({size})',
  downloadedSealed:
    'Encrypted backup downloaded: {name} ({size}). Remember the passphrase: without it the backup cannot be restored.',
  seal: {
    title: { backup: 'Download backup', package: 'Download package' },
    intro:
      "The file holds members' ID numbers, phone numbers, birth dates and other personal data. Choose a passphrase to encrypt it: without the passphrase nobody who finds the file can read it.",
    passphrase: 'Passphrase',
    repeat: 'Passphrase again',
    tooShort: 'At least {n} characters',
    mismatch: 'The two passphrases differ',
    strength: {
      empty: 'Type a passphrase (at least {n} characters)',
      tooShort: 'Too short: at least {n} characters',
      weak: 'Strength: weak. Make it longer, or mix letters, digits and symbols',
      fair: 'Strength: fair',
      strong: 'Strength: strong',
    },
    remember:
      'Remember this passphrase, or give it separately to whoever will restore: a forgotten passphrase cannot be recovered, not even by this app.',
    confirm: 'Encrypt and download',
    plain: 'No encryption (not recommended)',
    plainWarningTitle: 'An unencrypted file holds personal data',
    plainWarning:
      'ID numbers, phone numbers and other personal data will be stored in plain text: anyone who gets the file (a USB drive, a chat, an e-mail) can read them. Use only when you must; keep it safe and delete it after use.',
    plainConfirm: 'Download without encryption',
    openTitle: 'Enter the passphrase',
    open: 'Decrypt and check',
    openHint:
      'The file is encrypted. Enter the passphrase chosen when it was made; a wrong passphrase or a changed file is refused and nothing is written.',
    kind: 'File',
    kinds: { backup: 'Encrypted backup', package: 'Encrypted package' },
    org: 'Organisation',
  },
  restored: 'Restored from the backup: {added} added, {updated} updated',
  restoredKept:
    'Merged from the backup: {added} added, {updated} updated, {deleted} deleted, {conflicts} in conflict (both versions kept: choose on the conflicts page), {kept} already here',
  preview: {
    title: 'What the backup holds',
    file: 'File',
    createdAt: 'Backed up at',
    schema: 'Data version',
    size: 'Size',
    sizeValue: '{file} ({json} uncompressed)',
    records: 'Records',
    checks: 'Checks',
    checkSealed: 'Passphrase right; every encrypted part whole and unchanged',
    checkGzip: 'Compressed data intact',
    checkFormat: 'File format version {n}',
    checkSchema: 'Database version {n}, same as this app',
    checkChecksum: 'SHA-256 checksum matches',
    checkShape: 'Every table passed the shape and id checks',
    legacyCodes:
      '{n} firms carry a credit code in an old form. They can be restored; afterwards bring each up to an 18-character code (the form asks for it when the firm is edited):',
    legacyItem: '{name} ({code}): {kind}',
    legacyMore: '… and {n} more',
    legacyKind: {
      organisationCode: '9-character organisation code (before GB 32100)',
      unverifiedOrgCode:
        '18 characters, but the organisation code inside fails its check (older versions did not read it)',
    },
    table: 'Table',
    count: 'Count',
    mode: 'Restore as',
    replace: 'Replace',
    replaceHint:
      "This computer's data becomes the backup's. What is here now goes to the recycle bin first, restorable.",
    merge: 'Merge',
    mergeHint:
      'By revision history: changes made in the backup after this device’s come over; later changes and deletions here stay; a record changed on both sides keeps both versions for you to choose. The whole database is not copied into the recycle bin.',
    confirm: 'Restore',
    confirmReplace:
      'Replace all data on this computer by the backup ({at}, {n} records)? What is here now goes to the recycle bin.',
  },
  tables: {
    meta: 'Device facts',
    auditLog: 'Audit log',
    recycleBin: 'Recycle bin',
  },
  errors: {
    title: 'This backup file cannot be used',
    empty: 'The file is empty.',
    tooLarge: 'The file is too large ({found}); the limit is {expected}.',
    notGzip: 'This is not a Zhibu backup (not a compressed .zhibu file).',
    corrupt:
      'The file is incomplete or damaged (perhaps a download or copy was cut short). Please use another backup.',
    decompressedTooLarge: 'The file inflates to more than {expected}; reading stopped.',
    notJson: 'The contents cannot be read (not valid backup data).',
    hostileKey: 'The file contains a forbidden field name "{field}" and was refused.',
    tooDeep: 'The file is nested too deeply and was refused.',
    notBackup: 'This is not a Zhibu backup, or its header is incomplete ({field}).',
    formatVersion:
      'Backup format version {found} is not supported (this app reads versions 1 to {expected}).',
    schemaNewer:
      'The backup comes from a newer app (data version {found}, this app {expected}). Please update this app first.',
    schemaOlder:
      'The backup comes from an older app (data version {found}, this app {expected}) and cannot be restored directly yet.',
    checksum: 'Checksum mismatch: the file was changed or damaged after the backup.',
    unknownTable: 'The file has a table this app does not know: "{table}".',
    missingTable: 'The file lacks the table "{table}".',
    countMismatch: 'Table "{table}" has {found} rows but its header says {expected}.',
    shape: 'Table "{table}", row {row} is malformed ({field}).',
    badId: 'Table "{table}", row {row} has an invalid id.',
    duplicateId: 'Table "{table}", row {row} repeats an id.',
    badKey: 'Table "{table}", row {row}: field "{field}" is invalid or repeated.',
    badBlob: 'Table "{table}", row {row}: the photo data is damaged.',
    passphraseNeeded: 'The file is encrypted: enter its passphrase.',
    wrongPassphrase: 'Wrong passphrase: the file was not opened and nothing was written.',
    tampered: 'The encrypted file is incomplete or was changed; refused, nothing was written.',
    badReference:
      'Table “{table}”, record {found}: field “{field}” points to a record that does not exist ({expected}); the whole file was refused.',
    quota:
      'The browser is out of storage space; nothing was restored and the data here is unchanged. Free some space and try again.',
    writeFailed: 'Writing failed; nothing was restored and the data here is unchanged ({found}).',
  },
  todo: {
    due: 'The last backup was {days} days ago (reminder after {limit} days): download one under Data',
    never: 'The data on this computer has never been backed up: download a backup under Data',
    conflicts:
      '{n} records were changed on two devices; both versions are kept: choose on the conflicts page',
  },
  recycle: {
    count: '{n} items',
    purge: 'Delete for good',
    purgeTitle: 'Delete for good',
    confirmPurge: 'Delete “{label}” for good? This cannot be undone.',
    confirmPurgeSnapshot: 'Delete “{label}” ({n} records) for good? This cannot be undone.',
    purged: 'Deleted for good',
    empty: 'Empty the recycle bin',
    confirmEmpty:
      'Delete all {n} items in the recycle bin for good (snapshots with every record in them)? This cannot be undone.',
    emptied: 'Recycle bin emptied: {n} items deleted for good',
    gone: 'This item is no longer in the recycle bin (it may have been restored or deleted in another window).',
    auditPurge: 'Deleted for good: {label}',
    auditEmpty: 'Emptied the recycle bin ({n} items)',
    auditResolve: 'Conflict resolved: {label}',
    auditRevert: 'Brought back to the version before a merge: {label}',
    auditErase: 'Personal data erased (Personal Information Protection Law, Art. 47)',
    auditErased: '(personal data erased)',
    eraseMember: 'Erase personal data',
  },
  erase: {
    action: 'Erase personal data',
    title: 'Erase personal data for good',
    warning:
      'The personal data of “{name}” will be erased from this device for good. This cannot be undone.',
    removes:
      'Erased: the member record (ID number, phone, birth date …), their transfers, dues and study records, and every copy in the recycle bin, the snapshots and the kept history.',
    keeps:
      'Kept: meetings, votes and committee seats keep only an anonymous id with no personal data; the seat’s name is cleared; attendance counts stay as they were.',
    replicates:
      'The deletion reaches other devices through sync and exchange packages; they receive a deletion: copies in their recycle bin, snapshots and old versions are not cleared with it.',
    backupsTitle: 'Backups and packages exported earlier still hold this person’s data',
    backups:
      'Only this device’s data can be erased. Backup files, exchange packages and copies on other devices are not touched: destroy them too; after restoring an old backup, erase the person again.',
    typeName: 'Type the member’s name “{name}” to confirm',
    confirm: 'Erase for good',
    done: 'The personal data of “{name}” was erased',
  },
  retention: {
    summary:
      'The recycle bin holds {n} whole-database snapshots, {size} in all (limits: {maxCount}, {maxSize}; set them on the Rules page).',
    over: 'Over the limit: the oldest {n} snapshots ({size}) can be pruned. Snapshots hold every person’s data as it was then.',
    prune: 'Prune the oldest {n}',
    confirm: 'Delete the oldest {n} snapshots ({labels}) for good? This cannot be undone.',
    pruned: '{n} snapshots pruned',
    count: '{n}',
    noLimit: 'no limit',
  },
  storage: {
    title: 'Storage on this computer',
    persisted: 'Persistent storage: on',
    notPersisted: 'Persistent storage: off',
    notAsked: 'Persistent storage: not asked yet',
    denied: 'The browser did not agree to persistent storage',
    persistedHint: 'The browser will not clear this app’s data when space runs low.',
    notPersistedHint:
      "When space runs low the browser may clear this app's data. Turn on persistent storage and back up regularly.",
    notAskedHint:
      'The first time real data is saved (loading the demo does not count), the app asks the browser to keep its data. Until then the browser may clear it when space runs low.',
    deniedHint:
      'Asked on {date}; the browser did not agree. This means: when disk space runs low the browser may clear all of this app’s data without asking, including what is not backed up yet. The app works as usual; download backups regularly. Sites that are bookmarked, often used or installed as an app are more likely to be granted it: ask again then.',
    requestAgain: 'Ask again',
    unsupported: 'This browser cannot report its storage state.',
    request: 'Request persistent storage',
    granted: 'Persistent storage is on',
    refused:
      'The browser did not grant persistent storage (often-used or installed sites get it more easily). Please back up regularly.',
    usage: '{used} used of {quota}',
  },
}
