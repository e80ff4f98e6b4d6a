/**
 * Where Steward reports what an operator should see: a failed start-up check, a query that failed
 * behind an error page, a missing stylesheet. `console` fits; a host application passes its own.
 * @example createAdmin({ db, schema, logger: { info: log.info, warn: log.warn, error: log.error } })
 */
export interface Logger {
  info(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}
