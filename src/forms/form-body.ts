/** A submitted form as the parsers need it: the last value of a name (a checkbox after its hidden twin wins), files. */
export interface FormBody {
  value(name: string): string | undefined
  has(name: string): boolean
  all(name: string): string[]
  /** An uploaded file with content, or undefined when none was chosen. */
  file(name: string): File | undefined
}

export function formBody(data: FormData | URLSearchParams): FormBody {
  const strings = (name: string) =>
    (data.getAll(name) as unknown[]).filter((value): value is string => typeof value === 'string')
  return {
    value: (name) => strings(name).at(-1),
    has: (name) => data.has(name),
    all: strings,
    file(name) {
      const found = (data.getAll(name) as unknown[]).find(
        (value): value is File => value instanceof File && value.size > 0,
      )
      return found
    },
  }
}

/** Form field names: a column's value, its NULL box, the "keep the stored bytes" marker, its upload. */
export const fieldName = {
  value: (column: string) => `v:${column}`,
  null: (column: string) => `null:${column}`,
  keep: (column: string) => `keep:${column}`,
  file: (column: string) => `file:${column}`,
} as const

/** Names Steward's forms use for themselves; a column's fields are all prefixed, so none can collide. */
export const formControl = {
  /** The CSRF token every form repeats (`csrfField`; see `src/http/middleware/csrf.ts`). */
  csrf: '_csrf',
  version: '_version',
  action: '_action',
} as const
