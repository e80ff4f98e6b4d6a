import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DatabaseError } from '../../src/db/database-error.js'
import { postgresDialect } from '../../src/db/postgres-dialect.js'
import { sqliteDialect } from '../../src/db/sqlite-dialect.js'

const error = (fields: { code?: string; message?: string }) => Object.assign(new Error(fields.message ?? ''), fields)

// What each driver raises when the database goes away or is busy, and the code it must map to.
const cases = [
  {
    dialect: postgresDialect,
    raised: error({ code: '57P01', message: 'terminating connection' }),
    code: 'unavailable',
  },
  {
    dialect: postgresDialect,
    raised: error({ code: '57P03', message: 'the database system is starting up' }),
    code: 'unavailable',
  },
  { dialect: postgresDialect, raised: error({ code: '08006' }), code: 'unavailable' },
  {
    dialect: postgresDialect,
    raised: error({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }),
    code: 'unavailable',
  },
  { dialect: postgresDialect, raised: error({ code: 'ECONNRESET', message: 'read ECONNRESET' }), code: 'unavailable' },
  { dialect: postgresDialect, raised: error({ message: 'Connection terminated unexpectedly' }), code: 'unavailable' },
  {
    dialect: postgresDialect,
    raised: error({ message: 'Connection terminated due to connection timeout' }),
    code: 'unavailable',
  },
  {
    dialect: postgresDialect,
    raised: error({ message: 'Client has encountered a connection error and is not queryable' }),
    code: 'unavailable',
  },
  { dialect: postgresDialect, raised: error({ message: 'timeout exceeded when trying to connect' }), code: 'busy' },
  { dialect: postgresDialect, raised: error({ code: '53300' }), code: 'busy' },
  { dialect: postgresDialect, raised: error({ code: '55P03' }), code: 'busy' },
  { dialect: postgresDialect, raised: error({ code: '22P02' }), code: 'invalid_value' },
  { dialect: sqliteDialect, raised: error({ code: 'SQLITE_BUSY', message: 'database is locked' }), code: 'busy' },
  { dialect: sqliteDialect, raised: error({ code: 'SQLITE_BUSY_SNAPSHOT' }), code: 'busy' },
  { dialect: sqliteDialect, raised: error({ code: 'SQLITE_LOCKED' }), code: 'busy' },
  { dialect: sqliteDialect, raised: error({ code: 'SQLITE_IOERR_READ' }), code: 'unavailable' },
  { dialect: sqliteDialect, raised: error({ code: 'SQLITE_CANTOPEN' }), code: 'unavailable' },
] as const

describe('database faults map to their codes', () => {
  for (const { dialect, raised, code } of cases) {
    it(`${dialect.name}: ${raised.code ?? raised.message} → ${code}`, () => {
      const mapped = dialect.mapError(raised)
      assert.equal(mapped?.code, code)
      assert.doesNotMatch(mapped?.message ?? '', /ECONN|SQLITE_|terminat|queryable/, 'a message of our own')
    })
  }
  it('an error that is no database error stays unmapped, and a DatabaseError passes through', () => {
    for (const dialect of [postgresDialect, sqliteDialect]) {
      assert.equal(dialect.mapError(new Error('something else')), undefined)
      const busy = new DatabaseError('busy', 'Every database connection is in use at the moment.')
      assert.equal(dialect.mapError(busy), busy)
    }
  })
})
