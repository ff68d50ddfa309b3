import { fitWithin } from '@/domain/meetings'
import type { NewPhoto } from '@/db'

/** Meeting photos are kept small: longest side at most this, JPEG (issue 6). */
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

/** Resize a chosen image in the browser and re-encode it as JPEG, ready to store as a Blob. */
export async function resizePhoto(file: Blob & { name?: string }): Promise<NewPhoto> {
  const bitmap = await createImageBitmap(file)
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, PHOTO_MAX_SIDE)
    const blob = await toJpeg(bitmap, width, height)
    const base = (file.name ?? 'photo').replace(/\.[^.]+$/, '')
    return { name: `${base}.jpg`, type: 'image/jpeg', width, height, blob }
  } finally {
    bitmap.close()
  }
}
