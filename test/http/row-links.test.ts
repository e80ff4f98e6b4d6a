import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dialects, withAdmin } from '../helpers/test-db.js'

// Keys made of foreign keys: the key cell links to the row it names, so the row needs another way in.
const setup = `
  create table author (id integer primary key, name text not null);
  create table tag (id integer primary key, name text not null);
  create table author_tag (author_id integer not null references author(id), tag_id integer not null references tag(id),
    primary key (author_id, tag_id));
  create table line (author_id integer not null references author(id), line_no integer not null, words integer,
    primary key (author_id, line_no));
  insert into author values (1, 'Ada');
  insert into tag values (7, 'poet');
  insert into author_tag values (1, 7);
  insert into line values (1, 3, 12);
`

describe('every list row links to its own page', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: the first column that does not link elsewhere, else an Open cell`, async () => {
      await withAdmin(dialect.name, setup, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        const s = fx.s

        const lines = await (await admin.request(`/${s}/line/`)).text()
        assert.match(lines, new RegExp(`<a href="/${s}/author/row/1"[^>]*>(<span[^>]*>)?Ada`), 'the FK shows its label')
        assert.match(lines, new RegExp(`<a href="/${s}/line/row/1,3">(<span[^>]*>)?3<`), 'line_no opens the row')
        assert.doesNotMatch(lines, />Open</, 'no extra column when a cell can carry the link')

        const pairs = await (await admin.request(`/${s}/author_tag/`)).text()
        assert.match(pairs, new RegExp(`<a href="/${s}/author_tag/row/1,7" aria-label="Open row 1, 7">Open</a>`))
        assert.match(pairs, /<th scope="col"[^>]*><span class="sr-only">Open<\/span><\/th>/)
        const detail = await admin.request(`/${s}/author_tag/row/1,7`)
        assert.equal(detail.status, 200)
      })
    })
  }
})

const emptyKeySetup = `
  create table code (k varchar(10) primary key, v text);
  insert into code values ('', 'empty key'), ('a', 'plain');
`

describe('a row whose linking value is empty', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: an empty-string key still links to its row`, async () => {
      await withAdmin(dialect.name, emptyKeySetup, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        const s = fx.s
        const list = await (await admin.request(`/${s}/code/`)).text()
        assert.match(list, new RegExp(`<a href="/${s}/code/row/~-"><span class="st-empty">\\(empty\\)</span></a>`))
        assert.equal((await admin.request(`/${s}/code/row/~-`)).status, 200)
      })
    })
  }
})
