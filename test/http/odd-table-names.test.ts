import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient } from './edit-client.js'

// Names a path segment cannot carry as they are: `.` and `..` are resolved away by every URL parser (`%2E`
// too), `/`, `?`, `#` and `%` end or change the path, `~` starts Steward's own escape.
const names = ['.', '..', '~x', '~', 'a/b', '?x', '#x', '%41', 'a b']
const setup = names
  .map((name, i) => {
    const quoted = `"${name.replaceAll('"', '""')}"`
    return `create table ${quoted} (id int primary key, v text); insert into ${quoted} values (1, 'value of table ${i}');`
  })
  .join('\n')

/** What a browser requests for a link: the address resolved against the page's, dot segments removed. */
const asBrowserSends = (href: string) => {
  const url = new URL(href.replaceAll('&amp;', '&'), 'http://localhost/')
  return url.pathname + url.search
}

for (const { name: dialect } of dialects) {
  describe(`tables named ${names.join(' ')} on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    let client: EditClient
    before(() => {
      client = new EditClient(fx.admin({ secret: 'test' }))
    })

    it('each has a list and a detail page that a browser reaches from the index', async () => {
      const index = (await client.get('/')).html
      const lists = [...new Set([...index.matchAll(/href="(\/[^"]*\/)"/g)].map((m) => m[1]!))]
      const reached = new Map<string, string>()
      for (const href of lists) {
        const list = await client.get(asBrowserSends(href))
        assert.equal(list.status, 200, href)
        const row = /href="([^"]*\/row\/1)(?:\?[^"]*)?"/.exec(list.html)?.[1]
        assert.ok(row, `a row link on ${href}`)
        const detail = await client.get(asBrowserSends(row))
        assert.equal(detail.status, 200, row)
        const value = /value of table (\d+)/.exec(detail.html)?.[1]
        assert.ok(value, `the row's value on ${row}`)
        reached.set(names[Number(value)]!, href)
      }
      assert.deepEqual([...reached.keys()].sort(), [...names].sort())
    })
  })
}
