/** A choice written as lower-case words joined by `_` or `-`: the identifiers schemas use for states. */
const identifier = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/

/**
 * How an enum or CHECK-list value reads on a page: `in_transit` → "In transit", `pending` → "Pending".
 * Display only: forms post, filters match, URLs carry and CSV exports write the stored value. A value
 * that is not such an identifier ("USD", "Pending", "A+") is shown as stored, and so is every choice of
 * a list in which two choices would read alike (`in-transit` and `in_transit`).
 */
export function choiceText(value: string, choices: readonly string[] = noChoices): string {
  // Worked out once per column's list of choices and value: a list page asks for every row.
  let texts = textsOf.get(choices)
  if (!texts) textsOf.set(choices, (texts = new Map()))
  let text = texts.get(value)
  if (text === undefined) {
    text = readable(value, choices)
    if (texts.size < maxTexts) texts.set(value, text)
  }
  return text
}

const noChoices: readonly string[] = []
const textsOf = new WeakMap<readonly string[], Map<string, string>>()
const maxTexts = 1000

function readable(value: string, choices: readonly string[]): string {
  const text = humanized(value)
  if (text === value) return value
  return choices.some((other) => other !== value && humanized(other) === text) ? value : text
}

function humanized(value: string): string {
  if (!identifier.test(value)) return value
  const words = value.replace(/[_-]+/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
