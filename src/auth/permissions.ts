import { z } from 'zod'

/** The actions Steward's own routes ask about; custom actions name their own (`refund`, `approve`…). */
export const tableActions = ['view', 'add', 'change', 'delete', 'export'] as const
export type Action = (typeof tableActions)[number] | (string & {})

/** Actions that only read: the ones left in read-only mode. */
const readingActions: ReadonlySet<string> = new Set(['view', 'export'])

/** Whether `action` only reads: the actions a read-only table or admin still allows. */
export function isReadingAction(action: Action): boolean {
  return readingActions.has(action)
}

/** Who is asking: from a Steward session, or the embedding app's identity hook. */
export interface Principal {
  readonly id: string
  readonly name: string
  readonly roles: readonly string[]
}

/**
 * Who is asking when the embedding app gave no identity hook and Steward keeps no accounts: the host's own
 * auth guards the mount, so this user may do everything, and writes are recorded without a name.
 */
export const anonymous: Principal = Object.freeze({
  id: 'anonymous',
  name: 'anonymous',
  roles: Object.freeze(['admin']),
})

/** A table as permissions name it. */
export interface TableName {
  readonly schema: string
  readonly name: string
}

/**
 * What a role may do: `all` on every table, `tables` per table (`schema.table`, or a bare name in the
 * default schema), `*` meaning every action. Roles add up; nothing is denied explicitly.
 * @example { support: { all: ['view'], tables: { orders: ['view', 'change', 'refund'] } } }
 */
export const RoleSpec = z
  .object({
    all: z.array(z.string().min(1)).default([]),
    tables: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
    /** May add, change and remove accounts. */
    manageAccounts: z.boolean().default(false),
  })
  .strict()
export type RoleSpec = z.infer<typeof RoleSpec>
export type RoleInput = z.input<typeof RoleSpec>

/** `admin` may do everything and manage accounts; `editor` reads and writes rows; `viewer` reads and exports. */
export const builtInRoles: Readonly<Record<'admin' | 'editor' | 'viewer', RoleSpec>> = {
  admin: { all: ['*'], tables: {}, manageAccounts: true },
  editor: { all: ['view', 'add', 'change', 'delete', 'export'], tables: {}, manageAccounts: false },
  viewer: { all: ['view', 'export'], tables: {}, manageAccounts: false },
}

export interface PermissionOptions {
  /** Roles besides the built-in ones (a custom role may also redefine one of them). */
  readonly roles?: Readonly<Record<string, RoleInput>>
  /** Only reading actions are ever allowed, whatever the roles say. */
  readonly readOnly?: boolean
  /** The schema a bare table name in `tables` stands in. */
  readonly defaultSchema: string
}

/**
 * The one permission decision: may `who` take `action` on `table`? No principal may do nothing; every
 * action on a table needs `view` of it too (one cannot change what one may not see).
 */
export type Can = (who: Principal | null, action: Action, table: TableName) => boolean

/** Builds `can` from the role definitions, resolved once. */
export function permissions(options: PermissionOptions): Can {
  const roles = new Map<string, RoleSpec>(Object.entries(builtInRoles))
  for (const [name, spec] of Object.entries(options.roles ?? {})) roles.set(name, RoleSpec.parse(spec))
  const tableKey = (name: string) => (name.includes('.') ? name : `${options.defaultSchema}.${name}`)
  const grants = new Map(
    [...roles].map(([name, spec]) => [
      name,
      {
        all: new Set(spec.all),
        tables: new Map(Object.entries(spec.tables).map(([table, actions]) => [tableKey(table), new Set(actions)])),
      },
    ]),
  )
  const granted = (who: Principal, action: string, key: string) =>
    who.roles.some((role) => {
      const grant = grants.get(role)
      if (!grant) return false
      const perTable = grant.tables.get(key)
      return (
        grant.all.has('*') || grant.all.has(action) || perTable?.has('*') === true || perTable?.has(action) === true
      )
    })
  const can: Can = (who, action, table) => {
    if (!who) return false
    const key = `${table.schema}.${table.name}`
    return granted(who, 'view', key) && granted(who, action, key)
  }
  return options.readOnly ? onlyReading(can) : can
}

/** `can` with every action that writes refused: the read-only mode, whoever decides the rest. */
export function onlyReading(can: Can): Can {
  return (who, action, table) => readingActions.has(action) && can(who, action, table)
}

/** Whether any of `who`'s roles may manage accounts. */
export function managesAccounts(who: Principal | null, custom: PermissionOptions['roles'] = {}): boolean {
  if (!who) return false
  return who.roles.some((role) => {
    const spec = custom[role] ? RoleSpec.parse(custom[role]) : builtInRoles[role as keyof typeof builtInRoles]
    return spec?.manageAccounts === true
  })
}
