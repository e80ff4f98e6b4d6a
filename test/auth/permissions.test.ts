import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { permissions, managesAccounts, tableActions, type Principal } from '../../src/auth/permissions.js'

const orders = { schema: 'public', name: 'orders' }
const customers = { schema: 'public', name: 'customers' }
const ledger = { schema: 'billing', name: 'ledger' }
const person = (...roles: string[]): Principal => ({ id: roles.join('+'), name: roles.join('+'), roles })
const roles = {
  support: { all: ['view'], tables: { orders: ['change', 'refund'], 'billing.ledger': ['*'] } },
  blind: { tables: { orders: ['change'] } },
}
const can = permissions({ roles, defaultSchema: 'public' })

// [who, table, the actions allowed out of view/add/change/delete/export/refund]
const matrix: ReadonlyArray<readonly [Principal | null, typeof orders, readonly string[]]> = [
  [person('admin'), orders, ['view', 'add', 'change', 'delete', 'export', 'refund']],
  [person('editor'), orders, ['view', 'add', 'change', 'delete', 'export']],
  [person('viewer'), orders, ['view', 'export']],
  [person('support'), orders, ['view', 'change', 'refund']],
  [person('support'), customers, ['view']],
  [person('support'), ledger, ['view', 'add', 'change', 'delete', 'export', 'refund']],
  [person('blind'), orders, []],
  [person('viewer', 'support'), orders, ['view', 'change', 'export', 'refund']],
  [person('nobody-knows-this-role'), orders, []],
  [person(), orders, []],
  [null, orders, []],
]

describe('permissions: can(identity, action, table)', () => {
  for (const [who, table, allowed] of matrix) {
    it(`${who ? who.name || '(no roles)' : 'no identity'} on ${table.schema}.${table.name}`, () => {
      for (const action of [...tableActions, 'refund'])
        assert.equal(can(who, action, table), allowed.includes(action), action)
    })
  }

  it('allows only reading in read-only mode, whatever the role', () => {
    const readOnly = permissions({ roles, readOnly: true, defaultSchema: 'public' })
    for (const action of [...tableActions, 'refund'])
      assert.equal(readOnly(person('admin'), action, orders), action === 'view' || action === 'export', action)
  })

  it('refuses a role definition with an unknown option', () => {
    assert.throws(() => permissions({ roles: { x: { everything: true } as never }, defaultSchema: 'public' }))
  })

  it('lets only admins (and roles that say so) manage accounts', () => {
    assert.equal(managesAccounts(person('admin')), true)
    assert.equal(managesAccounts(person('editor')), false)
    assert.equal(managesAccounts(person('lead'), { lead: { manageAccounts: true } }), true)
    assert.equal(managesAccounts(null), false)
  })
})
