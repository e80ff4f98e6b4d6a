/**
 * What went wrong in a database statement, in terms a form can show next to a field. Two are about
 * the database rather than the statement: `unavailable` (it cannot be reached, or the connection was
 * lost) and `busy` (no connection or lock within a short wait); both mean "try again in a moment".
 */
export type DatabaseErrorCode =
  | 'unique'
  | 'foreign_key'
  | 'not_null'
  | 'check'
  | 'exclusion'
  | 'invalid_value'
  | 'timeout'
  | 'conflict'
  | 'unavailable'
  | 'busy'
  | 'other'

/** The codes that say nothing about the statement: the same request may well succeed a moment later. */
export function isTransient(error: DatabaseError): boolean {
  return error.code === 'unavailable' || error.code === 'busy'
}

/**
 * A driver error translated by the dialect. `columns` names the fields it concerns when the engine
 * says so; `constraint` the constraint's name; `input` the text it could not read as a value, when it
 * quotes it. The driver's own text stays in `cause`, out of pages.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError'
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    readonly details: {
      readonly columns?: readonly string[]
      readonly constraint?: string
      readonly input?: string
      readonly cause?: unknown
    } = {},
  ) {
    super(message)
  }
  get columns(): readonly string[] {
    return this.details.columns ?? []
  }
  get constraint(): string | undefined {
    return this.details.constraint
  }
  get input(): string | undefined {
    return this.details.input
  }
}
