// @ts-check
/** The project's own lint rules, loaded by eslint.config.js as the `zhibu` plugin. */
import noStageLiteral from './rules/no-stage-literal.js'

export default {
  meta: { name: 'eslint-plugin-zhibu' },
  rules: { 'no-stage-literal': noStageLiteral },
}
