import { html } from 'hono/html'
import type { Flash } from '../view-model.js'

const tones: Record<Flash['kind'], string> = {
  success:
    'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100',
  error: 'border-red-300 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100',
  info: 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100',
}

export function FlashMessage(props: { flash: Flash }) {
  const role = props.flash.kind === 'error' ? 'alert' : 'status'
  return html`<p role="${role}" class="mb-4 rounded border px-3 py-2 ${tones[props.flash.kind]}">${props.flash.message}</p>`
}
