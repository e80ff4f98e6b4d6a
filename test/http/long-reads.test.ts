import assert from 'node:assert/strict'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import pg from 'pg'
import { estimateKey, loadRowEstimates } from '../../src/list/row-estimates.js'
import { suiteFixture, dialects, openAdminDb, type TestDb } from '../helpers/test-db.js'

interface Lock {
  /** Resolves once a statement of Steward's is waiting for the lock. */
  waitedFor(): Promise<void>
  release(): Promise<void>
}

/**
 * Another connection holding a lock that keeps every reader of `table` waiting (SQLite in rollback-journal mode:
 * an exclusive lock on the whole file; Postgres: an ACCESS EXCLUSIVE lock on the table) until `release`.
 */
const holdReadLock: Record<TestDb['dialect'], (test: TestDb, table?: string) => Promise<Lock>> = {
  async sqlite(test) {
    const other = new Database(test.url.replace(/^sqlite:/, ''))
    other.exec('begin exclusive')
    // A statement handed to a reading worker now waits on its busy timeout for the lock.
    let seen: () => void
    const waited = new Promise<void>((resolve) => (seen = resolve))
    const onStatement = () => seen()
    subscribe('steward:sqlite-read-worker:statement', onStatement)
    return {
      waitedFor: () => waited,
      release: async () => {
        unsubscribe('steward:sqlite-read-worker:statement', onStatement)
        other.exec('commit')
        other.close()
      },
    }
  },
  async postgres(test, table = 'item') {
    const other = new pg.Client({ connectionString: test.url })
    await other.connect()
    await other.query('begin')
    await other.query(`lock table ${table} in access exclusive mode`)
    return {
      async waitedFor() {
        // Each round trip yields to the event loop; this ends as soon as the server shows a waiting lock.
        for (;;) {
          const { rows } = await other.query<{ n: string }>(`select count(*) as n from pg_locks where not granted`)
          if (Number(rows[0]?.n) > 0) return
        }
      },
      release: async () => {
        await other.query('commit')
        await other.end()
      },
    }
  },
}

// `ledger` is never analysed: the planner has no estimate of it (see row-estimate-cache.test.ts).
const setup = {
  sql: `create table item (id integer primary key, name text not null);
    insert into item values (1, 'a needle'), (2, 'hay');
    create table ledger (id integer primary key, note text not null);
    insert into ledger values (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), (5, 'five');`,
  // Long enough never to end a wait these tests end themselves by releasing the lock.
  connect: { busyTimeoutMs: 60_000 },
}

