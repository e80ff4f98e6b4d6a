import type { Child, JSXNode } from 'hono/jsx'
import { isValidElement } from 'hono/jsx'
import { raw } from 'hono/html'
import type { HtmlEscapedString, StringBufferWithCallbacks } from 'hono/utils/html'

/**
 * A JSX child as markup for a template (`html\`…\``). Hono's own way (`toString()`) runs every render inside an
 * `AsyncLocalStorage` for `useContext` across `await`s, and on Node 20 the first such run makes every promise of
 * the process pay for async hooks (6 % of a list page's CPU, issue 9). Steward's views are synchronous and use no
 * context, so an element is written straight into a buffer; anything asynchronous in it takes Hono's own path.
 * Anything else (text, numbers, templates' output, arrays of them) is left to the template, which escapes text.
 */
export function markup(child: Child): Child | HtmlEscapedString | Promise<string> {
  if (!isValidElement(child)) return child
  const node = child as JSXNode
  const buffer = [''] as Partial<StringBufferWithCallbacks> & [string]
  node.toStringToBuffer(buffer as StringBufferWithCallbacks)
  if (buffer.length === 1 && buffer.callbacks === undefined) return raw(buffer[0])
  return node.toString() as Promise<string>
}
