/**
 * A sealed (passphrase-encrypted) .zhibu backup or .zhibupkg package, as pure rules: the
 * readable header, the per-chunk nonces and the passphrase strength hint. The crypto itself
 * (WebCrypto) lives in services/crypto.
 *
 * Layout: one line of JSON (the header, readable by anyone: what the file is, when it was
 * made, how many records per table, the cipher and KDF parameters), '\n', then the inner
 * file (the gzip backup or package) as AES-256-GCM chunks. Each chunk is `chunkBytes` of
 * plaintext (the last one shorter, possibly empty) plus its 16-byte tag; its nonce is
 * `noncePrefix ‖ index (uint32 BE) ‖ last (0 or 1)` and its additional data the header line,
 * so a reordered, dropped, truncated or extended chunk and an edited header all fail to
 * decrypt (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, 2015).
 * `keyCheck` is the tag of an empty plaintext under a nonce no chunk uses: it tells a wrong
 * passphrase from a damaged file.
 */
import { BackupError } from './backupFormat'

export const SEALED_FORMAT = 'zhibu-sealed'
export const SEALED_FORMAT_VERSION = 1
export const SEALED_CIPHER = 'AES-256-GCM'
/** OWASP Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA256, 600,000 iterations. */
export const PBKDF2_ITERATIONS = 600_000
/** A file asking for more would only make the reader wait: refused. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000
export const DEFAULT_CHUNK_BYTES = 1024 * 1024
export const SALT_BYTES = 16
export const NONCE_PREFIX_BYTES = 7
export const TAG_BYTES = 16
export const MAX_HEADER_BYTES = 16 * 1024
const MIN_CHUNK_BYTES = 1024
const MAX_CHUNK_BYTES = 16 * 1024 * 1024

export type SealedContent = 'backup' | 'package'

/** What a sealed file says of itself in the clear. */
export interface SealedHeader {
  format: typeof SEALED_FORMAT
  formatVersion: number
  app: 'zhibu'
  content: SealedContent
  createdAt: string
  schemaVersion: number
  /** Records per table (no record's content). */
  counts: Record<string, number>
  /** For a package: the org it covers, as the package's own header names it. */
  orgName?: string
  cipher: typeof SEALED_CIPHER
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string }
  noncePrefix: string
  chunkBytes: number
  keyCheck: string
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function base64Length(text: unknown): number {
  if (typeof text !== 'string' || !BASE64.test(text) || text.length % 4 !== 0) return -1
  return (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0)
}

/** The first bytes of a sealed file: its header line starts so, a gzip file never does. */
export function looksSealed(bytes: Uint8Array): boolean {
  const start = '{"app":"zhibu"'
  if (bytes.length < start.length) return false
  for (let i = 0; i < start.length; i++) if (bytes[i] !== start.charCodeAt(i)) return false
  return true
}

/**
 * A parsed header line, checked field by field; `expected` is what the reader was asked
 * for (a package offered to the backup reader is refused as not a backup).
 */
export function checkSealedHeader(value: unknown, expected: SealedContent): SealedHeader {
  const bad = (field: string) => new BackupError('notBackup', { field })
  if (!isPlainObject(value) || value.format !== SEALED_FORMAT || value.app !== 'zhibu') {
    throw bad('format')
  }
  if (value.formatVersion !== SEALED_FORMAT_VERSION) {
    throw new BackupError('formatVersion', {
      found: String(value.formatVersion),
      expected: SEALED_FORMAT_VERSION,
    })
  }
  if (value.content !== expected) throw bad('content')
  if (typeof value.createdAt !== 'string' || !ISO_DATE_TIME.test(value.createdAt)) {
    throw bad('createdAt')
  }
  if (!Number.isInteger(value.schemaVersion) || (value.schemaVersion as number) < 1) {
    throw bad('schemaVersion')
  }
  const counts = value.counts
  if (!isPlainObject(counts)) throw bad('counts')
  for (const count of Object.values(counts)) {
    if (!Number.isInteger(count) || (count as number) < 0) throw bad('counts')
  }
  if (value.orgName !== undefined && typeof value.orgName !== 'string') throw bad('orgName')
  if (value.cipher !== SEALED_CIPHER) throw bad('cipher')
  const kdf = value.kdf
  if (!isPlainObject(kdf) || kdf.name !== 'PBKDF2' || kdf.hash !== 'SHA-256') throw bad('kdf')
  const iterations = kdf.iterations
  if (
    !Number.isInteger(iterations) ||
    (iterations as number) < PBKDF2_ITERATIONS ||
    (iterations as number) > MAX_PBKDF2_ITERATIONS
  ) {
    throw bad('kdf')
  }
  if (base64Length(kdf.salt) !== SALT_BYTES) throw bad('kdf')
  if (base64Length(value.noncePrefix) !== NONCE_PREFIX_BYTES) throw bad('noncePrefix')
  const chunkBytes = value.chunkBytes
  if (
    !Number.isInteger(chunkBytes) ||
    (chunkBytes as number) < MIN_CHUNK_BYTES ||
    (chunkBytes as number) > MAX_CHUNK_BYTES
  ) {
    throw bad('chunkBytes')
  }
  if (base64Length(value.keyCheck) !== TAG_BYTES) throw bad('keyCheck')
  return value as unknown as SealedHeader
}

