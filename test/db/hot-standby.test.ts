import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { EditClient, readForm } from '../http/edit-client.js'
import { startPgServer, type PgServer } from '../helpers/pg-server.js'
import { startStandby, type PgStandby } from '../helpers/pg-standby.js'

// A real primary and a hot standby streaming from it, both started here: the replica option against what
// it is for. Each connection counts its statements, so a page shows which server it read.
describe('a hot standby as the read replica', () => {
  let primary: PgServer
  let standby: PgStandby
  let writes: Connection
  let reads: Connection
  const statements = { primary: 0, standby: 0 }
  before(async () => {
    primary = await startPgServer()
    const setup = await connect(primary.url)
    await setup.db.schema
      .createTable('items')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute()
    await setup.db
      .insertInto('items')
      .values([
        { id: 1, name: 'first' },
        { id: 2, name: 'second' },
      ])
      .execute()
    await setup.close()
    standby = await startStandby(primary)
    await standby.caughtUp()
    writes = await connect(primary.url, { log: () => void statements.primary++ })
    reads = await connect(standby.url, { log: () => void statements.standby++ })
  })
  after(async () => {
    await reads?.close()
    await writes?.close()
    await standby?.stop()
    await primary?.stop()
  })

  it('serves lists, record pages and exports from the standby, and writes to the primary', async () => {
    const schema = await writes.dialect.introspect(writes.db)
    const app = createAdmin({ db: writes.db, replica: reads.db, schema, checkDrift: false })
    const client = new EditClient(app)
    const counted = async (path: string) => {
      const before = { ...statements }
      const page = await client.get(path)
      return { page, primary: statements.primary - before.primary, standby: statements.standby - before.standby }
    }
    for (const path of ['/public/items/', '/public/items/row/1', '/public/items/export.csv']) {
      const { page, primary: onPrimary, standby: onStandby } = await counted(path)
      assert.equal(page.status, 200, path)
      assert.match(page.html, /first/)
      assert.equal(onPrimary, 0, `${path} read nothing from the primary`)
      assert.ok(onStandby > 0, `${path} read the standby`)
    }

    const form = readForm((await client.get('/public/items/row/1/edit')).html, '/edit')
    const pairs = form.pairs.map(([name, value]) => [name, name === 'v:name' ? 'renamed' : value] as const)
    const saved = await client.follow(await client.post(form.action, pairs))
    assert.match(saved.html, /renamed/)
    assert.deepEqual(await writes.db.selectFrom('items').select('name').where('id', '=', 1).execute(), [
      { name: 'renamed' },
    ])
    await standby.caughtUp()
    assert.match((await client.get('/public/items/')).html, /renamed/)
  })
})
