/**
 * What an image really is, from its first bytes, never from its name or the type the file
 * claims: only JPEG, PNG and WebP are photos here. An SVG or an HTML page calling itself
 * image/png would run script in the app's origin if it were ever opened as a document.
 */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]

/** Bytes needed to tell the three apart. */
export const SNIFF_BYTES = 12

function startsWith(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
  return expected.every((byte, i) => bytes[at + i] === byte)
}

/** JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A) or WebP (RIFF....WEBP); null otherwise. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (
    startsWith(bytes, 0, [0x52, 0x49, 0x46, 0x46]) &&
    startsWith(bytes, 8, [0x57, 0x45, 0x42, 0x50])
  ) {
    return 'image/webp'
  }
  return null
}

export function isPhotoType(type: unknown): type is PhotoType {
  return typeof type === 'string' && (PHOTO_TYPES as readonly string[]).includes(type)
}

/**
 * The type a stored photo is shown under: its own when it is one of the three, otherwise
 * one no browser renders as a document (an <img> still sniffs a real raster image).
 */
export function displayType(type: string): string {
  return isPhotoType(type) ? type : 'application/octet-stream'
}
