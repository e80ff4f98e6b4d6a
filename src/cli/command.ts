import { parseArgs, type ParseArgsConfig } from 'node:util'

/** A CLI command: its help text and what it does; `run` resolves to the exit code. */
export interface Command {
  readonly usage: string
  run(args: string[]): Promise<number>
}

/** Bad command-line use; printed as one line with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** node:util parseArgs, with its errors turned into one-line usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** Like `parseOptions`, for a command that also takes words (`steward user add NAME`). */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
