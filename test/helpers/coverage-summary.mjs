// A test reporter for `npm test -- --coverage`: the coverage of src/ as a whole. Node 20's runner has no
// `--test-coverage-exclude`, so its own "all files" row also counts the tests and their helpers. Plain
// JavaScript: node loads reporters before tsx's hooks are in place.
import { relative } from 'node:path'

const percent = (covered, total) => (total === 0 ? '100.00' : ((100 * covered) / total).toFixed(2))

/** @param {AsyncIterable<{ type: string, data: any }>} events */
export default async function* coverageSummary(events) {
  for await (const event of events) {
    const summary = event.type === 'test:coverage' ? event.data.summary : undefined
    if (!summary) continue
    const src = summary.files.filter((file) => relative(summary.workingDirectory, file.path).startsWith('src/'))
    const sum = (count) => src.reduce((total, file) => total + count(file), 0)
    yield (
      `coverage of src/ (${src.length} files): ` +
      `lines ${percent(
        sum((f) => f.coveredLineCount),
        sum((f) => f.totalLineCount),
      )} %, ` +
      `branches ${percent(
        sum((f) => f.coveredBranchCount),
        sum((f) => f.totalBranchCount),
      )} %, ` +
      `functions ${percent(
        sum((f) => f.coveredFunctionCount),
        sum((f) => f.totalFunctionCount),
      )} %\n`
    )
  }
}
