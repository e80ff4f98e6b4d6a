import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import type { DialectName } from '../../src/introspect/metadata.js'
import { dialects, withAdmin } from '../helpers/test-db.js'

// 2,000 tickets: 95 % open, 4 per owner, opened one minute apart. Analysed, so the planner knows the spreads.
const rows: Record<DialectName, string> = {
  postgres: `insert into ticket select i, case when i % 20 = 0 then 'closed' else 'open' end, 'u' || (i % 500),
      to_char(timestamp '2024-01-01' + i * interval '1 minute', 'YYYY-MM-DD HH24:MI')
    from generate_series(1, 2000) as i;`,
  sqlite: `with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
    insert into ticket select i, case when i % 20 = 0 then 'closed' else 'open' end, 'u' || (i % 500),
      strftime('%Y-%m-%d %H:%M', '2024-01-01', '+' || i || ' minutes') from n;`,
}
const setup = (dialect: DialectName) => `
  create table ticket (id integer primary key, status varchar(20) not null, owner varchar(20) not null,
    opened varchar(20) not null);
  create index ticket_status on ticket (status);
  create index ticket_owner on ticket (owner);
  create index ticket_opened on ticket (opened);
  ${rows[dialect]}
  create table queue (id integer primary key, status varchar(20) not null, opened varchar(20) not null);
  create index queue_status_opened on queue (status, opened);
  create index queue_opened on queue (opened);
  insert into queue select id, status, opened from ticket;
  analyze;`

/**
 * How the list's rows statement tests a common value under an indexed order: SQLite, whose planner would take the
 * filter's index and sort every match, is told to read in the order's index (`+column`); Postgres weighs the LIMIT
 * itself and gets the plain condition.
 */
const commonValue: Record<DialectName, RegExp> = {
  sqlite: /where \+"status" = \?/,
  postgres: /where "status" = \$1/,
}

const config = { tables: { ticket: { filters: ['status', 'owner'] }, queue: { filters: ['status'] } } }

describe('a list filtered by a common value, in an indexed order', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: reads in the order's index, shows the right rows, and counts through the filter's index`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql.replace(/\s+/g, ' '))
      await withAdmin(dialect.name, { sql: setup(dialect.name), connect: { log } }, async (fx) => {
        const admin = fx.admin({ config })
        const read = async (query: string) => {
          queries.length = 0
          const response = await admin.request(`/${fx.s}/ticket/?${query}`)
          assert.equal(response.status, 200, query)
          const html = await response.text()
          const ids = [...html.matchAll(/href="\/[^/]+\/ticket\/row\/(\d+)\?/g)].map((match) => Number(match[1]))
          const rowsStatement = queries.find((q) => /from "[^"]+"\."ticket"/.test(q) && /order by/.test(q)) ?? ''
          return { ids: [...new Set(ids)], rowsStatement, queries: [...queries] }
        }
        const open = await read('f.status=open&sort=-opened')
        assert.match(open.rowsStatement, commonValue[dialect.name])
        // The newest 50 open tickets: every ticket but each 20th, from 2,000 down.
        const expected = Array.from({ length: 60 }, (_, i) => 2000 - i)
          .filter((id) => id % 20 !== 0)
          .slice(0, 50)
        assert.deepEqual(open.ids, expected)
        const count = open.queries.find((q) => /count\(\*\)/.test(q)) ?? ''
        assert.doesNotMatch(count, /\+"status"/, 'the count finds the value through its index')
        assert.equal(open.queries.filter((q) => /count\(\*\)/.test(q)).length, 1, 'one count decides and counts')
        // The second page reads the same way and goes on where the first stopped.
        const allOpen = Array.from({ length: 2000 }, (_, i) => 2000 - i).filter((id) => id % 20 !== 0)
        const second = await read('f.status=open&sort=-opened&page=2')
        assert.match(second.rowsStatement, commonValue[dialect.name])
        assert.deepEqual(second.ids, allOpen.slice(50, 100))
        // A rare value of that same column (100 closed tickets, where the statistics' average is 1,000) is looked up.
        const closed = await read('f.status=closed&sort=-opened')
        assert.doesNotMatch(closed.rowsStatement, /\+"status"/)
        assert.deepEqual(
          closed.ids,
          Array.from({ length: 50 }, (_, i) => 2000 - 20 * i),
        )
        // A selective value (4 rows an owner) is looked up through its own index on both.
        const owner = await read('f.owner=u7&sort=-opened')
        assert.doesNotMatch(owner.rowsStatement, /\+"owner"/)
        assert.deepEqual(owner.ids, [1507, 1007, 507, 7])
        // In key order the filter's own index already lists a value's rows by key (its entries end with it): kept.
        const byKey = await read('f.status=open&sort=-id')
        assert.doesNotMatch(byKey.rowsStatement, /\+"status"/)
        assert.deepEqual(byKey.ids, expected)
        // An index on (status, opened) lists a value's rows newest first by itself: nothing to tell the planner.
        queries.length = 0
        const queue = await admin.request(`/${fx.s}/queue/?f.status=open&sort=-opened`)
        assert.equal(queue.status, 200)
        const queueIds = [...(await queue.text()).matchAll(/href="\/[^/]+\/queue\/row\/(\d+)\?/g)].map((m) =>
          Number(m[1]),
        )
        assert.deepEqual([...new Set(queueIds)], expected)
        assert.ok(queries.some((q) => /"queue"/.test(q) && /order by/.test(q) && !/\+"status"/.test(q)))
      })
    })
  }
})
