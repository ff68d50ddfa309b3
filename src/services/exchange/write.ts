import { newId, nowIso, readDeviceId, readExchangePayload, SCHEMA_VERSION } from '@/db'
import { canonicalJson, joinCanonicalTables } from '@/domain/backupFormat'
import {
  EXCHANGE_FORMAT,
  EXCHANGE_FORMAT_VERSION,
  exchangeFileName,
  type ExchangeHeader,
} from '@/domain/exchange'
import { encodeBlobs } from '../backup/blobs'
import { gzip, sha256Hex } from '../backup/bytes'
import { sealFile } from '../backup/seal'

export interface CreatedPackage {
  blob: Blob
  fileName: string
  header: ExchangeHeader
  /** Whether the file is sealed with a passphrase. */
  sealed: boolean
}

/** The canonical payload text and its SHA-256, as the backup file takes them. */
export async function canonicalPackagePayload(
  tables: Readonly<Record<string, readonly unknown[]>>,
): Promise<{ text: string; checksum: string }> {
  const texts: Record<string, string> = {}
  for (const [name, rows] of Object.entries(tables)) texts[name] = canonicalJson(rows)
  const text = joinCanonicalTables(texts)
  return { text, checksum: await sha256Hex(text) }
}

/**
 * One org's package, format 2 (db/repositories/exchange.ts says what it holds): the backup's
 * file machinery (gzip, canonical JSON, SHA-256, Blobs as base64) under its own header, which
 * records this device's id, the org, when it was made and a checkpoint.
 */
export async function createExchangePackage(
  orgId: string,
  now: Date = new Date(),
  passphrase?: string,
): Promise<CreatedPackage> {
  const [sourceDeviceId, { root, payload, revisions }] = await Promise.all([
    readDeviceId(),
    readExchangePayload(orgId),
  ])
  const tables: Record<string, unknown[]> = {}
  for (const [name, rows] of Object.entries(payload)) tables[name] = await encodeBlobs(rows)
  const { text, checksum } = await canonicalPackagePayload(tables)
  const header: ExchangeHeader = {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    app: 'zhibu',
    schemaVersion: SCHEMA_VERSION,
    createdAt: nowIso(),
    sourceDeviceId,
    scope: { orgId: root.id, orgName: root.name, orgType: root.type },
    checkpoint: { id: newId(), revisions },
    counts: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])),
    checksum,
  }
  const json = `${JSON.stringify(header).slice(0, -1)},"payload":${text}}`
  const bytes = await gzip(json)
  const inner = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' })
  return {
    sealed: !!passphrase,
    blob: passphrase
      ? await sealFile(inner, passphrase, {
          content: 'package',
          createdAt: header.createdAt,
          schemaVersion: header.schemaVersion,
          counts: header.counts,
          orgName: header.scope.orgName,
        })
      : inner,
    fileName: exchangeFileName(root.name, now),
    header,
  }
}
