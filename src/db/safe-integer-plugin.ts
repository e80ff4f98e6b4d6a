import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

/**
 * better-sqlite3 runs with safe integers on, so every integer arrives as a BigInt. This turns the
 * ones a JS number holds exactly back into numbers, and keeps larger ones as exact decimal strings.
 */
export class SafeIntegerPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { result } = args
    for (const row of result.rows) {
      for (const key in row) {
        const value = row[key]
        if (typeof value === 'bigint') row[key] = toSafe(value)
      }
    }
    return result
  }
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER)
const minSafe = BigInt(Number.MIN_SAFE_INTEGER)

export function toSafe(value: bigint): number | string {
  return value <= maxSafe && value >= minSafe ? Number(value) : value.toString()
}
