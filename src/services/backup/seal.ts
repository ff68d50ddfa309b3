import { BackupError, parseBackupJson } from '@/domain/backupFormat'
import {
  checkSealedHeader,
  chunkLayout,
  chunkNonce,
  DEFAULT_CHUNK_BYTES,
  KEY_CHECK_INDEX,
  looksSealed,
  MAX_HEADER_BYTES,
  NONCE_PREFIX_BYTES,
  PBKDF2_ITERATIONS,
  SALT_BYTES,
  SEALED_CIPHER,
  SEALED_FORMAT,
  SEALED_FORMAT_VERSION,
  TAG_BYTES,
  type SealedContent,
  type SealedHeader,
} from '@/domain/sealedFormat'
import { base64ToBytes, bytesToBase64 } from './bytes'

/**
 * Sealing a backup or package with a passphrase, through WebCrypto only (AES-256-GCM, the
 * key by PBKDF2-SHA-256; domain/sealedFormat.ts has the layout). A chunk at a time, so a
 * province's file is never one buffer; the result of opening is a Blob of the inner file,
 * which the usual readers then check as if it had never been sealed.
 */

const KEY_CHECK_AAD = new TextEncoder().encode('zhibu-sealed key check')

/** What the header tells before any passphrase: for the prompt and the preview. */
export type SealedInfo = Pick<SealedHeader, 'content' | 'createdAt' | 'counts' | 'orgName'>

/**
 * The last keys derived, by passphrase, salt and iterations: a check and then a restore of
 * the same file (and the fuzzers) derive once. Non-extractable CryptoKeys, in memory only.
 */
const keyCache = new Map<string, Promise<CryptoKey>>()

function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const id = `${iterations}:${bytesToBase64(salt)}:${passphrase}`
  const cached = keyCache.get(id)
  if (cached) return cached
  const derived = (async () => {
    const base = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(passphrase.normalize('NFC')),
      'PBKDF2',
      false,
      ['deriveKey'],
    )
    return crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    )
  })()
  keyCache.set(id, derived)
  if (keyCache.size > 4) keyCache.delete(keyCache.keys().next().value!)
  derived.catch(() => keyCache.delete(id))
  return derived
}

export interface SealOptions {
  content: SealedContent
  createdAt: string
  schemaVersion: number
  counts: Record<string, number>
  orgName?: string
  chunkBytes?: number
  iterations?: number
}

/** The inner file sealed with `passphrase`: header line, then the chunks. */
export async function sealFile(
  inner: Blob,
  passphrase: string,
  options: SealOptions,
): Promise<Blob> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES
  const iterations = options.iterations ?? PBKDF2_ITERATIONS
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const prefix = crypto.getRandomValues(new Uint8Array(NONCE_PREFIX_BYTES))
  const key = await deriveKey(passphrase, salt, iterations)
  const check = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: chunkNonce(prefix, KEY_CHECK_INDEX, 'check'),
      additionalData: KEY_CHECK_AAD,
    },
    key,
    new Uint8Array(0),
  )
  const header: SealedHeader = {
    app: 'zhibu',
    format: SEALED_FORMAT,
    formatVersion: SEALED_FORMAT_VERSION,
    content: options.content,
    createdAt: options.createdAt,
    schemaVersion: options.schemaVersion,
    counts: options.counts,
    ...(options.orgName === undefined ? {} : { orgName: options.orgName }),
    cipher: SEALED_CIPHER,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: bytesToBase64(salt) },
    noncePrefix: bytesToBase64(prefix),
    chunkBytes,
    keyCheck: bytesToBase64(new Uint8Array(check)),
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const parts: BlobPart[] = [headerBytes, new Uint8Array([10])]
  const full = Math.floor(inner.size / chunkBytes)
  for (let index = 0; index <= full; index++) {
    const plain = new Uint8Array(
      await inner.slice(index * chunkBytes, (index + 1) * chunkBytes).arrayBuffer(),
    )
    const sealed = await crypto.subtle.encrypt(
      {
        name: 'AES-GCM',
        iv: chunkNonce(prefix, index, index === full ? 'last' : 'chunk'),
        additionalData: headerBytes,
      },
      key,
      plain,
    )
    parts.push(sealed)
  }
  return new Blob(parts, { type: 'application/octet-stream' })
}

