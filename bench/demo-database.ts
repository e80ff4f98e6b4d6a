import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { connect } from '../src/db/connect.js'
import { copySqliteToPostgres } from '../src/demo/copy-to-postgres.js'
import { createDemoDatabase } from '../src/demo/create-demo-database.js'

/**
 * The demo database at `scale`, as the benches share it: built once into `data/bench-scale-SCALE.db` (under `root`)
 * and kept for later runs. Returns its path.
 */
export async function benchDemoDatabase(scale: number, root = process.cwd()): Promise<string> {
  const path = resolve(root, `data/bench-scale-${scale}.db`)
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true })
    console.error(`building the demo database at scale ${scale} (${path})…`)
    await createDemoDatabase(path, { scale })
  }
  return path
}

/** The demo database at `demoPath` copied into the (existing, empty) Postgres database at `url`. */
export async function copyDemoToPostgres(demoPath: string, url: string): Promise<void> {
  console.error(`copying the demo database into Postgres (${new URL(url).pathname.slice(1)})…`)
  const lite = await connect(`sqlite:${demoPath}`)
  const metadata = await lite.dialect.introspect(lite.db)
  await lite.close()
  await copySqliteToPostgres(demoPath, metadata, url)
}
