// The welcome page in index.html, painted before any script runs (a build plugin for
// vite.config.ts). At the end of the client build it renders the real WelcomeView in both
// locales with vue/server-renderer (src/prerender.ts, loaded through a Vite SSR loader with the
// app's own Vue plugins, so the scoped-style ids are the client's), puts each page in a
// <template> of index.html, and inlines the CSS those pages use, cut from the client's own
// stylesheets: the app's stylesheets load without blocking the paint, so the page would
// otherwise paint unstyled. index.html's inline script picks the page or keeps the shell.
import postcss, { type AtRule, type Root, type Rule } from 'postcss'
import { createServer, type Plugin, type PluginOption, type Rolldown } from 'vite'

type OutputAsset = Rolldown.OutputAsset
type OutputChunk = Rolldown.OutputChunk

const LOCALES = ['zh-CN', 'en'] as const
/** Where index.html takes the pages and their CSS. */
const PAGES_SLOT = '<!--zb-welcome-pages-->'
const CSS_SLOT = '<!--zb-welcome-css-->'
/** Element-less selectors the page relies on: the variables and the page's frame. */
const FRAME_SELECTORS = new Set([':root', 'html:root', 'html', 'body', '#app'])

interface Options {
  /** The Vue plugins of the client build (Vue, the Element Plus resolver), made afresh. */
  vuePlugins: () => PluginOption[]
  /** The client build's `define`, for the same feature flags. */
  define: Record<string, unknown>
  alias: Record<string, string>
}

export function prerenderWelcome(options: Options): Plugin {
  let root = process.cwd()
  return {
    name: 'zhibu-prerender-welcome',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root
    },
    async generateBundle(_, bundle) {
      const html = bundle['index.html']
      if (html?.type !== 'asset' || typeof html.source !== 'string') return
      const pages = await renderPages(root, options)
      const css = criticalCss(stylesheetsOfWelcome(bundle), pages)
      const scopeIds = [...new Set(pages.join('').match(/data-v-[0-9a-f]{8}/g) ?? [])]
      for (const id of scopeIds) {
        if (!css.includes(`[${id}]`)) throw new Error(`prerender: no CSS for scoped ${id}`)
      }
      if (!html.source.includes(PAGES_SLOT) || !html.source.includes(CSS_SLOT)) {
        throw new Error('prerender: index.html has no welcome slots')
      }
      const templates = LOCALES.map(
        (locale, i) => `<template id="zb-welcome-${locale}">${pages[i]}</template>`,
      ).join('\n')
      html.source = html.source
        .replace(PAGES_SLOT, templates)
        .replace(CSS_SLOT, `<style id="zb-welcome-css">${css}</style>`)
    },
  }
}

async function renderPages(root: string, options: Options): Promise<string[]> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    plugins: options.vuePlugins(),
    resolve: { alias: options.alias },
    define: options.define,
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  try {
    const entry = (await server.ssrLoadModule('/src/prerender.ts')) as {
      renderWelcome: (locale: string) => Promise<string>
    }
    const pages = await Promise.all(LOCALES.map((locale) => entry.renderWelcome(locale)))
    // The server renderer writes the button's `ariaDisabled` prop as a lower-case attribute;
    // the browser's DOM sets it as aria-disabled, which is what the page must carry.
    return pages.map((page) => page.replaceAll(' ariadisabled=', ' aria-disabled='))
  } finally {
    await server.close()
  }
}

type Bundle = Record<string, OutputAsset | OutputChunk>

/** The stylesheets of the entry and of the welcome page's chunk, with what they import. */
function stylesheetsOfWelcome(bundle: Bundle): string[] {
  const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk')
  const starts = chunks.filter(
    (chunk) => chunk.isEntry || chunk.facadeModuleId?.endsWith('/src/views/WelcomeView.vue'),
  )
  if (starts.length < 2) throw new Error('prerender: no entry or no WelcomeView chunk')
  const seen = new Set<string>()
  const css = new Set<string>()
  const visit = (chunk: OutputChunk | undefined): void => {
    if (!chunk || seen.has(chunk.fileName)) return
    seen.add(chunk.fileName)
    for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file)
    for (const name of chunk.imports) {
      const next = bundle[name]
      visit(next?.type === 'chunk' ? next : undefined)
    }
  }
  starts.forEach(visit)
  return [...css].map((name) => {
    const asset = bundle[name]
    return asset?.type === 'asset' ? String(asset.source) : ''
  })
}

/**
 * The rules of `sheets` that can apply to `pages`: every class (and scoped id) a selector
 * names is in the pages, or it is the frame (:root, body…); the custom properties kept are the
 * ones those rules read.
 */
function criticalCss(sheets: string[], pages: string[]): string {
  const markup = pages.join('')
  const classes = new Set(
    [...markup.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1] ?? '').split(/\s+/)),
  )
  const scopes = new Set(markup.match(/data-v-[0-9a-f]{8}/g) ?? [])
  const applies = (selector: string): boolean => {
    const trimmed = selector.trim()
    if (FRAME_SELECTORS.has(trimmed)) return true
    const named = [...trimmed.matchAll(/\.([\w-]+)/g)].map((m) => m[1] ?? '')
    const scoped = trimmed.match(/data-v-[0-9a-f]{8}/g) ?? []
    return (
      named.length > 0 && named.every((c) => classes.has(c)) && scoped.every((s) => scopes.has(s))
    )
  }
  const root: Root = postcss.parse(sheets.join('\n'))
  root.walkAtRules((at: AtRule) => {
    if (!['media', 'supports', 'layer'].includes(at.name)) at.remove()
  })
  root.walkRules((rule: Rule) => {
    const kept = rule.selectors.filter(applies)
    if (kept.length === 0) rule.remove()
    else rule.selectors = kept
  })
  keepReadVariables(root)
  root.walkAtRules((at: AtRule) => {
    if (!at.nodes?.length) at.remove()
  })
  return root.toString().replace(/\n\s*/g, '')
}

/** Drops the custom properties that no kept declaration reads (directly or through another). */
function keepReadVariables(root: Root): void {
  const read = new Set<string>()
  const readIn = (value: string): string[] =>
    [...value.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1] ?? '')
  root.walkDecls((decl) => {
    if (!decl.prop.startsWith('--')) readIn(decl.value).forEach((v) => read.add(v))
  })
  // Variables defined through variables: follow until nothing new is read.
  for (let grew = true; grew;) {
    grew = false
    root.walkDecls((decl) => {
      if (!decl.prop.startsWith('--') || !read.has(decl.prop)) return
      for (const v of readIn(decl.value)) {
        if (!read.has(v)) {
          read.add(v)
          grew = true
        }
      }
    })
  }
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--') && !read.has(decl.prop)) decl.remove()
  })
  root.walkRules((rule) => {
    if (!rule.nodes.length) rule.remove()
  })
}
