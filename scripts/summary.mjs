// Sum the test runners' JSON reports into the one line CI's log reader understands:
//   N passed, N failed[, N skipped]
// That line is always the last line printed. Exit 1 if anything failed.
//   node scripts/summary.mjs            (reads reports/vitest.json, reports/playwright.json)
//   REPORTS_DIR=/some/dir node scripts/summary.mjs
// Missing reports count as 1 failure in all (the runners did not run because a step before
// them failed, e.g. typecheck or lint), so that never looks like success. An unreadable
// report counts as 1 failure each. Everything goes to stdout so the order is kept.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.env.REPORTS_DIR || 'reports'
const total = { passed: 0, failed: 0, skipped: 0 }
const missing = []

function load(name, label) {
  const file = join(dir, name)
  if (!existsSync(file)) {
    console.log(`summary: ${label}: no report at ${file} (did not run, or a step before it failed)`)
    missing.push(label)
    return null
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    console.log(
      `summary: ${label}: cannot read ${file}: ${e instanceof Error ? e.message : e} — counted as 1 failure`,
    )
    total.failed += 1
    return null
  }
}

function add(label, passed, failed, skipped) {
  console.log(`summary: ${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`)
  total.passed += passed
  total.failed += failed
  total.skipped += skipped
}

const n = (v) => (Number.isFinite(v) ? v : 0)

// Vitest JSON reporter (Jest-compatible shape).
const vitest = load('vitest.json', 'unit (vitest)')
if (vitest) {
  let failed = n(vitest.numFailedTests)
  // A test file that fails to load (import error, syntax error) has no failed tests: count it.
  for (const file of vitest.testResults ?? []) {
    const failedInFile = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length
    if (file.status === 'failed' && failedInFile === 0) {
      console.log(
        `summary: unit (vitest): ${file.name} failed outside any test: ${String(file.message ?? '').split('\n')[0]}`,
      )
      failed += 1
    }
  }
  if (vitest.success === false && failed === 0) {
    console.log('summary: unit (vitest): run reported success=false — counted as 1 failure')
    failed += 1
  }
  if (n(vitest.numTotalTests) === 0 && failed === 0) {
    console.log('summary: unit (vitest): no tests ran — counted as 1 failure')
    failed += 1
  }
  add(
    'unit (vitest)',
    n(vitest.numPassedTests),
    failed,
    n(vitest.numPendingTests) + n(vitest.numTodoTests),
  )
}

// Playwright JSON reporter.
const pw = load('playwright.json', 'e2e (playwright)')
if (pw) {
  const s = pw.stats ?? {}
  let failed = n(s.unexpected)
  // Errors outside tests (webServer did not start, config or spec failed to load).
  for (const err of pw.errors ?? []) {
    console.log(
      `summary: e2e (playwright): error outside tests: ${String(err.message ?? '').split('\n')[0]}`,
    )
    failed += 1
  }
  const passed = n(s.expected) + n(s.flaky)
  if (n(s.flaky) > 0)
    console.log(`summary: e2e (playwright): ${s.flaky} flaky test(s) passed on retry`)
  if (passed + failed + n(s.skipped) === 0) {
    console.log('summary: e2e (playwright): no tests ran — counted as 1 failure')
    failed += 1
  }
  add('e2e (playwright)', passed, failed, n(s.skipped))
}

if (missing.length > 0) {
  console.log(`summary: missing report(s) from ${missing.join(', ')} — counted as 1 failure`)
  total.failed += 1
}

console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`,
)
process.exit(total.failed > 0 ? 1 : 0)
