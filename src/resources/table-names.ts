import { humanize } from './labels.js'
import { plural, singular } from './inflect.js'

/** What one row of a table is called ("Order") and what many are ("Orders"). */
export interface TableNames {
  readonly singular: string
  readonly plural: string
}

/**
 * A table's names from its config: `label` is the singular, `labelPlural` the plural, and when only one
 * is given the other is inflected from it; without either both are inflected from the table's name
 * (`order_items` → "Order item" / "Order items", `person` → "Person" / "People"). A `label` written in
 * the plural ("Orders") still works: the inflector leaves a word already in the wanted form as it is.
 */
export function tableNames(tableName: string, label?: string, labelPlural?: string): TableNames {
  if (label !== undefined) return { singular: singular(label), plural: labelPlural ?? plural(label) }
  if (labelPlural !== undefined) return { singular: singular(labelPlural), plural: labelPlural }
  const name = humanize(tableName)
  return { singular: singular(name), plural: plural(name) }
}

/**
 * A name as it reads inside a sentence ("Edit order 96786"): the first letter lower-cased, unless the
 * first word is an acronym or a proper noun written with inner capitals ("SKU", "iPhone", "McKinsey").
 */
export function inSentence(name: string): string {
  const first = /^\S+/.exec(name)?.[0] ?? ''
  if (/[A-Z]/.test(first.slice(1)) || !/^[A-Z]/.test(first)) return name
  return name.charAt(0).toLowerCase() + name.slice(1)
}

/** A name at the start of a sentence: its first letter upper-cased. */
export function atStart(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** "1 order", "46 orders", "1,000+ orders": a count in words, the noun inside a sentence. */
export function countOf(names: TableNames, count: number, more = false): string {
  const noun = inSentence(count === 1 && !more ? names.singular : names.plural)
  return `${count.toLocaleString('en-US')}${more ? '+' : ''} ${noun}`
}