for (const { name } of dialects) {
  describe(`searches on ${name} read without holding up other requests`, () => {
    const fx = suiteFixture(() => openAdminDb(name, setup))
    const searches = (s: string) => [
      { what: 'the cross-table search', path: '/search?q=needle', found: /a needle/ },
      { what: "a list's search", path: `/${s}/item/?q=needle`, found: /a needle/ },
    ]

    it('a page that needs no database answers while a search waits for a lock, and the search then answers', async () => {
      const admin = fx.admin({ config: { statementTimeoutMs: 60_000 } })
      for (const { what, path, found } of searches(fx.s)) {
        const lock = await holdReadLock[name](fx.test)
        try {
          let settled = false
          const search = Promise.resolve(admin.request(path)).finally(() => (settled = true))
          // Whichever comes first: with the search on the main thread, it would end (busy) before anything else runs.
          await Promise.race([lock.waitedFor(), search])
          assert.equal(settled, false, `${what} is waiting for the lock`)
          const cheap = await admin.request('/search')
          assert.equal(cheap.status, 200)
          assert.equal(settled, false, `the page answered while ${what} still waited`)
          await lock.release()
          const response = await search
          const html = await response.text()
          assert.equal(response.status, 200, what)
          assert.match(html, found)
          assert.doesNotMatch(html, /hay/)
        } finally {
          await lock.release().catch(() => {})
        }
      }
    })

    /**
     * Each page first answers (reading the table's size before any lock), then, with `table` locked, waits in a
     * reading process while another page answers, holding the one permit: a search meanwhile is refused.
     */
    async function readsAsSearch(admin: ReturnType<typeof fx.admin>, table: string, paths: readonly string[]) {
      const names = (html: string) =>
        [...html.matchAll(/>(a needle|hay|one|two|three|four|five)</g)].map((match) => match[1])
      for (const path of paths) {
        // The sizes are read once a minute, on the main connection: read before the lock is taken.
        const warm = await admin.request(path)
        assert.equal(warm.status, 200, path)
        const expected = names(await warm.text())
        assert.ok(expected.length > 0, path)
        const lock = await holdReadLock[name](fx.test, table)
        try {
          let settled = false
          const costly = Promise.resolve(admin.request(path)).finally(() => (settled = true))
          await Promise.race([lock.waitedFor(), costly])
          assert.equal(settled, false, `${path} is waiting for the lock`)
          assert.equal((await admin.request('/search')).status, 200)
          // The one permit is taken: a search now is refused at once rather than queued.
          const refused = await admin.request(`/${fx.s}/item/?q=hay`)
          assert.equal(refused.status, 503)
          assert.match(await refused.text(), /Too many searches and exports/)
          assert.equal(settled, false, `the pages answered while ${path} still waited`)
          await lock.release()
          const response = await costly
          assert.equal(response.status, 200, path)
          assert.deepEqual(names(await response.text()), expected, path)
        } finally {
          await lock.release().catch(() => {})
        }
      }
    }

    it('on a big table an unindexed sort or filter reads as a search does: beside other requests, under a permit', async () => {
      // Every analysed table is big; `name` has no index, `id` is the key.
      const admin = fx.admin({
        config: { statementTimeoutMs: 60_000, maxExpensiveQueries: 1, search: { bigTableRows: 0 } },
      })
      await fx.test.exec('analyze item')
      await readsAsSearch(admin, 'item', [`/${fx.s}/item/?sort=-name`, `/${fx.s}/item/?f.name=hay`])
    })

    it('a table never analysed is big when a count capped past bigTableRows says so: its unindexed sort too', async () => {
      const { connection } = fx
      const estimates = await loadRowEstimates(connection.db, connection.dialect)
      assert.equal(estimates.get(estimateKey(fx.s, 'ledger')), undefined, 'no estimate of ledger')
      const admin = fx.admin({
        config: { statementTimeoutMs: 60_000, maxExpensiveQueries: 1, search: { bigTableRows: 3 } },
      })
      const hint = /<p id="list-search-hint"[^>]*>([^<]*)/.exec(await (await admin.request(`/${fx.s}/ledger/`)).text())
      assert.match(hint?.[1] ?? '', /^\s*Big table: finds text at the start of indexed columns/)
      await readsAsSearch(admin, 'ledger', [`/${fx.s}/ledger/?sort=-note`, `/${fx.s}/ledger/?f.note=two`])
    })

    it('a search past the statement timeout is a readable "took too long", and the next search works', async () => {
      const admin = fx.admin({ config: { statementTimeoutMs: 1_000 } })
      const lock = await holdReadLock[name](fx.test)
      try {
        const list = await admin.request(`/${fx.s}/item/?q=needle`)
        const listHtml = await list.text()
        assert.equal(list.status, 503)
        assert.match(listHtml, /took longer than 1 s and was stopped/)
        const search = await admin.request('/search?q=needle')
        assert.equal(search.status, 200)
        assert.match(await search.text(), /Searching this table took too long and was stopped/)
      } finally {
        await lock.release()
      }
      for (const { what, path, found } of searches(fx.s)) {
        const response = await admin.request(path)
        assert.equal(response.status, 200, what)
        assert.match(await response.text(), found)
      }
    })
  })
}
