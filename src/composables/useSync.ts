import { computed, ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { listAllOrgIds, listSubtreeOrgIds, readDeviceId, readRecordNames, REGISTER_DB } from '@/db'
import { useLiveQuery } from './useLiveQuery'
import { SYNC_STORAGE_KEY as STORAGE_KEY } from './useSyncResume'
import {
  CouchClient,
  DEPARTMENT_DATABASE,
  isPlainHttpBeyondLoopback,
  DeviceSync,
  isDepartment,
  normaliseServerUrl,
  orgDatabaseName,
  orgIdsOfRoles,
  SyncError,
  type DeviceSyncStatus,
  type SyncTarget,
} from '@/services/sync'

/**
 * Live sync for the whole app: one engine, started when the user signs in on /data/sync and
 * again when the app opens with a session (the cookie is the browser's; the password is never
 * kept). What is kept (localStorage `zhibu.sync`): the server's address, the account's name
 * and roles (so the databases are known offline), and extra orgs the user asked to sync.
 */

export interface SavedSync {
  url: string
  name: string
  roles: string[]
  /** Orgs synced beyond the roles' subtrees (each its own database; the server decides). */
  extraOrgIds: string[]
}

function readSaved(): SavedSync | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    if (!raw || typeof raw !== 'object') return null
    const data = raw as Record<string, unknown>
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
    if (typeof data.url !== 'string') return null
    return {
      url: data.url,
      name: typeof data.name === 'string' ? data.name : '',
      roles: strings(data.roles),
      extraOrgIds: strings(data.extraOrgIds),
    }
  } catch {
    return null
  }
}

function writeSaved(value: SavedSync | null): void {
  if (value) localStorage.setItem(STORAGE_KEY, JSON.stringify(value))
  else localStorage.removeItem(STORAGE_KEY)
}

const saved = ref<SavedSync | null>(readSaved())
const status = shallowRef<DeviceSyncStatus | null>(null)
/** The session ended (or was never there): the page asks to sign in, nothing is lost. */
const needsSignIn = ref(false)
let engine: DeviceSync | null = null
let client: CouchClient | null = null

/** The databases of an account: each role's org subtree (as the tree is here), the extras. */
export async function targetsOf(roles: readonly string[], extra: readonly string[]) {
  const orgIds = new Set<string>()
  const department = isDepartment(roles)
  if (department) for (const id of await listAllOrgIds()) orgIds.add(id)
  for (const id of [...orgIdsOfRoles(roles), ...extra]) {
    for (const sub of await listSubtreeOrgIds(id)) orgIds.add(sub)
  }
  const targets: SyncTarget[] = department
    ? [{ orgId: REGISTER_DB, database: DEPARTMENT_DATABASE }]
    : []
  for (const orgId of orgIds) targets.push({ orgId, database: orgDatabaseName(orgId) })
  return targets
}

function onOnline(): void {
  engine?.retryNow()
}

async function start(): Promise<void> {
  const current = saved.value
  if (!current || !client) return
  if (engine) {
    engine.retryNow()
    return
  }
  engine = new DeviceSync({
    client,
    deviceId: await readDeviceId(),
    targets: () => targetsOf(saved.value?.roles ?? [], saved.value?.extraOrgIds ?? []),
    onStatus: (next) => {
      status.value = next
      // Cleared only by signing in: a round starting again does not end the request.
      if (next.state === 'signedOut') needsSignIn.value = true
    },
  })
  engine.start()
  window.addEventListener('online', onOnline)
}

async function stop(): Promise<void> {
  window.removeEventListener('online', onOnline)
  await engine?.stop()
  engine = null
  status.value = null
}

/** Sign in with `_session` and start (or, after an expired session, resume) the sync. */
async function signIn(url: string, name: string, password: string): Promise<void> {
  const address = normaliseServerUrl(url)
  if (engine && client?.url !== address) await stop()
  client = client?.url === address ? client : new CouchClient({ url: address })
  const session = await client.signIn(name, password)
  saved.value = {
    url: address,
    name: session.name ?? name,
    roles: session.roles,
    extraOrgIds: saved.value?.url === address ? (saved.value.extraOrgIds ?? []) : [],
  }
  writeSaved(saved.value)
  needsSignIn.value = false
  await start()
}

async function signOut(): Promise<void> {
  const current = client
  await stop()
  await current?.signOut().catch(() => undefined)
  client = null
  if (saved.value) {
    saved.value = { ...saved.value, name: '', roles: [] }
    writeSaved(saved.value)
  }
}

/** At app start: a kept session resumes the sync; an ended one asks to sign in again. */
async function resume(): Promise<void> {
  const current = saved.value
  if (!current || current.roles.length === 0 || engine) return
  client = new CouchClient({ url: current.url })
  try {
    // An ended session: the page asks to sign in; the databases show as waiting for it.
    if (!(await client.session()).name) needsSignIn.value = true
  } catch (error) {
    // Offline: sync with the roles kept; it goes on by itself once the server answers.
    if (!(error instanceof SyncError)) throw error
  }
  await start()
}

async function setExtraOrgs(orgIds: string[]): Promise<void> {
  if (!saved.value) return
  saved.value = { ...saved.value, extraOrgIds: orgIds }
  writeSaved(saved.value)
  engine?.retryNow()
}

export function useSync() {
  return {
    saved,
    status,
    needsSignIn,
    signedIn: computed(() => (saved.value?.roles.length ?? 0) > 0 && !needsSignIn.value),
    signIn,
    signOut,
    resume,
    retryNow: () => engine?.retryNow(),
    setExtraOrgs,
  }
}

/** A sync error in the user's words: `label` names the database (its org's name). */
export function useSyncWords() {
  const { t } = useI18n()
  return (error: SyncError | null, label: string): string =>
    error ? t(`sync.errors.${error.code}`, { database: label, status: error.status }) : ''
}

/** The names of the orgs of the synced databases (live: a pull may bring or rename them). */
export function useOrgNames(ids: Ref<string[]>): Ref<Record<string, string>> {
  const key = computed(() => [...new Set(ids.value)].sort().join(','))
  const names = useLiveQuery(() => readRecordNames(key.value.split(',').filter(Boolean)), [key])
  return computed(() => names.data.value ?? {})
}

/** Credentials to this address would cross the network in clear (http beyond loopback). */
export function warnsPlainHttp(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol) && isPlainHttpBeyondLoopback(url)
  } catch {
    return false
  }
}

/** A sign-in failure in words (a SyncError's code), or the error's own text. */
export function useSignInWords() {
  const { t } = useI18n()
  return (error: unknown, url: string): string =>
    error instanceof SyncError
      ? t(`sync.errors.${error.code}`, { database: url, status: error.status })
      : String(error)
}
