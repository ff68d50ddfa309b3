// @ts-check
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import pluginVue from 'eslint-plugin-vue'
import zhibu from './eslint/plugin.js'

/**
 * The architecture is the direction of imports (docs/architecture.md):
 * views → components → composables/stores → services → db → domain.
 * Each block forbids what a folder must not reach, so a layering mistake fails lint.
 * @param {string[]} layers folders under src/ that are forbidden
 * @param {string[]} packages npm packages that are forbidden
 */
function forbid(layers, packages = [], extra = []) {
  const patterns = layers.map((layer) => ({
    group: [
      `@/${layer}`,
      `@/${layer}/*`,
      `../${layer}`,
      `../${layer}/*`,
      `../../${layer}`,
      `../../${layer}/*`,
    ],
    message: `This folder may not import src/${layer} (see docs/architecture.md, the layers).`,
  }))
  if (packages.length > 0) {
    patterns.push({
      group: packages,
      message: 'This folder may not import this package (see docs/architecture.md, the layers).',
    })
  }
  patterns.push(...extra)
  return { 'no-restricted-imports': ['error', { patterns }] }
}

const ui = [
  'vue',
  'vue-router',
  'pinia',
  'element-plus',
  'element-plus/*',
  'vue-i18n',
  '@element-plus/*',
]

export default defineConfigWithVueTs(
  {
    name: 'app/ignores',
    ignores: [
      'dist/**',
      'dist-*/**',
      'test-results-*/**',
      'node_modules/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
      'bench/.profile/**',
      'dev-dist/**',
    ],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    name: 'app/rules',
    rules: {
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'layer/domain',
    files: ['src/domain/**'],
    rules: forbid(
      ['db', 'services', 'composables', 'stores', 'components', 'views', 'router', 'i18n'],
      [...ui, 'dexie'],
    ),
  },
  {
    name: 'layer/db',
    files: ['src/db/**'],
    rules: forbid(
      ['services', 'composables', 'stores', 'components', 'views', 'router', 'i18n'],
      ui,
    ),
  },
  {
    name: 'layer/services',
    files: ['src/services/**'],
    // Only the @/db barrel: it holds the repositories and not getDb, so no service reads or
    // writes a table around them.
    rules: forbid(['composables', 'stores', 'components', 'views', 'router', 'i18n'], ui, [
      {
        group: ['@/db/*', '../db/*', '../../db/*', '../../../db/*'],
        message: "Services reach the data through the '@/db' barrel (repositories), not db/ files.",
      },
    ]),
  },
  {
    name: 'layer/composables',
    files: ['src/composables/**'],
    rules: forbid(['components', 'views', 'router'], ['dexie']),
  },
  {
    // Session and UI state only (src/stores/README.md): i18n types, never the data.
    name: 'layer/stores',
    files: ['src/stores/**'],
    rules: forbid(['db', 'services', 'composables', 'components', 'views', 'router'], ['dexie']),
  },
  {
    // Routes and the first-run guard (src/router/README.md): views and services only.
    name: 'layer/router',
    files: ['src/router/**'],
    rules: forbid(['db', 'composables', 'components'], ['dexie']),
  },
  {
    // Messages (src/i18n/README.md): import nothing from the app.
    name: 'layer/i18n',
    files: ['src/i18n/**'],
    rules: forbid(
      ['domain', 'db', 'services', 'composables', 'stores', 'components', 'views', 'router'],
      ['dexie', 'element-plus', 'element-plus/*', 'pinia', 'vue-router'],
    ),
  },
  {
    // The data boundary (src/composables/README.md): a `…Writes` object is the raw repository
    // writes, with no busy flag and no error said. A component writes through a `use…Actions`
    // composable (useWriteActions: each write inside useWrite's run) or emits to its view.
    name: 'layer/components',
    files: ['src/components/**'],
    rules: forbid(
      ['db', 'services', 'views', 'router'],
      ['dexie'],
      [
        {
          group: [
            '@/composables/*',
            '../composables/*',
            '../../composables/*',
            '../../../composables/*',
          ],
          importNamePattern: 'Writes$',
          message:
            'Components write through a use…Actions composable (useWriteActions), never a raw …Writes object (src/composables/README.md).',
        },
      ],
    ),
  },
  { name: 'layer/views', files: ['src/views/**'], rules: forbid(['db'], ['dexie']) },
  {
    // The stages are spelled once, in domain/ (types.ts STAGE, PARTY_STAGES, PIPELINE_STAGES).
    name: 'rules/stages',
    files: ['src/**/*.ts', 'src/**/*.vue'],
    ignores: ['src/domain/**'],
    plugins: { zhibu },
    rules: { 'zhibu/no-stage-literal': 'error' },
  },
  {
    // i18n holds the stages' display names; their codes still come from domain/.
    name: 'rules/stages-i18n',
    files: ['src/i18n/**'],
    rules: { 'zhibu/no-stage-literal': ['error', { names: false }] },
  },
  {
    name: 'tests/node',
    files: ['tests/e2e/**', 'tests/sync/**', 'scripts/**', 'bench/**', 'server/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  skipFormatting,
)
