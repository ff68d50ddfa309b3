/** Live sync with the department's server: its states and errors in words (codes from src/services/sync). */
export default {
  state: {
    starting: 'Connecting',
    syncing: 'Syncing',
    idle: 'Up to date',
    offline: 'Offline; continues once connected',
    signedOut: 'Session expired: sign in again',
    failed: 'Sync stopped',
    stopped: 'Not syncing',
  },
  errors: {
    offline:
      'The sync server cannot be reached (no network, or the server is restarting). Every change here is saved; sync continues once connected.',
    unauthorized:
      'Not signed in, or the session expired: sign in again. Every change here is saved; sync continues after signing in.',
    badCredentials: 'Wrong user name or password.',
    forbidden:
      'This account has no access to "{database}": it syncs only the databases of its own org and the orgs under it.',
    notFound:
      'The server has no database "{database}": the organisation department must finish the server setup first.',
    server: 'The sync server failed ({status}); trying again shortly.',
    badRequest: 'The server refused the sync request ({status}).',
    local: 'This device could not read or store the records that arrived (storage may be full).',
    aborted: 'Sync stopped.',
  },
  plainHttp:
    'This address is not HTTPS: passwords and records would cross the network in clear. Only for trying out on this computer; ask the organisation department for HTTPS.',
  page: {
    title: 'Sync',
    subtitle:
      "Exchange records with the organisation department's sync server: keep working offline, changes go and come once connected",
    back: 'Data',
    server: 'Server',
    address: 'Server address',
    addressPlaceholder: 'e.g. https://zhibu.example.org/couchdb/',
    addressInvalid: 'The server address must start with http:// or https://',
    name: 'User name',
    password: 'Password',
    passwordHint: 'The password is used to sign in only; this device never keeps it.',
    required: 'Please enter the {field}',
    signIn: 'Sign in and sync',
    signInAgain: 'Sign in again',
    signOut: 'Stop syncing',
    signedInAs: 'Signed in as {name}',
    signedOut: 'Sync stopped. Every record on this device is still here.',
    sessionEnded:
      'The session expired. Enter the password again; every change here is saved and syncs after signing in.',
    roles: 'This account syncs',
    department: 'The organisation department (every org and the register of firms)',
    status: 'Status',
    state: 'State',
    lastSync: 'Last sync',
    never: 'Not yet',
    waiting: 'Changes waiting to upload',
    waitingNone: 'None',
    waitingCount: '{n}',
    denied: 'Refused as out of scope',
    deniedCount:
      "{n} (records that arrived lie outside the database's org subtree and were not stored)",
    firstSync: 'First sync: {done} done, about {left} to go',
    retry: 'Retry now',
    notSetUp:
      'No sync server yet. Enter the address, user name and password the organisation department gave you.',
    databases: 'Databases synced',
    org: 'Org',
    database: 'Database',
    register: 'Register of firms (organisation department)',
    noDatabases: "After signing in, the account's databases are listed here",
    extra: 'Also sync another org',
    extraHint: 'Only orgs the account may access can sync; otherwise the table above says why.',
    extraAdd: 'Add',
    extraRemove: 'Remove',
    targetState: {
      waiting: 'Waiting',
      syncing: 'Syncing',
      idle: 'Up to date',
      offline: 'Offline',
      signedOut: 'Sign in again',
      failed: 'Stopped',
    },
  },
  card: {
    title: 'Sync',
    intro:
      "Connected to the organisation department's sync server, changes made here upload by themselves and changes made elsewhere arrive.",
    open: 'Open sync',
    none: 'Not connected',
  },
}
