/** Progress from 0 to 1. */
export type OnProgress = (fraction: number) => void

/**
 * Synchronous work runs in slices of at most this many ms, then yields to the page
 * (no task over 200 ms; a slice counted in rows ran 4× longer on a busy machine).
 */
const SLICE_MS = 30

/** Let the browser paint (the progress bar) between slices of synchronous work. */
function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Feed `items` to `add` a time slice at a time, reporting progress from `from` to `to`. */
export async function feedRows<T>(
  items: readonly T[],
  add: (item: T) => void,
  onProgress: OnProgress,
  from = 0,
  to = 1,
): Promise<void> {
  let sliceStart = performance.now()
  for (let index = 0; index < items.length; index++) {
    add(items[index] as T)
    if (performance.now() - sliceStart > SLICE_MS) {
      onProgress(from + ((to - from) * (index + 1)) / items.length)
      await yieldToUi()
      sliceStart = performance.now()
    }
  }
  onProgress(to)
}
