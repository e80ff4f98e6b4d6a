/**
 * An empty object to key by column name. It has no prototype, so every name is a key like any other: in a
 * plain `{}`, `values['__proto__'] = v` sets the object's prototype and the value is lost, and `'constructor' in
 * values` or `errors['toString']` find what every object inherits. Object.entries, spreading and JSON treat it
 * as a plain object.
 */
export function byColumn<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** `record[name]` when the record has that key itself; never what every object inherits (`constructor`). */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, name: string): T | undefined {
  return record != null && Object.hasOwn(record, name) ? record[name] : undefined
}
