/** What went wrong in a database statement, in terms a form can show next to a field. */
export type DatabaseErrorCode =
  'unique' | 'foreign_key' | 'not_null' | 'check' | 'exclusion' | 'invalid_value' | 'timeout' | 'conflict' | 'other'

/**
 * A driver error translated by the dialect. `columns` names the fields it concerns when the engine
 * says so; `constraint` the constraint's name. The driver's own text stays in `cause`, out of pages.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError'
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    readonly details: {
      readonly columns?: readonly string[]
      readonly constraint?: string
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
}
