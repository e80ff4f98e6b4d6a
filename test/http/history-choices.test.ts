import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { Principal } from '../../src/auth/permissions.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

const setup = `
  create table parcel (
    id integer primary key,
    state text not null check (state in ('in_transit', 'delivered', 'USD')),
    note text
  );
  insert into parcel (id, state, note) values (1, 'in_transit', 'in_transit');
`

for (const { name: dialect } of dialects) {
  describe(`History shows choices as other pages do, on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const dir = mkdtempSync(join(tmpdir(), 'steward-history-'))
    after(() => rmSync(dir, { recursive: true, force: true }))
    const audit = { target: dialect === 'postgres' ? 'steward.audit_log' : join(dir, 'audit.db') }

    it('a changed choice reads In transit, Delivered; a free-text column keeps its text', async () => {
      const ann = new EditClient(
        fx.admin({ secret: 'test', audit, identity: (): Principal => ({ id: 'ann', name: 'ann', roles: ['admin'] }) }),
      )
      const path = (rest: string) => `/${fx.s}/parcel/row/1${rest}`
      const form = readForm((await ann.get(path('/edit'))).html, '/edit')
      let pairs = withValue(form.pairs, 'v:state', 'delivered')
      pairs = withValue(pairs, 'v:note', 'delivered')
      await ann.follow(await ann.post(form.action, pairs))
      const html = (await ann.get(path('/history'))).html
      const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
      assert.match(text, /Field Before After State In transit Delivered Note in_transit delivered /)
    })
  })
}