interface ParsedSealed {
  header: SealedHeader
  headerBytes: Uint8Array<ArrayBuffer>
  bodyStart: number
}

/** The header of a sealed file, or null when the file is not sealed (a plain gzip file). */
async function parseSealed(file: Blob, expected: SealedContent): Promise<ParsedSealed | null> {
  const start = new Uint8Array(await file.slice(0, MAX_HEADER_BYTES).arrayBuffer())
  if (!looksSealed(start)) return null
  const end = start.indexOf(10)
  if (end < 0) throw new BackupError('notBackup', { field: 'header' })
  const headerBytes = start.slice(0, end)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes)
  } catch {
    throw new BackupError('notJson')
  }
  const header = checkSealedHeader(parseBackupJson(text), expected)
  return { header, headerBytes, bodyStart: end + 1 }
}

/** What a sealed file says in the clear, or null when it is not sealed. */
export async function readSealedInfo(
  file: Blob,
  expected: SealedContent,
): Promise<SealedInfo | null> {
  const parsed = await parseSealed(file, expected)
  if (!parsed) return null
  const { content, createdAt, counts, orgName } = parsed.header
  return { content, createdAt, counts, ...(orgName === undefined ? {} : { orgName }) }
}

/**
 * The inner file of a sealed one, checked chunk by chunk: 'passphraseNeeded' without a
 * passphrase, 'wrongPassphrase' when the key check fails, 'tampered' when a chunk or the
 * header was changed, cut, reordered or extended. A file that is not sealed comes back as
 * it is, for the usual reader. Nothing is written anywhere.
 */
export async function openSealedFile(
  file: Blob,
  expected: SealedContent,
  passphrase?: string,
): Promise<{ inner: Blob; sealed: SealedInfo | null }> {
  const parsed = await parseSealed(file, expected)
  if (!parsed) return { inner: file, sealed: null }
  const { header, headerBytes, bodyStart } = parsed
  const info: SealedInfo = {
    content: header.content,
    createdAt: header.createdAt,
    counts: header.counts,
    ...(header.orgName === undefined ? {} : { orgName: header.orgName }),
  }
  if (passphrase === undefined || passphrase === '') throw new BackupError('passphraseNeeded')
  const salt = base64ToBytes(header.kdf.salt)
  const prefix = base64ToBytes(header.noncePrefix)
  const key = await deriveKey(passphrase, salt, header.kdf.iterations)
  try {
    await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: chunkNonce(prefix, KEY_CHECK_INDEX, 'check'),
        additionalData: KEY_CHECK_AAD,
      },
      key,
      base64ToBytes(header.keyCheck),
    )
  } catch {
    throw new BackupError('wrongPassphrase')
  }
  const layout = chunkLayout(file.size - bodyStart, header.chunkBytes)
  if (!layout) throw new BackupError('tampered')
  const sealedChunk = header.chunkBytes + TAG_BYTES
  const parts: BlobPart[] = []
  for (let index = 0; index <= layout.full; index++) {
    const from = bodyStart + index * sealedChunk
    const to = index === layout.full ? file.size : from + sealedChunk
    const sealed = await file.slice(from, to).arrayBuffer()
    try {
      const plain = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: chunkNonce(prefix, index, index === layout.full ? 'last' : 'chunk'),
          additionalData: headerBytes,
        },
        key,
        sealed,
      )
      parts.push(plain)
    } catch {
      throw new BackupError('tampered', { row: index + 1 })
    }
  }
  return { inner: new Blob(parts, { type: 'application/gzip' }), sealed: info }
}
