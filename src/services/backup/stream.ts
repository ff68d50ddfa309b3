import { sha256 } from '@noble/hashes/sha2.js'
import { Gunzip, Gzip } from 'fflate'
import { BackupError } from '@/domain/backupFormat'

/**
 * The synchronous pieces of a streamed (format 2) backup: gzip out, gunzip in, lines,
 * SHA-256 and CRC-32, all without a promise, so they can run between the requests of one
 * IndexedDB transaction without letting it commit (fflate and @noble/hashes: the
 * browser's CompressionStream and crypto.subtle are asynchronous only).
 */

export type Sha256 = ReturnType<typeof sha256.create>

export function newSha256(): Sha256 {
  return sha256.create()
}

export function hexOf(hash: Sha256): string {
  return [...hash.digest()].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Compressed output, collected as chunks: the file is a Blob of them, never one array. */
export class GzipWriter {
  private readonly chunks: Uint8Array<ArrayBuffer>[] = []
  private readonly gzip: Gzip
  /** Bytes before compression. */
  inflatedBytes = 0

  constructor(level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 3) {
    this.gzip = new Gzip({ level, mem: 8 }, (chunk) => {
      this.chunks.push(chunk as Uint8Array<ArrayBuffer>)
    })
  }

  push(bytes: Uint8Array): void {
    this.inflatedBytes += bytes.byteLength
    this.gzip.push(bytes)
  }

  finish(): Blob {
    this.gzip.push(new Uint8Array(0), true)
    return new Blob(this.chunks, { type: 'application/gzip' })
  }
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c
  }
  return table
})()

/** CRC-32 as gzip's trailer holds it (fflate's streaming Gunzip does not check it). */
export class Crc32 {
  private crc = -1

  update(bytes: Uint8Array): void {
    let c = this.crc
    for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
    this.crc = c
  }

  value(): number {
    return ~this.crc >>> 0
  }
}

/** A file read synchronously by slices: FileReaderSync in a worker, memory elsewhere. */
export interface SyncSource {
  size: number
  read(offset: number, length: number): Uint8Array
}

interface FileReaderSyncLike {
  readAsArrayBuffer(blob: Blob): ArrayBuffer
}

export async function openSyncSource(file: Blob): Promise<SyncSource> {
  const Reader = (globalThis as { FileReaderSync?: new () => FileReaderSyncLike }).FileReaderSync
  if (Reader) {
    const reader = new Reader()
    return {
      size: file.size,
      read: (offset, length) =>
        new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length))),
    }
  }
  // Vitest and the main thread: the compressed bytes in memory (a province is tens of MB).
  const bytes = new Uint8Array(await file.arrayBuffer())
  return {
    size: bytes.byteLength,
    read: (offset, length) => bytes.subarray(offset, offset + length),
  }
}

/** How much of the compressed file is read per step. */
const SLICE_BYTES = 1024 * 1024
/**
 * How much of it is inflated at a time: deflate expands at most ~1,032 times, so a bomb
 * gets at most ~4 MB past the caps; and fflate is faster with small pushes than big ones.
 */
const PUSH_BYTES = 4 * 1024
/** A format-2 head line is a few hundred bytes; a format-1 file has no '\n' at all. */
const FIRST_LINE_BYTES = 64 * 1024

export interface LineLimits {
  maxLineBytes: number
  maxInflatedBytes: number
}

/**
 * Inflates a .zhibu file a slice at a time and hands out its lines (without the '\n'),
 * checking on the way: gzip magic, inflate errors ('corrupt'), the CRC-32 and length in
 * gzip's trailer ('corrupt'), the caps ('decompressedTooLarge': a bomb never gets the
 * memory it asks for). Synchronous: `next()` returns the next line or null at the end.
 */
export class LineReader {
  private offset = 0
  private readonly gunzip: Gunzip
  private readonly crc = new Crc32()
  private lines: Uint8Array[] = []
  private head = 0
  private partial: Uint8Array[] = []
  private partialBytes = 0
  private ended = false
  /** Inflated bytes so far. */
  inflatedBytes = 0
  /** Whether the last line had no '\n' after it. */
  unterminated = false
  private peeking = false
  private oversize = false

  constructor(
    private readonly source: SyncSource,
    private readonly limits: LineLimits,
  ) {
    const head = source.read(0, 3)
    if (source.size < 18 || head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 0x08) {
      throw new BackupError('notGzip')
    }
    this.gunzip = new Gunzip((chunk) => this.take(chunk))
  }

