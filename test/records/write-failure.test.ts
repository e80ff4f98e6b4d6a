import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AuditFailed } from '../../src/audit/audit-entry.js'
import { postgresDialect } from '../../src/db/postgres-dialect.js'
import { sqliteDialect } from '../../src/db/sqlite-dialect.js'
import { writeFailure } from '../../src/records/write-failure.js'
import { notDeletedMessage, writeMessages } from '../../src/records/write-messages.js'
import { WriteRefused } from '../../src/records/write-transaction.js'

// What each engine's driver throws for a foreign key that blocks a write.
const foreignKeyErrors = [
  [sqliteDialect, Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })],
  [postgresDialect, Object.assign(new Error('violates foreign key constraint'), { code: '23503' })],
] as const

describe('writeFailure', () => {
  it("returns Steward's own refusals with their message, and a failed audit entry's cause for the log", () => {
    const refused = new WriteRefused('ambiguous', writeMessages.ambiguous)
    assert.deepEqual(writeFailure(refused, sqliteDialect), { status: 'refused', message: writeMessages.ambiguous })
    const cause = new Error('no such table: steward_audit')
    const audit = new AuditFailed(cause)
    assert.deepEqual(writeFailure(audit, sqliteDialect), { status: 'refused', message: audit.message, cause })
  })

  for (const [dialect, thrown] of foreignKeyErrors) {
    it(`on ${dialect.name}: returns a driver error as the dialect's typed error, which the delete page words`, () => {
      const failure = writeFailure(thrown, dialect)
      assert.equal(failure.status, 'error')
      assert.equal(failure.status === 'error' && failure.error.code, 'foreign_key')
      assert.match(notDeletedMessage(failure), /^Other rows still refer to this data, so nothing was deleted\./)
    })
  }

  it('throws anything else on: a bug is not a refusal', () => {
    const bug = new TypeError('x is undefined')
    assert.throws(() => writeFailure(bug, sqliteDialect), bug)
  })
})
