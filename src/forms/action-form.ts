import { z } from 'zod'
import type { FormBody } from './form-body.js'

/** One field of an action's small form, as the action page draws it. */
export interface ActionField {
  /** The form field's name (`actionFieldName`). */
  readonly name: string
  readonly label: string
  readonly control: 'text' | 'number' | 'checkbox' | 'select'
  /** The choices of a select (an enum's values). */
  readonly options: readonly string[]
  readonly required: boolean
  /** What the user typed (re-rendered after an error), '' at first. */
  readonly value: string
  readonly checked: boolean
  readonly error: string | null
}

export type ActionFormResult =
  | { readonly ok: true; readonly input: unknown }
  | { readonly ok: false; readonly fields: readonly ActionField[]; readonly formError: string | null }

/** An action form's fields are prefixed, so that none can collide with the page's own (`key`, `_csrf`…). */
export function actionFieldName(key: string): string {
  return `input.${key}`
}

interface Plan {
  readonly key: string
  readonly label: string
  readonly control: ActionField['control']
  readonly options: readonly string[]
  readonly required: boolean
}

/** The fields of an action's form (`form`, a zod object schema) before anything is typed. */
export function actionFields(schema: z.ZodType): ActionField[] {
  return plan(schema).map((field) => ({
    ...field,
    name: actionFieldName(field.key),
    value: '',
    checked: false,
    error: null,
  }))
}

/**
 * Reads the action's fields from a submitted form and validates them with its schema. Text becomes the field's
 * type first (a number, a checkbox's boolean; an empty optional field is left out), so that the schema's own
 * messages are about values, not about strings. On failure the fields come back with the input and a message each.
 */
export function parseActionForm(schema: z.ZodType, body: FormBody): ActionFormResult {
  const fields = plan(schema)
  const values: Record<string, unknown> = {}
  const typed: Record<string, string> = {}
  const early: Record<string, string> = {}
  for (const field of fields) {
    const text = body.value(actionFieldName(field.key)) ?? ''
    typed[field.key] = text
    if (field.control === 'checkbox') values[field.key] = text !== ''
    else if (text.trim() === '') continue
    else if (field.control === 'number') {
      const number = Number(text.trim())
      if (Number.isFinite(number)) values[field.key] = number
      else early[field.key] = 'Enter a number.'
    } else values[field.key] = text
  }
  const parsed = schema.safeParse(values)
  if (parsed.success && Object.keys(early).length === 0) return { ok: true, input: parsed.data }
  const errors: Record<string, string> = { ...early }
  let formError: string | null = null
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const key = issue.path[0]
    if (typeof key === 'string' && fields.some((field) => field.key === key)) {
      errors[key] ??= typed[key] === '' && fields.find((f) => f.key === key)?.required ? 'Required.' : issue.message
    } else formError ??= issue.message
  }
  return {
    ok: false,
    formError,
    fields: fields.map((field) => ({
      ...field,
      name: actionFieldName(field.key),
      value: field.control === 'checkbox' ? '' : (typed[field.key] ?? ''),
      checked: field.control === 'checkbox' && typed[field.key] !== '',
      error: errors[field.key] ?? null,
    })),
  }
}

function plan(schema: z.ZodType): Plan[] {
  const object = unwrap(schema)
  if (!(object instanceof z.ZodObject)) return []
  return Object.entries(object.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const inner = unwrap(field)
    const control: ActionField['control'] =
      inner instanceof z.ZodBoolean
        ? 'checkbox'
        : inner instanceof z.ZodNumber
          ? 'number'
          : inner instanceof z.ZodEnum
            ? 'select'
            : 'text'
    return {
      key,
      label: field.description ?? inner.description ?? humanize(key),
      control,
      options: inner instanceof z.ZodEnum ? inner.options.map(String) : [],
      required: control !== 'checkbox' && !field.safeParse(undefined).success,
    }
  })
}

/** The schema under optional/nullable/default wrappers and transforms: the one that says what the field holds. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema
  for (let depth = 0; depth < 10; depth++) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault
    )
      current = current.unwrap() as z.ZodType
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType
    else break
  }
  return current
}

/** `refund_reason` / `refundReason` → `Refund reason`. */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
