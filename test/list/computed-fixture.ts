// Orders with computed columns, shared by the list test and the browser test.
import type { StewardConfigInput } from '../../src/resources/define-config.js'

// Items per order: 1→2, 2→0, 3→5, 4→1, 5→3, 6→1, 7→4 (ties at 1 are broken by the key).
export const ordersSetup = `
  create table orders (id integer primary key, status text not null, placed date not null);
  insert into orders values (1, 'new', '2024-01-05'), (2, 'new', '2024-01-02'), (3, 'paid', '2024-01-07'),
    (4, 'paid', '2024-01-01'), (5, 'sent', '2024-01-03'), (6, 'sent', '2024-01-06'), (7, 'new', '2024-01-04');
  create table order_items (id integer primary key, order_id integer not null references orders(id), qty integer not null);
  insert into order_items values (1, 1, 1), (2, 1, 1), (3, 3, 1), (4, 3, 1), (5, 3, 1), (6, 3, 1), (7, 3, 1),
    (8, 4, 2), (9, 5, 1), (10, 5, 1), (11, 5, 1), (12, 6, 3), (13, 7, 1), (14, 7, 1), (15, 7, 1), (16, 7, 1);
`

export const ordersConfig: StewardConfigInput = {
  tables: {
    orders: {
      // The key's order, as the cases were written for (lists now go newest first by default).
      ordering: [],
      pageSize: 3,
      filters: ['status', 'items'],
      computed: {
        items: {
          label: 'Items',
          sql: (eb) =>
            eb
              .selectFrom('order_items')
              .select(eb.fn.countAll().as('n'))
              .whereRef('order_items.order_id', '=', 'orders.id'),
        },
        shout: { sql: (eb) => eb.fn('upper', [eb.ref('status')]) },
      },
    },
  },
}
