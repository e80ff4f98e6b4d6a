import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

const setup = `
  create table person (id integer primary key, name text not null, email text, street text, city text, age integer, note text);
  insert into person values (1, 'Ada', 'ada@example.com', '1 Main St', 'Springfield', 36, 'hi');`

const config: StewardConfigInput = {
  tables: {
    person: {
      fieldsets: [
        { title: 'Address', description: 'Where letters go.', fields: ['city', 'street'] },
        { title: 'Extra', fields: ['age'], collapsed: true },
      ],
    },
  },
}

/** The form's or page's field names in document order, with the group each sits in. */
function layout(html: string, marker: RegExp): string[] {
  const out: string[] = []
  const pattern = new RegExp(
    `<legend[^>]*>([^<]*)</legend>|<summary[^>]*>([^<]*)</summary>|<h2[^>]*>([^<]*)</h2>|${marker.source}`,
    'g',
  )
  // The developer details (column names and types) are not a group of the form.
  const page = html.replace(/<details[^>]*data-developer-details[\s\S]*?<\/details>/g, '')
  for (const match of page.matchAll(pattern)) {
    const title = match[1] ?? match[2] ?? match[3]
    out.push(title !== undefined ? `# ${title}` : match[4]!)
  }
  return out
}

for (const { name: dialect } of dialects) {
  describe(`fieldsets on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const client = () => new EditClient(fx.admin({ config, secret: 'test' }))

    it('groups the form in titled fieldsets in their order, the rest after them', async () => {
      const { html } = await client().get(`/${fx.s}/person/row/1/edit`)
      const form = html.slice(
        html.indexOf('<form method="post"'),
        html.indexOf('</form>', html.indexOf('<form method="post"')),
      )
      assert.deepEqual(layout(form, /data-field="([^"]+)"/), [
        '# Address',
        'city',
        'street',
        '# Extra',
        '# Extra',
        'age',
        'id',
        'name',
        'email',
        'note',
      ])
      assert.match(form, /<fieldset[^>]*>\s*<legend[^>]*>Address<\/legend>\s*<p[^>]*>Where letters go\.<\/p>/)
      assert.match(
        form,
        /<details(?![^>]*\sopen)[^>]*>\s*<summary[^>]*>Extra<\/summary>/,
        'collapsed: a closed <details>',
      )
    })

    it('opens a collapsed fieldset that holds a field with an error, and keeps every value typed', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/person/row/1/edit`)).html, '/edit')
      let pairs = withValue(form.pairs, 'v:age', 'old')
      pairs = withValue(pairs, 'v:city', 'Shelbyville')
      const response = await c.post(form.action, [...pairs, ['_action', 'save']])
      assert.equal(response.status, 422)
      const html = await response.text()
      assert.match(html, /<details[^>]*\sopen[^>]*>\s*<summary[^>]*>Extra<\/summary>/)
      assert.match(html, /value="Shelbyville"/)
    })

    it('saves fields from every group', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/person/row/1/edit`)).html, '/edit')
      let pairs = withValue(form.pairs, 'v:age', '37')
      pairs = withValue(pairs, 'v:street', '2 Side St')
      await c.follow(await c.post(form.action, [...pairs, ['_action', 'save']]))
      const row = await fx.connection.db.selectFrom('person').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
      assert.equal(Number(row.age), 37)
      assert.equal(row.street, '2 Side St')
      assert.equal(row.city, 'Springfield')
    })

    it('groups the detail page the same way', async () => {
      const { html } = await client().get(`/${fx.s}/person/row/1`)
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
      const fields = layout(main, /<dt[^>]*data-field="([^"]+)"/)
      assert.deepEqual(fields, ['# Address', 'city', 'street', '# Extra', 'age', 'id', 'name', 'email', 'note'])
    })
  })
}
