import en from './en'
import zhCN from './zh-CN'

/** Every locale's messages at once, for tests; the app loads English on demand (index.ts). */
export const messages = { 'zh-CN': zhCN, en }
