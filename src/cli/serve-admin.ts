import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { GeneratedSchemaError, readGeneratedSchema } from '../codegen/read-generated-schema.js'
import { accountStoreFor, hasAccounts, setUpAccountStore } from '../auth/account-store.js'
import { connect } from '../db/connect.js'
import { redact } from '../db/database-url.js'
import { createAdmin } from '../http/create-admin.js'
import { loopbackHosts } from '../http/middleware/host-check.js'
import type { SchemaMetadata } from '../introspect/metadata.js'
import type { Logger } from '../logger.js'
import { StewardConfig } from '../resources/define-config.js'
import { defaultAccountsTarget } from './accounts-target.js'
import { UsageError } from './command.js'
import { compactWhenIdle } from './compact-when-idle.js'
import { lazyNodeServer } from './lazy-node-server.js'

export interface ServeOptions {
  readonly db: string
  readonly port: number
  readonly host: string
  /** A config module whose default export is a `defineConfig(…)` result; `steward.config.ts` when present. */
  readonly config?: string
  /** Where `steward generate` wrote its files; used when present and for the same kind of database. */
  readonly generated: string
  /** Record every write: a Postgres table (`steward.audit_log`) or a SQLite file (`data/audit.db`). */
  readonly audit?: string
  /** Host names answered besides the loopback names and `host`. */
  readonly allowedHosts?: readonly string[]
  /** A read replica of `db` for lists, record pages and exports (same kind of database). */
  readonly replica?: string
  /** Open the database so that nothing can be written, and offer no writes. */
  readonly readOnly?: boolean
  /** Steward's accounts (a schema on Postgres, a file on SQLite), or none (`--no-auth`, loopback only). */
  readonly login:
    { readonly type: 'accounts'; readonly target: string; readonly trustProxy?: boolean } | { readonly type: 'none' }
}

// The server's messages go where the CLI's own go: information to stdout, warnings and errors to stderr.
const cliLogger: Logger = { info: console.log, warn: console.warn, error: console.error }

/** Connects, picks the metadata, serves the admin and resolves when the server is stopped (Ctrl-C / SIGTERM). */
export async function serveAdmin(options: ServeOptions): Promise<number> {
  const config = await loadConfig(options.config)
  const connection = await connect(options.db, { readOnly: options.readOnly === true, logger: cliLogger })
  const { db, dialect, target } = connection
  let schema: SchemaMetadata
  let source: string
  const generated = readGenerated(options.generated)
  if (generated && generated.dialect === dialect.name) {
    schema = generated
    source = `${options.generated}/`
  } else {
    schema = await dialect.introspect(db)
    source = 'live introspection'
  }
  const { login } = options
  // Read-only mode opens the data read-only; logins still start sessions, through a connection of their own.
  const storeDb = login.type === 'accounts' && options.readOnly ? await connect(options.db) : undefined
  // A hot standby refuses writes by itself: no read-only connection option is needed (nor accepted by a pooler).
  const replica = options.replica ? await connect(options.replica, { logger: cliLogger }) : undefined
  const closeAll = async () => {
    await replica?.close()
    await storeDb?.close()
    await connection.close()
  }
  if (login.type === 'accounts') {
    const store = accountStoreFor(dialect.name, login.target)
    const accountsDb = storeDb?.db ?? db
    await setUpAccountStore(accountsDb, store)
    if (!(await hasAccounts(accountsDb, store))) {
      await closeAll()
      const accounts = `${login.target === defaultAccountsTarget(options.db) ? '' : ` --accounts ${login.target}`}`
      console.error(
        [
          'steward serve: nobody can log in yet. Add an account, then start again:',
          `  steward user add admin --role admin --db ${redact(options.db)}${accounts}`,
          'or, on this machine only, serve without login: add --no-auth',
        ].join('\n'),
      )
      return 1
    }
  }
  const bound = options.host.includes(':') ? `[${options.host}]` : options.host
  if (replica && replica.dialect !== dialect) {
    await closeAll()
    throw new UsageError(`--replica must be the same kind of database as --db (${dialect.name})`)
  }
  const app = createAdmin({
    db,
    ...(replica ? { replica: replica.db } : {}),
    schema,
    config,
    readOnly: options.readOnly === true,
    logger: cliLogger,
    allowedHosts: [...new Set([...loopbackHosts, bound, ...(options.allowedHosts ?? [])])],
    ...(options.audit && !options.readOnly ? { audit: { target: options.audit } } : {}),
    ...(login.type === 'accounts'
      ? {
          accounts: {
            target: login.target,
            trustProxy: login.trustProxy ?? false,
            ...(storeDb ? { db: storeDb.db } : {}),
          },
        }
      : { warnNoLogin: true }),
  })
  const server = lazyNodeServer(compactWhenIdle(app.fetch), options.host)
  server.listen(options.port, options.host)
  await new Promise<void>((resolveListening, reject) => {
    server.once('listening', resolveListening)
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} is already in use (try --port)`) : error,
      ),
    )
  }).catch(async (error) => {
    await closeAll()
    throw error
  })
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  console.log(`Steward is serving ${target.display} (${schema.tables.length} tables, from ${source})`)
  if (replica) console.log(`  lists, record pages and exports read from ${replica.target.display}`)
  if (options.audit) console.log(`  writes are recorded in ${options.audit}`)
  if (login.type === 'none') console.log('  no login: anyone who reaches this address can change data')
  console.log(`  http://${host}:${port}/`)
  await new Promise<void>((stop) => {
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await new Promise<void>((closed) => server.close(() => closed()))
  await closeAll()
  return 0
}

function readGenerated(dir: string): SchemaMetadata | undefined {
  if (!existsSync(resolve(dir, 'schema.ts'))) return undefined
  try {
    return readGeneratedSchema(dir).schema
  } catch (error) {
    if (error instanceof GeneratedSchemaError) {
      console.warn(`steward: ${error.message}; introspecting the database instead`)
      return undefined
    }
    throw error
  }
}

/** The config module `file`, or `steward.config.ts` when present, checked; `{}` when there is none. */
export async function loadConfig(file: string | undefined): Promise<StewardConfig> {
  const path = file ?? (existsSync('steward.config.ts') ? 'steward.config.ts' : undefined)
  if (!path) return {}
  if (!existsSync(path)) throw new UsageError(`config file ${path} not found`)
  const module = (await importTypeScript(pathToFileURL(resolve(path)).href)) as { default?: unknown }
  // Loaded as CommonJS, `export default` arrives one level down.
  const exported = module.default as { default?: unknown } | undefined
  const parsed = StewardConfig.safeParse((exported && 'default' in exported ? exported.default : exported) ?? {})
  if (!parsed.success)
    throw new UsageError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data
}

/**
 * Imports a module that may be TypeScript. Under tsx (tests, development) that just works; the bundled
 * CLI has no loader, so on Node's "unknown file extension" it registers tsx's and tries once more.
 */
async function importTypeScript(url: string): Promise<unknown> {
  try {
    return await import(url)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
    // Both hooks: outside a "type": "module" package Node loads a .ts file as CommonJS.
    const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]).catch((tsxError: unknown) => {
      if ((tsxError as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw tsxError
      throw new UsageError(
        `${fileURLToPath(url)} is TypeScript: install tsx to load it (npm install tsx), or write it in JavaScript`,
      )
    })
    esm.register()
    cjs.register()
    // A new URL: Node keeps the failed import of the old one in its module cache.
    return import(`${url}?typescript`)
  }
}
