import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generate } from '../../codegen/generate.js'
import { createDemoDatabase } from '../../demo/create-demo-database.js'
import { parseOptions, type Command } from '../command.js'
import { serveAdmin } from '../serve-admin.js'
import { parsePort } from './serve.js'

const usage = `Usage: steward start [--port N] [--host H]

What "npm start" runs: creates the demo database data/demo.db if it is missing, writes generated/
from it if that is missing, then serves the admin and prints its address. Every write is recorded
in data/audit.db (see a row's History page).`

const demoPath = 'data/demo.db'
const auditPath = 'data/audit.db'
const generatedDir = 'generated'
const secretPath = 'data/.steward-secret'

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
    return serveAdmin({
      db: url,
      port: parsePort(values.port),
      host: values.host,
      generated: generatedDir,
      audit: auditPath,
    })
  },
}

function demoSecret(): string {
  if (existsSync(secretPath)) return readFileSync(secretPath, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(secretPath, `${secret}\n`, { mode: 0o600 })
  return secret
}
