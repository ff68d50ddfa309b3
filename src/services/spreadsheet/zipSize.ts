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
