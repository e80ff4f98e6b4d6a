import { parseOptions, UsageError, type Command } from '../command.js'
import { defaultAccountsTarget, isLoopback } from '../accounts-target.js'
import { serveAdmin } from '../serve-admin.js'

const usage = `Usage: steward serve --db URL [options]

Serves the admin over a database. Uses generated/ when present (tables that changed since are
shown read-only); otherwise reads the database's structure at start-up. Everyone logs in with an
account made by "steward user add"; without one it says how to add one and stops.

Options:
  --db URL          postgres://…, sqlite:PATH or file:PATH (required)
  --port N          port to listen on (default 8080)
  --host H          address to listen on (default 127.0.0.1: this machine only)
  --config FILE     a module exporting defineConfig({…}) (default: steward.config.ts when present)
  --generated DIR   where steward generate wrote its files (default generated)
  --audit TARGET    record every write with who changed what: a table on Postgres (steward.audit_log,
                    created when missing), a file on SQLite (data/audit.db)
  --allowed-host H  a host name the admin answers to besides localhost, 127.0.0.1, [::1] and --host
                    (repeat for several); requests naming any other host get 421
  --replica URL     a read replica of --db: lists, record pages and exports read from it; writes,
                    their conflict checks, history and the page after a write use --db
  --read-only       nothing can be changed: the database is opened read-only (SQLite) or every
                    transaction is READ ONLY (Postgres)
  --accounts TARGET where accounts and sessions are kept: a schema on Postgres (default steward), a
                    file on SQLite (default steward-accounts.db beside the database file)
  --trust-proxy     believe X-Forwarded-Proto and X-Forwarded-For (behind a proxy that sets them)
  --no-auth         no login: anyone who reaches the address may change data (loopback --host only)`

export const command: Command = {
  usage,
  async run(args) {
    const values = parseOptions(args, {
      db: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      config: { type: 'string' },
      generated: { type: 'string', default: 'generated' },
      audit: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'read-only': { type: 'boolean' },
      replica: { type: 'string' },
      accounts: { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'no-auth': { type: 'boolean', default: false },
    })
    if (!values.db) throw new UsageError('--db URL is required (postgres://…, sqlite:PATH or file:PATH)')
    if (values['no-auth'] && !isLoopback(values.host))
      throw new UsageError(
        `--no-auth serves without login, so only on this machine: use a loopback --host (127.0.0.1, ::1), not ${values.host}`,
      )
    return serveAdmin({
      db: values.db,
      port: parsePort(values.port),
      host: values.host,
      generated: values.generated,
      ...(values.config ? { config: values.config } : {}),
      ...(values.audit ? { audit: values.audit } : {}),
      allowedHosts: values['allowed-host'] ?? [],
      readOnly: values['read-only'] === true,
      ...(values.replica ? { replica: values.replica } : {}),
      login: values['no-auth']
        ? { type: 'none' }
        : {
            type: 'accounts',
            target: values.accounts ?? defaultAccountsTarget(values.db),
            trustProxy: values['trust-proxy'],
          },
    })
  },
}

export function parsePort(text: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, not "${text}"`)
  return port
}
