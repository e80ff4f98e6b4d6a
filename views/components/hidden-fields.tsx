import { html } from 'hono/html'

/** Hidden inputs carrying state through a form (a template: it is in every list and form page's hot path). */
export function HiddenFields(props: { pairs: readonly (readonly [string, string])[] }) {
  return props.pairs.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}"/>`)
}
