// @ts-check
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import pluginVue from 'eslint-plugin-vue'

/**
 * The architecture is the direction of imports (docs/architecture.md):
 * views → components → composables/stores → services → db → domain.
 * Each block forbids what a folder must not reach, so a layering mistake fails lint.
 * @param {string[]} layers folders under src/ that are forbidden
 * @param {string[]} packages npm packages that are forbidden
 */
function forbid(layers, packages = []) {
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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
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
    rules: forbid(['composables', 'stores', 'components', 'views', 'router', 'i18n'], ui),
  },
  {
    name: 'layer/composables',
    files: ['src/composables/**', 'src/stores/**'],
    rules: forbid(['components', 'views', 'router'], ['dexie']),
  },
  {
    name: 'layer/components',
    files: ['src/components/**'],
    rules: forbid(['db', 'services', 'views', 'router'], ['dexie']),
  },
  { name: 'layer/views', files: ['src/views/**'], rules: forbid(['db'], ['dexie']) },
  {
    name: 'tests/node',
    files: ['tests/e2e/**', 'tests/sync/**', 'scripts/**', 'bench/**', 'server/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  skipFormatting,
)
