// The demo shop's schema. Tables whose columns are all INTEGER/TEXT are STRICT; the others declare
// DECIMAL, DATETIME, BOOLEAN and JSON (which STRICT forbids) so that Steward resolves those kinds.
// Indexes come after the bulk load (see demoIndexes): building them once is faster than maintaining them.

/** The demo tables in load order (parents before children), with the columns each insert fills. */
export const demoTables = {
  staff: ['id', 'name', 'email', 'role'],
  customers: [
    'id',
    'first_name',
    'last_name',
    'email',
    'phone',
    'tier',
    'is_active',
    'preferences',
    'notes',
    'created_at',
  ],
  addresses: ['id', 'customer_id', 'label', 'line1', 'line2', 'city', 'region', 'postcode', 'country'],
  categories: ['id', 'parent_id', 'name', 'slug'],
  products: ['id', 'sku', 'name', 'description', 'price', 'category_id', 'stock', 'attributes'],
  tags: ['id', 'name'],
  product_tags: ['product_id', 'tag_id'],
  orders: ['id', 'customer_id', 'staff_id', 'status', 'placed_at', 'shipped_at', 'total', 'external_ref'],
  order_items: ['order_id', 'line_no', 'product_id', 'quantity', 'unit_price'],
  payments: ['id', 'order_id', 'method', 'amount', 'paid_at', 'receipt_digest'],
} as const

export type DemoTable = keyof typeof demoTables

export const orderStatuses = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'] as const
export const customerTiers = ['bronze', 'silver', 'gold', 'platinum'] as const
export const staffRoles = ['admin', 'manager', 'support', 'warehouse'] as const
export const paymentMethods = ['card', 'paypal', 'bank_transfer', 'gift_card', 'cash'] as const
export const addressLabels = ['home', 'work', 'other'] as const

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

export const demoSchema = `
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN (${inList(staffRoles)}))
) STRICT;

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  phone TEXT,
  tier TEXT NOT NULL DEFAULT 'bronze' CHECK (tier IN (${inList(customerTiers)})),
  is_active BOOLEAN NOT NULL DEFAULT 1,
  preferences JSON NOT NULL DEFAULT '{}' CHECK (json_valid(preferences)),
  notes TEXT,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE addresses (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  label TEXT NOT NULL CHECK (label IN (${inList(addressLabels)})),
  line1 TEXT NOT NULL,
  line2 TEXT,
  city TEXT NOT NULL,
  region TEXT,
  postcode TEXT NOT NULL,
  country TEXT NOT NULL CHECK (length(country) = 2)
) STRICT;

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  price DECIMAL(10,2) NOT NULL CHECK (price >= 0),
  category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
  attributes JSON CHECK (attributes IS NULL OR json_valid(attributes))
);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE product_tags (
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (product_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (${inList(orderStatuses)})),
  placed_at DATETIME NOT NULL,
  shipped_at DATETIME,
  total DECIMAL(12,2) NOT NULL DEFAULT 0,
  external_ref INTEGER UNIQUE,
  CHECK (shipped_at IS NULL OR shipped_at >= placed_at)
);

CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL CHECK (line_no > 0),
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  method TEXT NOT NULL CHECK (method IN (${inList(paymentMethods)})),
  amount DECIMAL(12,2) NOT NULL,
  paid_at DATETIME NOT NULL,
  receipt_digest BLOB CHECK (receipt_digest IS NULL OR length(receipt_digest) = 16)
);

CREATE VIEW customer_order_summary AS
SELECT
  c.id AS customer_id,
  c.first_name || ' ' || c.last_name AS name,
  count(o.id) AS order_count,
  round(coalesce(sum(CASE WHEN o.status IN ('paid', 'shipped', 'delivered') THEN o.total END), 0), 2) AS total_spent
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id;
`

// Every FK column leads some index: these, or a primary key (order_items.order_id, product_tags.product_id).
// customers(email) is indexed by its UNIQUE constraint.
export const demoIndexes: ReadonlyArray<readonly [table: DemoTable, column: string]> = [
  ['addresses', 'customer_id'],
  ['categories', 'parent_id'],
  ['products', 'category_id'],
  ['products', 'name'],
  ['product_tags', 'tag_id'],
  ['orders', 'customer_id'],
  ['orders', 'staff_id'],
  ['orders', 'placed_at'],
  ['order_items', 'product_id'],
  ['payments', 'order_id'],
]

export const createIndexSql = (table: string, column: string) =>
  `CREATE INDEX ${table}_${column}_idx ON ${table} (${column})`
