// View models of the edit pages' fields: plain data decided in form-view-model.ts; views/widgets only draw it.

/** A single-column foreign key's picker: a search over the target's label column, or a plain key input without JS. */
export interface LookupModel {
  /** The JSON search endpoint; the script appends `&q=`. */
  readonly url: string
  /** The target's list page, to look a key up by hand. */
  readonly listHref: string
  readonly targetLabel: string
  /** The label of the row the current value points at, when it exists. */
  readonly currentLabel: string | null
  readonly currentHref: string | null
}

export type ControlModel =
  | {
      readonly type: 'input'
      readonly inputType: 'text' | 'number' | 'date' | 'datetime-local' | 'time'
      readonly value: string
      readonly step?: string
      readonly maxLength?: number
      readonly placeholder?: string
      readonly inputMode?: 'numeric' | 'decimal' | 'text'
      readonly pattern?: string
      readonly lookup?: LookupModel
    }
  | {
      readonly type: 'textarea'
      readonly value: string
      readonly rows: number
      readonly maxLength?: number
      readonly mono: boolean
    }
  | { readonly type: 'checkbox'; readonly checked: boolean }
  | {
      readonly type: 'select'
      readonly value: string
      readonly options: readonly { readonly value: string; readonly label: string }[]
    }
  | {
      readonly type: 'binary'
      /** Hex of the stored bytes, or '' when they are too large to edit as text (then `keep` is set). */
      readonly value: string
      readonly fileName: string
      readonly keep: { readonly name: string; readonly sizeText: string } | null
    }

export interface FieldModel {
  /** The column's name: the submitted names derive from it. */
  readonly column: string
  readonly id: string
  readonly label: string
  /** The database type, shown small beside the label. */
  readonly typeText: string
  /** The input's name (`v:<column>`). */
  readonly name: string
  /** Null for a read-only field, shown as `readOnlyText`. */
  readonly control: ControlModel | null
  readonly readOnlyText: string | null
  readonly hint: string | null
  /** The config's line of help, drawn under the field and named by the control's aria-describedby. */
  readonly help: string | null
  readonly error: string | null
  /** The explicit NULL choice of a nullable column. */
  readonly nullBox: { readonly name: string; readonly checked: boolean } | null
  readonly required: boolean
  /** Set on a conflict page: the value another session saved meanwhile. */
  readonly theirs?: string | null
}
