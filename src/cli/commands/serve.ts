import { parseOptions, UsageError, type Command } from '../command.js'
import { serveAdmin } from '../serve-admin.js'

const usage = `Usage: steward serve --db URL [options]

Serves the admin over a database. Uses generated/ when present (tables that changed since are
shown read-only); otherwise reads the database's structure at start-up.

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
  --read-only       nothing can be changed: the database is opened read-only (SQLite) or every
                    transaction is READ ONLY (Postgres)`

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
    })
    if (!values.db) throw new UsageError('--db URL is required (postgres://…, sqlite:PATH or file:PATH)')
    return serveAdmin({
      db: values.db,
      port: parsePort(values.port),
      host: values.host,
      generated: values.generated,
      ...(values.config ? { config: values.config } : {}),
      ...(values.audit ? { audit: values.audit } : {}),
      allowedHosts: values['allowed-host'] ?? [],
      readOnly: values['read-only'] === true,
    })
  },
}

export function parsePort(text: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, not "${text}"`)
  return port
}
