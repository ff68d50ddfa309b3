/**
 * The parts of echarts the dashboard draws with, registered once. Only this module and
 * DashboardChart.vue import echarts, and DashboardChart is loaded lazily (LazyChart.ts), so
 * the library stays out of the first route's JavaScript.
 */
import { use } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

// SVG rather than canvas: sharp on an A4 print, and small charts draw as fast.
use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])
