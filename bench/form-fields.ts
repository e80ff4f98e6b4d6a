/**
 * The fields a browser would submit from the first POST form of a page, read from Steward's own
 * markup (attributes double-quoted, as hono/jsx writes them). Enough for the bench's save loop.
 */
export function formFields(html: string): { action: string; fields: [string, string][] } {
  const form = /<form method="post" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html)
  if (!form) throw new Error('no POST form on the page')
  const body = form[2]!
  const fields: [string, string][] = []
  for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
    const attrs = attributes(tag)
    if (!attrs.name || attrs.disabled !== undefined) continue
    if ((attrs.type === 'checkbox' || attrs.type === 'radio') && attrs.checked === undefined) continue
    if (attrs.type === 'file') continue
    fields.push([attrs.name, attrs.value ?? (attrs.type === 'checkbox' ? 'on' : '')])
  }
  for (const [, open, inner] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attributes(`<x${open}>`).name
    if (!name) continue
    const options = [...inner!.matchAll(/<option\b[^>]*>/g)].map(([tag]) => attributes(tag))
    const chosen = options.find((o) => o.selected !== undefined) ?? options[0]
    fields.push([name, chosen?.value ?? ''])
  }
  for (const [, open, inner] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attributes(`<x${open}>`).name
    if (name) fields.push([name, decode(inner!.replace(/^\n/, ''))])
  }
  return { action: decode(form[1]!), fields }
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const [, name, value] of tag.matchAll(/([a-zA-Z_:-]+)(?:="([^"]*)")?/g)) found[name!] = decode(value ?? '')
  return found
}

function decode(text: string): string {
  return text.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!,
  )
}
