import type { Resource } from '../resources/resource.js'
import { countOf, inSentence } from '../resources/table-names.js'

/** One record inside a sentence: "order 96786", "customer Ada Lovelace" (`title` from `recordTitle`). */
export function recordName(resource: Resource, title: string): string {
  return `${inSentence(resource.singular)} ${title}`
}

/** One record heading its own page: "Order 96786". */
export function recordHeading(resource: Resource, title: string): string {
  return `${resource.singular} ${title}`
}

/** What one row is called inside a sentence: "Add order", "Delete this customer?". */
export function rowNoun(resource: Resource): string {
  return inSentence(resource.singular)
}

/** "1 order", "46 orders", "1,000+ orders". */
export function rowCount(resource: Resource, count: number, more = false): string {
  return countOf({ singular: resource.singular, plural: resource.label }, count, more)
}
