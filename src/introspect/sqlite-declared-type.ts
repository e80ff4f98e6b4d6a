/** The parts of a SQLite declared type such as `VARCHAR(20)`, `decimal(10, 2)` or `UNSIGNED BIG INT`. */
export interface DeclaredType {
  /** Upper-cased, modifiers dropped, inner whitespace collapsed; '' for an untyped column. */
  readonly baseType: string
  readonly length: number | null
  readonly precision: number | null
  readonly scale: number | null
}

// SQLite ignores these modifiers (https://www.sqlite.org/datatype3.html), but they are the author's
// intent, so forms can still use them for hints and limits.
const characterTypes = /CHAR|TEXT|CLOB/
const decimalTypes = /NUMERIC|DECIMAL|NUMBER|^DEC$/

export function parseDeclaredType(declared: string): DeclaredType {
  const open = declared.indexOf('(')
  const baseType = (open < 0 ? declared : declared.slice(0, open)).trim().replace(/\s+/g, ' ').toUpperCase()
  const args =
    open < 0
      ? []
      : declared
          .slice(open + 1, declared.lastIndexOf(')') > open ? declared.lastIndexOf(')') : undefined)
          .split(',')
          .map((arg) => (/^\s*[+-]?\d+\s*$/.test(arg) ? Number.parseInt(arg, 10) : null))
  const [first = null, second = null] = args
  if (characterTypes.test(baseType)) return { baseType, length: first, precision: null, scale: null }
  if (decimalTypes.test(baseType) && first !== null) {
    // As in standard SQL, NUMERIC(p) means NUMERIC(p, 0).
    return { baseType, length: null, precision: first, scale: args.length > 1 ? second : 0 }
  }
  return { baseType, length: null, precision: null, scale: null }
}
