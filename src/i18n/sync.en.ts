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
}
