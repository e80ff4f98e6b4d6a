import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { Refusal } from '../../src/resources/behaviour.js'
import { defineConfig, StewardConfig } from '../../src/resources/define-config.js'

interface DB {
  orders: { id: number; status: string; total: string }
}

test('the data part and the behaviour part are one config, checked together', () => {
  const config = defineConfig<DB>({
    tables: {
      orders: {
        listColumns: ['id', 'status'],
        fields: { status: { help: 'Where the order is', widget: 'select' } },
        fieldsets: [{ title: 'Money', fields: ['total'] }],
        hooks: {
          beforeSave: ({ values }) => {
            if (values.status === 'lost') throw new Refusal('No order is lost.', { field: 'status' })
          },
        },
        actions: {
          ship: {
            label: 'Mark shipped',
            permission: 'change',
            on: 'both',
            form: z.object({ note: z.string() }),
            run: () => 'Shipped.',
          },
        },
        scope: (qb) => qb,
        computed: { doubled: { label: 'Twice', sql: (eb) => eb.ref('total') } },
      },
    },
    pages: [{ path: '/reports', title: 'Reports', render: () => 'hello' }],
  })
  assert.equal(typeof config.tables?.orders?.hooks?.beforeSave, 'function')
  assert.equal(config.tables?.orders?.actions?.ship?.label, 'Mark shipped')
})

test('a misspelt option, a value that is no function and a bad action name are named in the error', () => {
  const problems = (input: unknown) =>
    StewardConfig.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []
  assert.match(problems({ tables: { orders: { hooks: { beforeSafe: () => {} } } } }).join('\n'), /orders\.hooks/)
  assert.match(
    problems({ tables: { orders: { hooks: { beforeSave: 'no' } } } }).join('\n'),
    /orders\.hooks\.beforeSave: must be a function/,
  )
  assert.match(
    problems({ actions: { 'ship it': { label: 'x', permission: 'change', on: 'rows', run: () => {} } } }).join('\n'),
    /actions\.ship it/,
  )
  assert.match(problems({ pages: [{ path: 'reports', title: 'R', render: () => '' }] }).join('\n'), /pages\.0\.path/)
})

interface ShopDB {
  customers: { id: number; email: string }
  orders: { id: number; customer_id: number; status: string }
}

test('typed options take computed names in lists and foreign-key paths in searchFields', () => {
  const config = defineConfig<ShopDB>({
    tables: {
      orders: {
        computed: { shout: { sql: (eb) => eb.fn('upper', [eb.ref('status')]) } },
        listColumns: ['id', 'shout', 'status'],
        filters: ['shout'],
        ordering: ['-shout'],
        searchFields: ['status', 'customer_id.email', 'customers.email'],
      },
    },
  })
  assert.deepEqual(config.tables?.orders?.searchFields, ['status', 'customer_id.email', 'customers.email'])
  defineConfig<ShopDB>({
    tables: {
      // @ts-expect-error a search field is a column or a column/table name, a dot and a column
      orders: { searchFields: ['nothing'] },
    },
  })
})

test('a currency is an ISO 4217 code and a locale one Node.js knows', () => {
  const problems = (input: unknown) =>
    StewardConfig.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []
  assert.deepEqual(problems({ locale: 'de-DE', tables: { orders: { fields: { total: { currency: 'EUR' } } } } }), [])
  assert.match(problems({ tables: { orders: { fields: { total: { currency: 'euro' } } } } }).join('\n'), /currency/)
  assert.match(problems({ locale: 'not a locale!' }).join('\n'), /^locale: /)
})