  /** Compressed bytes consumed so far, for progress. */
  get position(): number {
    return this.offset
  }

  private take(chunk: Uint8Array): void {
    this.inflatedBytes += chunk.byteLength
    if (this.inflatedBytes > this.limits.maxInflatedBytes) {
      throw new BackupError('decompressedTooLarge', { expected: this.limits.maxInflatedBytes })
    }
    this.crc.update(chunk)
    let start = 0
    for (;;) {
      const end = chunk.indexOf(10, start)
      if (end < 0) break
      const piece = chunk.subarray(start, end)
      this.guard(this.partialBytes + piece.byteLength)
      if (this.partial.length > 0) {
        this.partial.push(piece)
        this.lines.push(concat(this.partial, this.partialBytes + piece.byteLength))
        this.partial = []
        this.partialBytes = 0
      } else {
        // A copy: fflate reuses nothing, but a line may outlive the chunk's other lines.
        this.lines.push(piece)
      }
      start = end + 1
    }
    if (start < chunk.byteLength) {
      const rest = chunk.subarray(start)
      this.partialBytes += rest.byteLength
      this.guard(this.partialBytes)
      this.partial.push(rest)
    }
  }

  private tooLong(): never {
    throw new BackupError('decompressedTooLarge', {
      field: 'line',
      expected: this.limits.maxLineBytes,
    })
  }

  /**
   * A line of `bytes` so far. While peeking, the first line has a small cap of its own (past
   * it the file is format 1); a later line over the cap is noted and refused by next(), so
   * the peek itself never stops half-way through a chunk (one push inflates ~4 MB at most).
   */
  private guard(bytes: number): void {
    if (this.peeking && this.lines.length === 0) {
      if (bytes > Math.min(FIRST_LINE_BYTES, this.limits.maxLineBytes)) this.tooLong()
      return
    }
    if (bytes <= this.limits.maxLineBytes) return
    if (this.peeking) this.oversize = true
    else this.tooLong()
  }

  private pump(): void {
    const length = Math.min(SLICE_BYTES, this.source.size - this.offset)
    const slice = this.source.read(this.offset, length)
    this.offset += length
    const final = this.offset >= this.source.size
    try {
      for (let at = 0; at < slice.byteLength || (final && at === 0); at += PUSH_BYTES) {
        const end = Math.min(at + PUSH_BYTES, slice.byteLength)
        this.gunzip.push(slice.subarray(at, end), final && end === slice.byteLength)
      }
    } catch (error) {
      if (error instanceof BackupError) throw error
      throw new BackupError('corrupt')
    }
    if (final) this.finish()
  }

  private finish(): void {
    this.ended = true
    const tail = this.source.read(this.source.size - 8, 8)
    const view = new DataView(tail.buffer, tail.byteOffset, 8)
    const crc = view.getUint32(0, true)
    const length = view.getUint32(4, true)
    if (crc !== this.crc.value() || length !== this.inflatedBytes % 2 ** 32) {
      throw new BackupError('corrupt')
    }
    if (this.partialBytes > 0 || this.partial.length > 0) {
      this.lines.push(concat(this.partial, this.partialBytes))
      this.partial = []
      this.partialBytes = 0
      this.unterminated = true
    }
  }

  next(): Uint8Array | null {
    if (this.oversize) this.tooLong()
    while (this.head >= this.lines.length) {
      if (this.ended) return null
      this.lines = []
      this.head = 0
      this.pump()
    }
    const line = this.lines[this.head]!
    this.head += 1
    return line
  }

  /**
   * The first line, or null when the first `maxLineBytes` hold no '\n' (a format-1 file is
   * one line of JSON with none).
   */
  peekFirstLine(): Uint8Array | null {
    this.peeking = true
    try {
      const line = this.next()
      if (line && this.unterminated) return null
      if (line) this.head -= 1
      return line
    } catch (error) {
      const firstLineTooLong =
        error instanceof BackupError &&
        error.code === 'decompressedTooLarge' &&
        error.detail.field === 'line' &&
        this.lines.length === 0
      if (firstLineTooLong) return null
      throw error
    } finally {
      this.peeking = false
    }
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** UTF-8 that refuses bad sequences instead of replacing them. */
export function lineText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new BackupError('notJson')
  }
}
