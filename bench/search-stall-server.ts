// The server `bench/search-stall.ts` loads: Steward over a SQLite file, in a process of its own. With
// `--main-thread`, searches run on the main connection as they did before the worker reader (the old path).
import { serve } from '@hono/node-server'
import { parseArgs } from 'node:util'
import { connect } from '../src/db/connect.js'
import { sqliteDialect } from '../src/db/sqlite-dialect.js'
import { createAdmin } from '../src/http/create-admin.js'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    'main-thread': { type: 'boolean', default: false },
  },
})
// The reader for long statements is then the main connection itself, as on Postgres.
if (args['main-thread']) (sqliteDialect as { longReader: unknown }).longReader = (db: unknown) => db
const connection = await connect(`sqlite:${args.db}`)
const schema = await connection.dialect.introspect(connection.db)
const app = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'bench-only-secret' })
serve({ fetch: app.fetch, port: Number(args.port), hostname: '127.0.0.1' })
