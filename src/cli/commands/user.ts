import { z } from 'zod'
import {
  accountStoreFor,
  addAccount,
  findAccount,
  listAccounts,
  removeAccount,
  setPassword,
  setUpAccountStore,
  type AccountStore,
} from '../../auth/account-store.js'
import { hashPassword } from '../../auth/password.js'
import { builtInRoles } from '../../auth/permissions.js'
import { connect, type Connection } from '../../db/connect.js'
import { defaultAccountsTarget } from '../accounts-target.js'
import { parseCommandLine, UsageError, type Command } from '../command.js'
import { readNewPassword } from '../read-password.js'
import { loadConfig } from '../serve-admin.js'

const usage = `Usage: steward user <add|passwd|list|remove> [NAME] --db URL [options]

Manages the accounts that may log in to "steward serve".

  steward user add NAME --role R [--role R2] --db URL   add an account
  steward user passwd NAME --db URL                      set a new password (ends its sessions)
  steward user list --db URL                             list accounts and their roles
  steward user remove NAME --db URL                      remove an account (ends its sessions)

A password is asked for twice on a terminal, without echo; otherwise the first line of stdin is used
(echo "$PASSWORD" | steward user add …). It must be at least 8 characters.

Options:
  --db URL          the database the admin serves: postgres://…, sqlite:PATH or file:PATH (required)
  --accounts TARGET where accounts are kept: a schema on Postgres (default steward), a file on SQLite
                    (default steward-accounts.db beside the database file)
  --role R          add: admin, editor, viewer, or a role defined in the config; repeat for more
  --config FILE     the config defining custom roles (default: steward.config.ts when present)`

// Shown in lists and the audit log, typed at login: printable, no spaces at either end.
const AccountName = z
  .string()
  .min(1, 'an account name is required')
  .max(200, 'an account name is at most 200 characters')
  .regex(/^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u, 'an account name has no control characters or surrounding spaces')

export const command: Command = {
  usage,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, {
      db: { type: 'string' },
      accounts: { type: 'string' },
      role: { type: 'string', multiple: true },
      config: { type: 'string' },
    })
    const [action, rawName, ...extra] = positionals
    if (!action) throw new UsageError('say what to do: add, passwd, list or remove')
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    if (!values.db) throw new UsageError('--db URL is required (postgres://…, sqlite:PATH or file:PATH)')
    const name = () => {
      const parsed = AccountName.safeParse(rawName ?? '')
      if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message)
      return parsed.data
    }
    const target = values.accounts ?? defaultAccountsTarget(values.db)
    switch (action) {
      case 'add': {
        const accountName = name()
        const roles = await checkRoles(values.role ?? [], values.config)
        return withStore(values.db, target, async (connection, store) => {
          if (await findAccount(connection.db, store, accountName))
            throw new UsageError(
              `there is already an account "${accountName}" (steward user passwd changes its password)`,
            )
          const passwordHash = await hashPassword(await readNewPassword())
          await addAccount(connection.db, store, { name: accountName, roles, passwordHash })
          console.log(`Added ${accountName} (${roles.join(', ')}).`)
          return 0
        })
      }
      case 'passwd': {
        const accountName = name()
        return withStore(values.db, target, async (connection, store) => {
          if (!(await findAccount(connection.db, store, accountName))) return noSuchAccount(accountName)
          const passwordHash = await hashPassword(await readNewPassword())
          if (!(await setPassword(connection.db, store, accountName, passwordHash))) return noSuchAccount(accountName)
          console.log(`Changed the password of ${accountName}; its sessions have ended.`)
          return 0
        })
      }
      case 'list':
        if (rawName !== undefined) throw new UsageError(`unexpected argument "${rawName}"`)
        return withStore(values.db, target, async (connection, store) => {
          const accounts = await listAccounts(connection.db, store)
          if (accounts.length === 0) console.log('No accounts yet: steward user add NAME --role admin --db URL')
          const width = Math.max(4, ...accounts.map((account) => account.name.length))
          for (const account of accounts) console.log(`${account.name.padEnd(width)}  ${account.roles.join(', ')}`)
          return 0
        })
      case 'remove': {
        const accountName = name()
        return withStore(values.db, target, async (connection, store) => {
          if (!(await removeAccount(connection.db, store, accountName))) return noSuchAccount(accountName)
          console.log(`Removed ${accountName}; its sessions have ended.`)
          return 0
        })
      }
      default:
        throw new UsageError(`unknown action "${action}" (add, passwd, list or remove)`)
    }
  },
}

async function withStore(
  url: string,
  target: string,
  work: (connection: Connection, store: AccountStore) => Promise<number>,
): Promise<number> {
  const connection = await connect(url)
  try {
    const store = accountStoreFor(connection.dialect.name, target)
    await setUpAccountStore(connection.db, store)
    return await work(connection, store)
  } finally {
    await connection.close()
  }
}

function noSuchAccount(name: string): number {
  console.error(`steward user: there is no account "${name}" (steward user list shows them)`)
  return 1
}

/** The roles given, each built in or defined in the config's `roles`; at least one. */
async function checkRoles(roles: readonly string[], configFile: string | undefined): Promise<string[]> {
  if (roles.length === 0) throw new UsageError('give the account a role: --role admin, editor or viewer')
  const config = (await loadConfig(configFile)) as { roles?: Record<string, unknown> }
  const known = new Set([...Object.keys(builtInRoles), ...Object.keys(config.roles ?? {})])
  for (const role of roles)
    if (!known.has(role))
      throw new UsageError(
        `unknown role "${role}" (known: ${[...known].join(', ')}; define others in the config's roles)`,
      )
  return [...new Set(roles)]
}
