import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/**
 * A dialog whose open state lives in the address (`?key=value`): a reload (a phone that
 * dropped the page during a call) opens it again, and the back button closes it instead of
 * leaving the page. Opening pushes an entry; closing goes back to it when it is the one
 * pushed, else replaces.
 */
export function useQueryDialog(key: string, value: string) {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get: () => route.query[key] === value,
    set: (open: boolean) => {
      if (open === (route.query[key] === value)) return
      if (open) {
        void router.push({ query: { ...route.query, [key]: value } })
        return
      }
      const { [key]: _closed, ...rest } = route.query
      const without = router.resolve({ query: rest }).fullPath
      if (window.history.state?.back === without) router.back()
      else void router.replace({ query: rest })
    },
  })
}
