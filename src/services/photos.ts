import { sniffPhotoType, SNIFF_BYTES } from '@/domain/imageType'
import { fitWithin } from '@/domain/meetings'
import type { NewPhoto } from '@/db'

/** A chosen file that is no JPEG, PNG or WebP by its bytes (whatever its name or type say). */
export class PhotoRefused extends Error {
  constructor(readonly fileName: string) {
    super(`not a JPEG, PNG or WebP image: ${fileName}`)
    this.name = 'PhotoRefused'
  }
}

/** Meeting photos are kept small: longest side at most this, JPEG, so a branch's year of photos fits on a phone and in a backup. */
export const PHOTO_MAX_SIDE = 1600
const JPEG_QUALITY = 0.85

async function toJpeg(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2d context')
    // JPEG has no transparency: a white ground instead of black.
    context.fillStyle = '#fff'
    context.fillRect(0, 0, width, height)
    context.drawImage(bitmap, 0, 0, width, height)
    return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY })
  }
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d context')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(bitmap, 0, 0, width, height)
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))),
      'image/jpeg',
      JPEG_QUALITY,
    ),
  )
}

/**
 * Check a chosen image by its first bytes (JPEG, PNG or WebP only: PhotoRefused otherwise),
 * then resize it in the browser and re-encode it as JPEG through a canvas, which keeps the
 * pixels and nothing else (EXIF, GPS position, trailing data), ready to store as a Blob.
 */
export async function resizePhoto(file: Blob & { name?: string }): Promise<NewPhoto> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer())
  const type = sniffPhotoType(head)
  if (!type) throw new PhotoRefused(file.name ?? '')
  // Decoded under the type its bytes show, not the one the file claims.
  const bitmap = await createImageBitmap(new Blob([file], { type }))
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, PHOTO_MAX_SIDE)
    const blob = await toJpeg(bitmap, width, height)
    const base = (file.name ?? 'photo').replace(/\.[^.]+$/, '')
    return { name: `${base}.jpg`, type: 'image/jpeg', width, height, blob }
  } finally {
    bitmap.close()
  }
}
