import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { accountStoreFor, addAccount, hasAccounts, setUpAccountStore } from '../../auth/account-store.js'
import { hashPassword } from '../../auth/password.js'
import { generate } from '../../codegen/generate.js'
import { connect } from '../../db/connect.js'
import { createDemoDatabase } from '../../demo/create-demo-database.js'
import { parseOptions, type Command } from '../command.js'
import { serveAdmin } from '../serve-admin.js'
import { parsePort } from './serve.js'

const usage = `Usage: steward start [--port N] [--host H]

What "npm start" runs: creates the demo database data/demo.db if it is missing, writes generated/
from it if that is missing, then serves the admin and prints its address. Every write is recorded
in data/audit.db (see a row's History page). The first start creates the login "admin" in
data/accounts.db and prints its password, once.`

const demoPath = 'data/demo.db'
const auditPath = 'data/audit.db'
const generatedDir = 'generated'
const secretPath = 'data/.steward-secret'
const accountsPath = 'data/accounts.db'

export const command: Command = {
  usage,
  async run(args) {
    const values = parseOptions(args, {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
    })
    const url = `sqlite:${demoPath}`
    if (!existsSync(demoPath)) {
      console.log(`Creating the demo database ${demoPath} (a few seconds, once)…`)
      const summary = await createDemoDatabase(demoPath)
      console.log(`  done in ${(summary.ms / 1000).toFixed(1)} s`)
    }
    // The demo keeps its cookie-signing key beside its data, so a restart does not void open forms.
    process.env.STEWARD_SECRET ??= demoSecret()
    if (!existsSync(join(generatedDir, 'schema.ts'))) {
      const result = await generate({ db: url, out: generatedDir })
      console.log(`Wrote ${generatedDir}/ for ${result.tables} tables`)
    }
    await ensureDemoLogin(url)
    return serveAdmin({
      db: url,
      port: parsePort(values.port),
      host: values.host,
      generated: generatedDir,
      audit: auditPath,
      login: { type: 'accounts', target: accountsPath },
    })
  },
}

function demoSecret(): string {
  if (existsSync(secretPath)) return readFileSync(secretPath, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(secretPath, `${secret}\n`, { mode: 0o600 })
  return secret
}

/** The first start makes an `admin` login with a random password and shows it; later starts find it there. */
async function ensureDemoLogin(url: string): Promise<void> {
  const connection = await connect(url)
  try {
    const store = accountStoreFor('sqlite', accountsPath)
    await setUpAccountStore(connection.db, store)
    if (await hasAccounts(connection.db, store)) return
    const password = randomBytes(12).toString('base64url')
    await addAccount(connection.db, store, {
      name: 'admin',
      roles: ['admin'],
      passwordHash: await hashPassword(password),
    })
    console.log('Created the demo login (printed once: keep it):')
    console.log('  name:     admin')
    console.log(`  password: ${password}`)
  } finally {
    await connection.close()
  }
}
