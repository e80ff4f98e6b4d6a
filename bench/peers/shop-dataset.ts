import { execFile } from 'node:child_process'
import { cpSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

/**
 * Copies the shared peers folder (dataset generator, Django harness) to `dest`: the shared copy may be
 * read-only and the Django harness writes its own files (`django/var/`), which the copy keeps across runs.
 */
export function copyPeers(source: string, dest: string): string {
  if (!existsSync(join(source, 'dataset', 'gen.py')))
    throw new Error(`${source} is not the peers folder (no dataset/gen.py): give --peers DIR`)
  cpSync(source, dest, { recursive: true, force: true })
  return dest
}

/** The shop database as a SQLite file, built by the dataset's own script unless a file of that scale is there. */
export async function shopSqlite(peers: string, path: string, scale: number): Promise<string> {
  if (!existsSync(path)) {
    console.error(`building the shop dataset at SCALE=${scale} into ${path}…`)
    const { stdout } = await run(join(peers, 'dataset', 'build-sqlite.sh'), [path, String(scale)], {
      maxBuffer: 1 << 20,
    })
    console.error(stdout.trim())
  }
  return `sqlite:${path}`
}

/**
 * The same rows in a database `shop` on the given Postgres server: the SQL `gen.py pg SCALE` prints (the
 * one build-pg.sh pipes into psql), run in one transaction, then VACUUM (ANALYZE) as build-pg.sh does.
 */
export async function shopPostgres(peers: string, serverUrl: string, scale: number): Promise<string> {
  console.error(`loading the shop dataset at SCALE=${scale} into Postgres…`)
  const { stdout: script } = await run('python3', [join(peers, 'dataset', 'gen.py'), 'pg', String(scale)], {
    maxBuffer: 64 << 20,
  })
  const url = new URL(serverUrl)
  await withClient(url.toString(), async (client) => {
    await client.query('drop database if exists shop with (force)')
    await client.query('create database shop')
  })
  url.pathname = '/shop'
  await withClient(url.toString(), async (client) => {
    await client.query(`begin;\n${script}\ncommit;`)
    await client.query('vacuum (analyze) customers, categories, products, orders, order_items')
  })
  return url.toString()
}

async function withClient(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}
