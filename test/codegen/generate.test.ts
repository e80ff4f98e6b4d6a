import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { tableModulePath } from '../../src/codegen/file-names.js'
import { checkGenerated, generate } from '../../src/codegen/generate.js'
import { readGeneratedSchema } from '../../src/codegen/read-generated-schema.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { defaultSchema, dialects, type TestDb } from '../helpers/test-db.js'
import { mtimes, readTree, removeDir, steward, tempOutDir, typecheck } from './codegen-helpers.js'

/** A small schema with the awkward parts codegen must survive, and type assertions over what it generates. */
const fixtures = {
  postgres: {
    sql: `
      create type mood as enum ('sad', 'ok', 'happy');
      create schema billing;
      create table users (
        id integer generated always as identity primary key,
        email varchar(200) not null unique,
        mood mood not null default 'ok',
        tags text[],
        balance numeric(38,10),
        big bigint,
        born date,
        seen timestamptz,
        data jsonb,
        span interval,
        photo bytea,
        lower_email text generated always as (lower(email)) stored
      );
      comment on column users.email is 'Login */ e-mail';
      create table billing.users (id serial primary key, user_id integer references public.users (id) on delete cascade);
      create table "Order Items" (
        "order" integer references users (id), "select" integer, "ünï" text, primary key ("order", "select")
      );
      create table "user" (id integer);
      create table "Users" (id integer);
      create table date (id integer primary key);
      create view user_emails as select id, email from users;`,
    usage: (paths: ModulePaths) => `
      import type { DB } from './db.js'
      import { schema, tables } from './index.js'
      import type * as Users from './${paths('public', 'users')}'
      import type * as OrderItems from './${paths('public', 'Order Items')}'
      export const email: Users.Row['email'] = 'a@example.com'
      export const mood: Users.Row['mood'] = 'happy'
      // @ts-expect-error enum values are a union in declared order
      export const badMood: Users.Row['mood'] = 'angry'
      export const big: Users.Row['big'] = '9007199254740993'
      export const balance: Users.Row['balance'] = '1.0000000001'
      export const born: Users.Row['born'] = '2024-02-29'
      export const tags: Users.Row['tags'] = ['a', 'b']
      export const newUser: Users.NewRow = { email: 'x@example.com' }
      export const key: OrderItems.Key = { order: 1, select: 2 }
      export const billingUser: DB['billing.users']['user_id'] = null
      export const pk: readonly string[] = tables['public.Order Items'].table.primaryKey
      export const reserved = [tables['public.user'], tables['public.Users'], tables['public.date'], tables['billing.users']]
      export const dialect: 'postgres' | 'sqlite' = schema.dialect`,
    expectedTables: [
      'billing.users',
      'public.Order Items',
      'public.Users',
      'public.date',
      'public.user',
      'public.user_emails',
      'public.users',
    ],
  },
  sqlite: {
    sql: `
      create table users (
        id integer primary key,
        email varchar(200) not null unique,
        mood text not null default 'ok' check (mood in ('sad', 'ok', 'happy')),
        big bigint,
        born date,
        data json,
        photo blob,
        lower_email text generated always as (lower(email)) virtual
      );
      create table "Order Items" (
        "order" integer references users (id) on delete cascade, "select" integer, "ünï", primary key ("order", "select")
      ) without rowid;
      create table "user" (id int);
      create table "users.v2" (id int);
      create table date (id integer primary key);
      create view user_emails as select id, email from users;`,
    usage: (paths: ModulePaths) => `
      import type { DB } from './db.js'
      import { schema, tables } from './index.js'
      import type * as Users from './${paths('main', 'users')}'
      import type * as OrderItems from './${paths('main', 'Order Items')}'
      export const email: Users.Row['email'] = 'a@example.com'
      export const mood: Users.Row['mood'] = 'happy'
      // @ts-expect-error CHECK (… IN …) values are a union
      export const badMood: Users.Row['mood'] = 'angry'
      export const big: Users.Row['big'] = '9007199254740993'
      export const lower: Users.Row['lower_email'] = null
      export const newUser: Users.NewRow = { email: 'x@example.com' }
      export const key: OrderItems.Key = { order: 1, select: 2 }
      export const untyped: DB['Order Items']['ünï'] = new Uint8Array()
      export const pk: readonly string[] = tables['main.Order Items'].table.primaryKey
      export const reserved = [tables['main.user'], tables['main.users.v2'], tables['main.date']]
      export const dialect: 'postgres' | 'sqlite' = schema.dialect`,
    expectedTables: ['main.Order Items', 'main.date', 'main.user', 'main.user_emails', 'main.users', 'main.users.v2'],
  },
}
type ModulePaths = (schema: string, name: string) => string
const modulePath: ModulePaths = (schema, name) => tableModulePath({ schema, name }).replace(/\.ts$/, '.js')

