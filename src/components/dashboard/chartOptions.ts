/**
 * echarts options of the dashboard's charts, from figures and already translated labels
 * (the charts follow the locale through the labels). Rates are shown as percentages with
 * the reports' rounding (roundRate).
 */
import type { EChartsCoreOption } from 'echarts/core'
import { roundRate } from '@/domain/coverage'

export interface BarRow {
  name: string
  firms: number
  withOrg: number
  rate: number
}

export interface BarLabels {
  firms: string
  withOrg: string
  rate: string
}

// Scaled to the data (rates of 10–20 % would lie flat on a 0–100 axis); never below 0.
const PERCENT_AXIS = { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } }
// No entry animation: a printed or captured chart must be the finished one.
const STILL = { animation: false }

/** Operating firms and firms with an org as bars, 组织覆盖率 as a line on the right axis. */
export function coverageBars(rows: readonly BarRow[], labels: BarLabels): EChartsCoreOption {
  return {
    ...STILL,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 64 },
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
    },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { ...PERCENT_AXIS, splitLine: { show: false } },
    ],
    series: [
      { name: labels.firms, type: 'bar', data: rows.map((row) => row.firms) },
      { name: labels.withOrg, type: 'bar', data: rows.map((row) => row.withOrg) },
      {
        name: labels.rate,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((row) => roundRate(row.rate)),
        tooltip: { valueFormatter: (value: number) => `${value}%` },
      },
    ],
  }
}

export interface TrendRow {
  label: string
  orgRate: number
  ownRate: number
  firms: number
}

export interface TrendLabels {
  orgRate: string
  ownRate: string
  firms: string
}

/** 组织覆盖率 and 单独组建率 as lines (left axis, %), operating firms as bars (right axis). */
export function trendLines(rows: readonly TrendRow[], labels: TrendLabels): EChartsCoreOption {
  const percent = { tooltip: { valueFormatter: (value: number) => `${value}%` } }
  return {
    ...STILL,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 64, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: rows.map((row) => row.label) },
    yAxis: [PERCENT_AXIS, { type: 'value', minInterval: 1, splitLine: { show: false } }],
    series: [
      {
        name: labels.firms,
        type: 'bar',
        yAxisIndex: 1,
        data: rows.map((row) => row.firms),
        itemStyle: { opacity: 0.35 },
      },
      {
        name: labels.orgRate,
        type: 'line',
        data: rows.map((row) => roundRate(row.orgRate)),
        ...percent,
      },
      {
        name: labels.ownRate,
        type: 'line',
        data: rows.map((row) => roundRate(row.ownRate)),
        ...percent,
      },
    ],
  }
}

export interface CountRow {
  name: string
  value: number
}

/** Counts by category as horizontal bars (age bands, ethnicity, education). */
export function countBars(rows: readonly CountRow[], seriesName: string): EChartsCoreOption {
  return {
    ...STILL,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name) },
    series: [
      {
        name: seriesName,
        type: 'bar',
        data: rows.map((row) => row.value),
        label: { show: true, position: 'right' },
      },
    ],
  }
}

/** Shares of a whole as a ring (gender). */
export function sharePie(rows: readonly CountRow[], seriesName: string): EChartsCoreOption {
  return {
    ...STILL,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['40%', '68%'],
        label: { formatter: '{b} {d}%' },
        data: rows.map((row) => ({ name: row.name, value: row.value })),
      },
    ],
  }
}
