import {
  Calendar,
  Collection,
  Connection,
  DataAnalysis,
  Files,
  List,
  OfficeBuilding,
  Reading,
  Setting,
  User,
  UserFilled,
  Wallet,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'
import type { Role } from '@/stores/session'

export interface NavItem {
  path: string
  key: string
  /** A message key when the label is not `nav.<key>`. */
  label?: string
  icon: Component
}

/** Every destination of the side menu, in its order. */
export const NAV_ITEMS: readonly NavItem[] = [
  // 我的: only the member role has a self; its label lives with the study messages.
  { path: '/me', key: 'me', label: 'study.nav.me', icon: UserFilled },
  { path: '/dashboard', key: 'dashboard', icon: DataAnalysis },
  { path: '/todo', key: 'todo', icon: List },
  { path: '/firms', key: 'firms', icon: OfficeBuilding },
  { path: '/orgs', key: 'orgs', icon: Connection },
  { path: '/members', key: 'members', icon: User },
  { path: '/meetings', key: 'meetings', icon: Calendar },
  { path: '/joint', key: 'joint', icon: Collection },
  { path: '/study', key: 'study', icon: Reading },
  { path: '/dues', key: 'dues', icon: Wallet },
  { path: '/data', key: 'data', icon: Files },
  { path: '/settings', key: 'settings', icon: Setting },
]

/** The side menu of a role: 我的 only for a member. */
export function menuItems(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.key !== 'me' || role === 'member')
}

/**
 * The phone's bottom bar: the few places each role goes every week (a department watches
 * coverage and what is behind; a secretary logs meetings and study; a member reads their
 * own record); the rest stay one tap away under 更多.
 */
const TAB_KEYS: Record<Role, readonly string[]> = {
  department: ['dashboard', 'todo', 'firms', 'orgs'],
  secretary: ['meetings', 'members', 'study', 'todo'],
  member: ['me', 'meetings'],
}

export function tabItems(role: Role): NavItem[] {
  return TAB_KEYS[role].map((key) => NAV_ITEMS.find((item) => item.key === key)!)
}

/** Is `path` this item's page or one under it (/meetings/123 belongs to 三会一课)? */
export function isActive(item: NavItem, path: string): boolean {
  return path === item.path || path.startsWith(`${item.path}/`)
}