/** The drift `--check` must name: `date.id` retyped (how, and how it is reported), and the text type's name. */
const drift: Record<DialectName, { retype: string; retyped: string; textType: string }> = {
  postgres: {
    retype: 'alter table date alter column id type bigint',
    retyped: 'integer → bigint, kind integer → bigint',
    textType: 'text',
  },
  sqlite: {
    retype: 'alter table date rename to date_old; create table date (id text not null primary key)',
    retyped: 'INTEGER → TEXT, kind integer → text',
    textType: 'TEXT',
  },
}

for (const { name: dialect, create } of dialects) {
  const fixture = fixtures[dialect]

  describe(`steward generate on ${dialect}`, () => {
    let db: TestDb
    let out: string
    before(async () => {
      db = await create(fixture.sql)
      out = tempOutDir(dialect)
    })
    after(async () => {
      await db?.drop()
      if (out) removeDir(out)
    })

    it('writes db.ts, schema.ts, index.ts and one module per table, each with the header', async () => {
      const result = await generate({ db: db.url, out })
      const files = readTree(out)
      assert.equal(result.tables, fixture.expectedTables.length)
      assert.deepEqual(result.removed, [])
      assert.deepEqual([...files.keys()].sort(), [...result.written].sort())
      for (const [path, text] of files)
        assert.ok(text.startsWith('// generated by steward generate — do not edit\n'), path)
      const { schema } = readGeneratedSchema(out)
      assert.deepEqual(
        schema.tables.map((t) => `${t.schema}.${t.name}`),
        fixture.expectedTables,
      )
      assert.ok(schema.tables.every((t) => t.estimatedRows === null))
    })

    it('matches the stored snapshot (UPDATE_SNAPSHOTS=1 rewrites it)', () => {
      const snapshotDir = new URL(`./__snapshots__/${dialect}/`, import.meta.url).pathname
      const files = readTree(out)
      if (process.env.UPDATE_SNAPSHOTS) {
        rmSync(snapshotDir, { recursive: true, force: true })
        for (const [path, text] of files) {
          mkdirSync(join(snapshotDir, path, '..'), { recursive: true })
          writeFileSync(join(snapshotDir, `${path}.snap`), text)
        }
      }
      const expected = new Map([...readTree(snapshotDir)].map(([path, text]) => [path.replace(/\.snap$/, ''), text]))
      assert.deepEqual([...files.keys()], [...expected.keys()])
      for (const [path, text] of files) assert.equal(text, expected.get(path), `${path} differs from its snapshot`)
    })

    it('rewrites nothing on a second run, and produces the same bytes', async () => {
      const before = readTree(out)
      const times = mtimes(out)
      await new Promise((resolve) => setTimeout(resolve, 20))
      const result = await generate({ db: db.url, out })
      assert.deepEqual(result.written, [])
      assert.deepEqual(result.removed, [])
      assert.deepEqual(readTree(out), before)
      assert.deepEqual(mtimes(out), times)
    })

    it('typechecks, with the row types saying what the database holds', () => {
      writeFileSync(join(out, 'usage.ts'), fixture.usage(modulePath))
      const result = typecheck(out)
      assert.ok(result.ok, result.output)
      rmSync(join(out, 'usage.ts'))
      rmSync(join(out, 'tsconfig.json'))
    })

    it('keeps only the tables --schemas, --include and --exclude select, and --check reads the same ones', async () => {
      const filtered = tempOutDir(`${dialect}-filtered`)
      try {
        const schema = defaultSchema[dialect]
        const result = await generate({
          db: db.url,
          out: filtered,
          include: ['user*', `${schema}.date`],
          exclude: ['user_emails'],
        })
        const expected = fixture.expectedTables.filter((t) => /^\w+\.(user|users|users\.v2|date)$/.test(t))
        assert.deepEqual(
          readGeneratedSchema(filtered).schema.tables.map((t) => `${t.schema}.${t.name}`),
          expected,
        )
        assert.equal(result.tables, expected.length)
        assert.match(readFileSync(join(filtered, 'db.ts'), 'utf8'), /\n  users: Users\d?;\n/)
        assert.doesNotMatch(readFileSync(join(filtered, 'db.ts'), 'utf8'), /user_emails|Order Items/)
        assert.deepEqual(await checkGenerated({ db: db.url, out: filtered }), {
          outDir: filtered,
          tables: expected.length,
          differences: [],
          staleFiles: [],
        })
        if (dialect === 'postgres') {
          await generate({ db: db.url, out: filtered, schemas: ['billing'] })
          assert.deepEqual(
            readGeneratedSchema(filtered).schema.tables.map((t) => `${t.schema}.${t.name}`),
            ['billing.users'],
          )
          assert.deepEqual(readGeneratedSchema(filtered).selection, { schemas: ['billing'], include: [], exclude: [] })
          assert.deepEqual((await checkGenerated({ db: db.url, out: filtered })).differences, [])
        }
      } finally {
        removeDir(filtered)
      }
    })

    it('imports at run time: the registry holds each table module, its table the frozen schema entry', async () => {
      const registry = await import(join(out, 'index.ts'))
      const { schema } = readGeneratedSchema(out)
      assert.deepEqual(Object.keys(registry.tables), fixture.expectedTables)
      fixture.expectedTables.forEach((key, i) => {
        assert.deepEqual(registry.tables[key].table, schema.tables[i])
        assert.equal(registry.tables[key].table, registry.schema.tables[i])
      })
      assert.ok(Object.isFrozen(registry.schema.tables[0].columns[0]))
      const users = registry.tables[`${defaultSchema[dialect]}.users`]
      assert.equal(users.dbName, 'users')
    })

    it('--check exits 0 while the database matches', () => {
      const run = steward(['generate', '--db', db.url, '--out', out, '--check'])
      assert.equal(run.status, 0, run.stderr)
      assert.match(run.stdout, new RegExp(`matches the database \\(${fixture.expectedTables.length} tables\\)`))
    })

    it('--check exits 1 and names each drift after the schema changed', async () => {
      await db.exec(`
        alter table users add column nickname text;
        drop table "user";
        create table extra (id integer primary key);
        ${drift[dialect].retype};`)
      const run = steward(['generate', '--db', db.url, '--out', out, '--check'])
      assert.equal(run.status, 1)
      const schema = defaultSchema[dialect]
      const lines = run.stderr.split('\n')
      assert.match(lines[0]!, /does not match the database \(\d+ differences\)/)
      for (const expected of [
        `  ${schema}.date: column "id" retyped: type ${drift[dialect].retyped}`,
        `  ${schema}.extra: table added (1 columns)`,
        `  ${schema}.user: table removed`,
        `  ${schema}.users: column "nickname" added (${drift[dialect].textType}, nullable)`,
      ]) {
        assert.ok(lines.includes(expected), `missing line ${JSON.stringify(expected)} in:\n${run.stderr}`)
      }
    })

    it('removes the modules of tables that disappeared, and leaves other files alone', async () => {
      writeFileSync(join(out, 'notes.ts'), 'export const mine = 1\n')
      const result = await generate({ db: db.url, out })
      assert.ok(result.removed.includes(tableModulePath({ schema: defaultSchema[dialect], name: 'user' })))
      assert.equal(readFileSync(join(out, 'notes.ts'), 'utf8'), 'export const mine = 1\n')
      assert.deepEqual((await checkGenerated({ db: db.url, out })).differences, [])
    })
  })
}

describe('steward generate command line', () => {
  it('asks for --db', () => {
    const run = steward(['generate'])
    assert.equal(run.status, 2)
    assert.match(run.stderr, /^steward generate: --db URL is required/)
  })

  it('reports an unreachable database in one line', () => {
    const run = steward(['generate', '--db', 'sqlite:/nonexistent/x.db', '--out', 'test-output/never'])
    assert.equal(run.status, 1)
    assert.equal(run.stderr.trim().split('\n').length, 1)
    assert.match(run.stderr, /no such file/)
  })

  it('--check says when there is nothing generated to compare with', () => {
    const run = steward(['generate', '--db', 'sqlite::memory:', '--out', 'test-output/never', '--check'])
    assert.equal(run.status, 1)
    assert.match(run.stderr, /schema\.ts not found: run steward generate first/)
  })
})
