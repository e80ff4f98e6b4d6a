import { ConnectError } from '../db/database-url.js'
import { UsageError, type Command } from './command.js'

const commands: Readonly<Record<string, () => Promise<{ command: Command }>>> = {
  generate: () => import('./commands/generate.js'),
  demo: () => import('./commands/demo.js'),
  doctor: () => import('./commands/doctor.js'),
  serve: () => import('./commands/serve.js'),
  start: () => import('./commands/start.js'),
  user: () => import('./commands/user.js'),
}

const usage = `Usage: steward <command> [options]

Commands:
  demo      create the demo SQLite database        steward demo [--out FILE] [--scale N]
  doctor    which big-table lists no index serves  steward doctor --db URL [--config FILE]
  generate  write generated/ from a database       steward generate --db URL [--out DIR] [--check]
  serve     serve the admin over a database        steward serve --db URL [--port N] [--host H]
  start     demo database + generate + serve       steward start
  user      add, list, change or remove logins     steward user add NAME --role admin --db URL

Run "steward <command> --help" for a command's options.`

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage)
    return name ? 0 : 2
  }
  const load = commands[name]
  if (!load) {
    console.error(`steward: unknown command "${name}"\n\n${usage}`)
    return 2
  }
  const { command } = await load()
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (error) {
    if (error instanceof ConnectError || error instanceof UsageError) {
      console.error(`steward ${name}: ${error.message}`)
      return error instanceof UsageError ? 2 : 1
    }
    throw error
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const missing = missingPackage(error)
    console.error(
      missing
        ? `steward: the ${missing} package is not installed (npm install ${missing})`
        : `steward: ${error instanceof Error ? error.message : String(error)}`,
    )
    if (process.env.STEWARD_DEBUG) console.error(error)
    process.exitCode = 1
  },
)

/**
 * The optional package a command needs and cannot find: kysely-codegen (steward generate) requires typescript,
 * a TypeScript config needs tsx; both are optional peer dependencies of the installed package.
 */
function missingPackage(error: unknown): string | undefined {
  const { code, message } = error as NodeJS.ErrnoException
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined
  return /^Cannot find (?:module|package) '((?:@[^/']+\/)?[^/'.][^/']*)/.exec(message)?.[1]
}
