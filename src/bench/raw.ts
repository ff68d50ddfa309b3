/**
 * The floor: IndexedDB through its own API, no Dexie and no app code, so each
 * app figure can be printed as a ratio to what the browser itself can do here.
 */

export interface StoreDef {
  name: string
  keyPath: string | string[]
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[]
}

function done(request: IDBRequest | IDBOpenDBRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
  })
}

function finished(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    transaction.onerror = () => reject(transaction.error)
    transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'))
  })
}

/** A Dexie database's stores and indexes as the raw API creates them (the floor's schema). */
export function storeDefsOf(
  tables: readonly {
    name: string
    schema: {
      primKey: { keyPath?: string | string[] | null }
      indexes: readonly {
        name: string
        keyPath?: string | string[] | null
        unique?: boolean
        multi?: boolean
      }[]
    }
  }[],
): StoreDef[] {
  return tables.map((table) => ({
    name: table.name,
    keyPath: table.schema.primKey.keyPath ?? 'id',
    indexes: table.schema.indexes.map((index) => ({
      name: index.name,
      keyPath: index.keyPath ?? index.name,
      unique: !!index.unique,
      multiEntry: !!index.multi,
    })),
  }))
}

export async function deleteDatabase(name: string): Promise<void> {
  await done(indexedDB.deleteDatabase(name))
}

/** A fresh database with the given stores and indexes (what was there is deleted). */
export async function openRawDatabase(name: string, stores: StoreDef[]): Promise<IDBDatabase> {
  await deleteDatabase(name)
  const request = indexedDB.open(name, 1)
  request.onupgradeneeded = () => {
    for (const def of stores) {
      const store = request.result.createObjectStore(def.name, { keyPath: def.keyPath })
      for (const index of def.indexes) {
        store.createIndex(index.name, index.keyPath, {
          unique: index.unique,
          multiEntry: index.multiEntry,
        })
      }
    }
  }
  await done(request)
  return request.result
}

/** An existing database as it is (no version given: no upgrade). */
async function openExisting(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name)
  await done(request)
  return request.result
}

async function rawWrite(
  db: IDBDatabase,
  tables: string[],
  rowsOf: (table: string) => readonly object[],
  method: 'add' | 'put',
): Promise<void> {
  const transaction = db.transaction(tables, 'readwrite')
  const complete = finished(transaction)
  for (const table of tables) {
    const store = transaction.objectStore(table)
    for (const row of rowsOf(table)) store[method](row)
  }
  await complete
}

/** add() every row without awaiting each, in one transaction over `tables`. */
export function rawAdd(
  db: IDBDatabase,
  tables: string[],
  rowsOf: (table: string) => readonly object[],
): Promise<void> {
  return rawWrite(db, tables, rowsOf, 'add')
}

/** put() every row without awaiting each, in one transaction over `tables` (updates in place). */
export function rawPut(
  db: IDBDatabase,
  tables: string[],
  rowsOf: (table: string) => readonly object[],
): Promise<void> {
  return rawWrite(db, tables, rowsOf, 'put')
}

function getAll(source: IDBObjectStore | IDBIndex, query?: IDBValidKey): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = source.getAll(query)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** The reads of readCoverageInput(): all firms, all orgs, full and probationary members. */
export async function rawReadCoverageStores(name: string): Promise<number> {
  const db = await openExisting(name)
  try {
    const transaction = db.transaction(['firms', 'orgs', 'members'], 'readonly')
    const stage = transaction.objectStore('members').index('stage')
    const lists = await Promise.all([
      getAll(transaction.objectStore('firms')),
      getAll(transaction.objectStore('orgs')),
      getAll(stage, 'full'),
      // The floor uses no app code, so not even domain's STAGE: the raw value is the point.
      // eslint-disable-next-line zhibu/no-stage-literal
      getAll(stage, 'probationary'),
    ])
    return lists.reduce((sum, list) => sum + list.length, 0)
  } finally {
    db.close()
  }
}

/** Count the entries of an index whose key starts with `prefix`. */
export async function rawCountRange(
  name: string,
  table: string,
  indexName: string,
  prefix: string,
): Promise<number> {
  const db = await openExisting(name)
  try {
    const index = db.transaction(table, 'readonly').objectStore(table).index(indexName)
    const request = index.count(IDBKeyRange.bound(prefix, `${prefix}\uffff`))
    await done(request)
    return request.result
  } finally {
    db.close()
  }
}
