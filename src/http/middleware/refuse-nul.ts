import type { MiddlewareHandler } from 'hono'
import { columnStorage } from '../../db/column-storage.js'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'

/**
 * A NUL (U+0000) in the address is a 400 naming where it is. Postgres text cannot hold one, so on Postgres
 * no key, cursor or filter value with a NUL can name anything; SQLite text can, so there only the search
 * is refused (LIKE reads its pattern up to the first NUL and would search for something else).
 */
export function refuseNul(): MiddlewareHandler<AdminEnv> {
  return async function refuseNul(c, next) {
    // A NUL can only arrive percent-encoded; the address is parsed only when it holds one.
    const url = c.req.url.includes('%00') ? new URL(c.req.url) : null
    if (url?.href.includes('%00')) {
      const anywhere = !columnStorage[c.get('admin').dialect.name].nulInText
      const problems: string[] = []
      if (anywhere && safeDecode(url.pathname).includes('\0')) problems.push('the path (a row key)')
      for (const [name, value] of url.searchParams) {
        if (!(name + value).includes('\0')) continue
        if (anywhere || name === 'q') problems.push(`"${name.replaceAll('\0', '\\0')}"`)
      }
      if (problems.length > 0) {
        throw new HttpError(
          400,
          'NUL character in the address',
          'The address contains the NUL character (U+0000), which this database cannot store or search for, in:',
          problems,
        )
      }
    }
    await next()
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
