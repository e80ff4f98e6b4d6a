import type { z } from 'zod'
import type { Column, ColumnKind, DialectName } from '../introspect/metadata.js'

/** A value ready for a page: its text, and how to present it. Never raw HTML. */
export interface DisplayValue {
  /** The text to show (already truncated for lists when `truncate` was asked). */
  readonly text: string
  /** The value for a title attribute when `text` is shortened or a preview: up to 1,000 characters (`titleLength`). */
  readonly full?: string
  /** NULL is shown distinctly from an empty string. */
  readonly isNull: boolean
  readonly isEmpty: boolean
  /** A presentation hint for the view: numbers align right, code-like values use a mono font. */
  readonly style: 'plain' | 'number' | 'mono' | 'boolean-true' | 'boolean-false' | 'json' | 'binary'
  /**
   * A point in time the text shows: `datetime` for the `<time>` element (UTC with `Z` when `zoned`, else
   * the wall-clock time as stored, which no zone can be assumed for).
   */
  readonly time?: { readonly datetime: string; readonly zoned: boolean }
}

export interface FormatOptions {
  /** Cut long text to this many characters (lists); detail pages pass none. */
  readonly truncate?: number
  readonly dialect: DialectName
  /** A BCP 47 locale for separators and currencies (default en-US). */
  readonly locale?: string
  /** An ISO 4217 code a number column is an amount of (config `fields.<column>.currency`). */
  readonly currency?: string
}

/** Filter operators a list page may offer for a column; parsed from the URL by list params. */
export type FilterOperator =
  | 'eq' // equals one value (boolean, enum, foreign key, numbers, text)
  | 'in' // any of several values (enum, foreign key)
  | 'gte' // from (dates, times, numbers)
  | 'lte' // to
  | 'null' // is null / is not null (nullable columns)

/** What the form needs to draw an input for a column. */
export interface WidgetSpec {
  readonly type:
    | 'text'
    | 'textarea'
    | 'number'
    | 'checkbox'
    | 'tristate'
    | 'select'
    | 'date'
    | 'datetime-local'
    | 'time'
    | 'json'
    | 'file-or-hex'
  readonly step?: string
  readonly maxLength?: number
  readonly options?: readonly string[]
  readonly placeholder?: string
  readonly inputMode?: 'numeric' | 'decimal' | 'text'
  /** A regular expression (HTML `pattern` syntax) the browser checks before submitting. */
  readonly pattern?: string
}

/** The outcome of reading one form field: a value for the database, or a message for the user. */
export type ParseResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string }

/**
 * Everything Steward knows about one kind of column, in one place: how to show a value, which filters
 * apply, how to read a form field and validate it, which widget to draw. One file per kind in src/kinds/.
 */
export interface Kind {
  readonly name: ColumnKind
  /** Text-like: included in the list search box. */
  readonly searchable: boolean
  readonly filterOperators: readonly FilterOperator[]
  format(value: unknown, column: Column, options: FormatOptions): DisplayValue
  /** Turns the form's string into the value to write (NULL handling is done by the caller). */
  parse(input: string, column: Column, dialect: DialectName): ParseResult
  /** The zod schema a parsed value must pass (type, length, precision, choices). */
  schema(column: Column): z.ZodType
  /** The input to draw; the dialect matters where the engine stores values as free text (SQLite dates and times). */
  widget(column: Column, dialect: DialectName): WidgetSpec
  /**
   * The form's string for a stored value (the inverse of parse): `parse(toInput(v))` writes back exactly `v`,
   * so an unchanged form saves unchanged values. NULL is the caller's business.
   */
  toInput(value: unknown, column: Column, dialect: DialectName): string
}
