// @ts-check
/**
 * The member stages are spelled once, in src/domain (types.ts MEMBER_STAGES, STAGE,
 * PARTY_STAGES, PIPELINE_STAGES); everywhere else names them through those. This rule
 * reports a stage code as a string ('probationary', a type union of them, or 'full' where it
 * is plainly a stage: compared with a `stage`, or listed with other stages) and a stage's
 * Chinese name as a whole string ('预备党员'; display text lives in src/i18n).
 */

/** Codes no other vocabulary of the app uses: any string of them is a stage. */
const CODES = new Set(['applicant', 'activist', 'candidate', 'probationary'])
/** 'full' is also a word of other vocabularies: a stage only where the context says so. */
const AMBIGUOUS = new Set(['full'])
const NAMES = new Set([
  '正式党员',
  '预备党员',
  '发展对象',
  '入党积极分子',
  '入党申请人',
  '申请入党人',
])

/** @param {any} node */
function isStageExpression(node) {
  if (!node) return false
  if (node.type === 'Identifier') return /stage$/i.test(node.name)
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier')
    return /stage$/i.test(node.property.name)
  if (node.type === 'ChainExpression') return isStageExpression(node.expression)
  return false
}

/** @param {any} node */
function isStageCode(node) {
  return node && node.type === 'Literal' && CODES.has(node.value)
}

/** @param {any} node a Literal whose value is ambiguous */
function plainlyAStage(node) {
  const parent = node.parent
  if (!parent) return false
  if (parent.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(parent.operator)) {
    const other = parent.left === node ? parent.right : parent.left
    return isStageExpression(other) || isStageCode(other)
  }
  if (parent.type === 'ArrayExpression') return parent.elements.some(isStageCode)
  if (parent.type === 'TSLiteralType') {
    const union = parent.parent
    return union?.type === 'TSUnionType' && union.types.some((t) => isStageCode(t.literal))
  }
  return false
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Member stages are spelled only in src/domain' },
    schema: [
      { type: 'object', properties: { names: { type: 'boolean' } }, additionalProperties: false },
    ],
    messages: {
      code: "The stage '{{value}}' is spelled in src/domain only: use STAGE.{{value}}, PARTY_STAGES or PIPELINE_STAGES from '@/domain/types'.",
      name: "'{{value}}' is a stage's display name: it belongs to src/i18n (stage.*) or src/domain.",
    },
  },
  create(context) {
    const names = context.options[0]?.names !== false
    /** @param {any} node */
    function check(node) {
      if (typeof node.value !== 'string') return
      const value = node.value
      if (CODES.has(value) || (AMBIGUOUS.has(value) && plainlyAStage(node))) {
        // A property key ({ probationary: … }) is a name, not a value: leave it.
        if (node.parent?.type === 'Property' && node.parent.key === node && !node.parent.computed)
          return
        context.report({ node, messageId: 'code', data: { value } })
      } else if (names && NAMES.has(value.trim())) {
        context.report({ node, messageId: 'name', data: { value } })
      }
    }
    /** @param {any} node */
    function checkTemplate(node) {
      if (node.expressions.length > 0 || node.quasis.length !== 1) return
      const value = node.quasis[0].value.cooked
      if (CODES.has(value)) context.report({ node, messageId: 'code', data: { value } })
      else if (names && NAMES.has(String(value).trim()))
        context.report({ node, messageId: 'name', data: { value } })
    }
    const script = { Literal: check, TemplateLiteral: checkTemplate }
    const services = context.sourceCode.parserServices
    if (services && typeof services.defineTemplateBodyVisitor === 'function') {
      return services.defineTemplateBodyVisitor(script, script)
    }
    return script
  },
}

export default rule
