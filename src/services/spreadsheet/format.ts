/**
 * What a picked file is, by its first bytes rather than its name (a register saved as
 * "名录.xlsx" by an old tool may be anything): an .xlsx is a zip; an old binary .xls and a WPS
 * .et are OLE compound files (D0 CF 11 E0 A1 B1 1A E1); an OpenDocument sheet is a zip whose
 * first part is its mimetype; text without control bytes is read as CSV.
 */
export type SheetFormat = 'xlsx' | 'csv' | 'xls' | 'ods' | 'unknown'

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const ZIP = [0x50, 0x4b, 0x03, 0x04]
/** How far in to look for binary bytes: enough for a register's header and first rows. */
const SNIFF_BYTES = 8192

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)))
}

/** UTF-16 marks, or no control bytes but tab, line ends and escape: text. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true
  const end = Math.min(bytes.length, SNIFF_BYTES)
  for (let at = 0; at < end; at++) {
    const byte = bytes[at] ?? 0
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) return false
  }
  return bytes.length > 0
}

export function sniffFormat(data: ArrayBuffer): SheetFormat {
  const bytes = new Uint8Array(data, 0, Math.min(data.byteLength, SNIFF_BYTES))
  if (startsWith(bytes, OLE)) return 'xls'
  if (startsWith(bytes, ZIP)) {
    // OpenDocument stores its mimetype first, uncompressed: 'mimetype' then the type itself.
    const nameLength = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8)
    if (
      ascii(bytes, 30, 38) === 'mimetype' &&
      ascii(bytes, 30 + nameLength, 120).includes('opendocument')
    ) {
      return 'ods'
    }
    return 'xlsx'
  }
  return looksLikeText(bytes) ? 'csv' : 'unknown'
}
