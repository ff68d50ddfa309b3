import { defineAsyncComponent } from 'vue'

/** DashboardChart with echarts, fetched the first time a chart is shown. */
export default defineAsyncComponent(() => import('./DashboardChart.vue'))