/** The nonce of chunk `index`; `last` marks the final chunk, `check` the key check. */
export function chunkNonce(
  prefix: Uint8Array,
  index: number,
  kind: 'chunk' | 'last' | 'check',
): Uint8Array<ArrayBuffer> {
  const nonce = new Uint8Array(12)
  nonce.set(prefix.subarray(0, NONCE_PREFIX_BYTES), 0)
  new DataView(nonce.buffer).setUint32(NONCE_PREFIX_BYTES, index >>> 0, false)
  nonce[11] = kind === 'chunk' ? 0 : kind === 'last' ? 1 : 2
  return nonce
}

/** The key check's nonce: index 0xffffffff, flag 2, which no chunk ever has. */
export const KEY_CHECK_INDEX = 0xffffffff

/**
 * How a sealed body of `bodyBytes` splits into chunks: all full but the last, which is
 * shorter than a full one (the writer adds an empty last chunk when the plaintext fills the
 * chunks exactly). Null when no such split exists: the file was cut or extended.
 */
export function chunkLayout(
  bodyBytes: number,
  chunkBytes: number,
): { full: number; lastBytes: number } | null {
  const sealed = chunkBytes + TAG_BYTES
  const full = Math.floor(bodyBytes / sealed)
  const lastBytes = bodyBytes - full * sealed
  if (lastBytes < TAG_BYTES) return null
  return { full, lastBytes }
}

export type PassphraseStrength = 'empty' | 'tooShort' | 'weak' | 'fair' | 'strong'
export const MIN_PASSPHRASE_LENGTH = 8

/**
 * A rough strength hint from length and the kinds of characters used (bits ≈ length ×
 * log2 of the alphabet), with runs and repeats counted once: a hint for the person typing,
 * not a guarantee. Shorter than MIN_PASSPHRASE_LENGTH characters is refused.
 */
export function passphraseStrength(text: string): PassphraseStrength {
  const chars = [...text]
  if (chars.length === 0) return 'empty'
  if (chars.length < MIN_PASSPHRASE_LENGTH) return 'tooShort'
  let alphabet = 0
  if (/[0-9]/.test(text)) alphabet += 10
  if (/[a-z]/.test(text)) alphabet += 26
  if (/[A-Z]/.test(text)) alphabet += 26
  if (/[^0-9a-zA-Z\u4e00-\u9fff]/.test(text)) alphabet += 33
  if (/[\u4e00-\u9fff]/.test(text)) alphabet += 3000
  // Characters that only continue a run (aaaa, 1234, abcd) add little.
  let effective = 1
  for (let i = 1; i < chars.length; i++) {
    const step = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!
    if (Math.abs(step) > 1) effective += 1
    else effective += 0.25
  }
  const distinct = new Set(chars).size
  effective = Math.min(effective, distinct * 2)
  const bits = effective * Math.log2(Math.max(alphabet, 2))
  if (bits < 40) return 'weak'
  if (bits < 80) return 'fair'
  return 'strong'
}
