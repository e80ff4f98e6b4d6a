import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError } from '../../src/resources/build-resources.js'
import type { StewardConfigInput, TableOptions } from '../../src/resources/define-config.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table item (id integer primary key, title text not null, done boolean not null, due date, kind text check (kind in ('a', 'b')));`

/** What starting an admin with `options` on table `item` says, or '' when it starts. */
function startUp(
  admin: (config: StewardConfigInput) => unknown,
  options: TableOptions | StewardConfigInput,
  whole = false,
) {
  try {
    admin(whole ? (options as StewardConfigInput) : { tables: { item: options as TableOptions } })
    return ''
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error))
    return error.message
  }
}

for (const { name: dialect } of dialects) {
  describe(`form options checked at start-up on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const admin = (config: StewardConfigInput) => fx.admin({ config })

    it('names the option and table of an unknown column in fields and fieldsets', () => {
      assert.match(startUp(admin, { fields: { nope: { help: 'x' } } }), /tables\.item\.fields: unknown column "nope"/)
      assert.match(
        startUp(admin, { fieldsets: [{ title: 'Main', fields: ['title', 'nope'] }] }),
        /tables\.item\.fieldsets "Main": unknown column "nope"/,
      )
    })

    it('refuses a column in two fieldsets', () => {
      const message = startUp(admin, {
        fieldsets: [
          { title: 'Main', fields: ['title'] },
          { title: 'More', fields: ['due', 'title'] },
        ],
      })
      assert.match(message, /tables\.item\.fieldsets "More": column "title" is already in fieldset "Main"/)
    })

    it('refuses a widget that does not fit the column, naming table and column', () => {
      assert.match(
        startUp(admin, { fields: { title: { widget: 'number' } } }),
        /tables\.item\.fields\.title\.widget: "number" does not fit column "title"/,
      )
      assert.match(startUp(admin, { fields: { title: { widget: 'select' } } }), /tables\.item\.fields\.title\.widget/)
      assert.match(startUp(admin, { fields: { done: { widget: 'date' } } }), /tables\.item\.fields\.done\.widget/)
      assert.match(startUp(admin, { fields: { due: { widget: 'checkbox' } } }), /tables\.item\.fields\.due\.widget/)
    })

    it('accepts widgets that fit: text for a date, textarea for text, select for a choice', () => {
      const fits: TableOptions = {
        fields: {
          due: { widget: 'text' },
          title: { widget: 'textarea' },
          kind: { widget: 'select' },
          done: { widget: 'checkbox' },
        },
        fieldsets: [{ title: 'Main', fields: ['title', 'due'], collapsed: true }],
      }
      assert.equal(startUp(admin, fits), '')
    })

    it('refuses two custom pages with one path', () => {
      const render = () => ''
      const pages = [
        { path: '/reports', title: 'A', render },
        { path: '/reports/', title: 'B', render },
      ]
      assert.match(startUp(admin, { pages }, true), /pages: the path "\/reports\/" is used by two pages/)
    })
  })
}
