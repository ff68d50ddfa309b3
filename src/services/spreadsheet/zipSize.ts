import { Inflate } from 'fflate'

/**
 * What an .xlsx (a zip) says it unpacks to, read from its central directory before any
 * unzipping: a few kB can hold gigabytes of zeros (a zip bomb), and exceljs inflates every
 * part into memory. Returns null when the file is not a readable zip.
 */
export function declaredUnzippedBytes(data: ArrayBuffer): number | null {
  const view = new DataView(data)
  // End of central directory: 22 bytes plus a comment of up to 65,535, at the very end.
  const lowest = Math.max(0, data.byteLength - 22 - 65_535)
  let end = -1
  for (let at = data.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return null
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  let total = 0
  for (let entry = 0; entry < entries; entry++) {
    if (at + 46 > data.byteLength || view.getUint32(at, true) !== 0x02014b50) return null
    const size = view.getUint32(at + 24, true)
    // ZIP64 marks sizes past 4 GB this way: no register is that big.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY
    total += size
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true)
  }
  return total
}

/** How much compressed data is handed to the inflater at a time. */
const INFLATE_STEP = 64 * 1024

class TooLarge extends Error {}

/**
 * What an .xlsx really unpacks to, counted by inflating each part the central directory
 * lists (as exceljs's unzipper finds them, overlapping parts counted as often as listed)
 * and stopping once `cap` is passed: the sizes a file declares about itself can lie.
 * Returns the bytes inflated, Infinity past the cap, null when the zip cannot be read.
 */
export function inflatedZipBytes(data: ArrayBuffer, cap: number): number | null {
  const view = new DataView(data)
  const bytes = new Uint8Array(data)
  const lowest = Math.max(0, data.byteLength - 22 - 65_535)
  let end = -1
  for (let at = data.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return null
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  let total = 0
  try {
    for (let entry = 0; entry < entries; entry++) {
      if (at + 46 > data.byteLength || view.getUint32(at, true) !== 0x02014b50) return null
      const method = view.getUint16(at + 10, true)
      const compressed = view.getUint32(at + 20, true)
      const local = view.getUint32(at + 42, true)
      if (local + 30 > data.byteLength || view.getUint32(local, true) !== 0x04034b50) return null
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
      const body = bytes.subarray(start, Math.min(start + compressed, data.byteLength))
      if (method === 0) total += body.byteLength
      else if (method === 8) {
        const inflater = new Inflate((chunk) => {
          total += chunk.byteLength
          if (total > cap) throw new TooLarge()
        })
        for (let from = 0; from < body.byteLength; from += INFLATE_STEP) {
          inflater.push(body.subarray(from, from + INFLATE_STEP), false)
        }
      } else return null
      if (total > cap) return Number.POSITIVE_INFINITY
      at +=
        46 +
        view.getUint16(at + 28, true) +
        view.getUint16(at + 30, true) +
        view.getUint16(at + 32, true)
    }
  } catch (error) {
    if (error instanceof TooLarge) return Number.POSITIVE_INFINITY
    return null
  }
  return total
}
