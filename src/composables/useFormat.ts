import { roundRate } from '@/domain/coverage'

/** A rate (0–1) as '13.8%', one decimal: the figure the reports quote. */
export function formatPercent(rate: number): string {
  return `${roundRate(rate).toFixed(1)}%`
}

/** A stored UTC timestamp in the user's local time, 'YYYY-MM-DD HH:mm'. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}
