import type { Hono } from 'hono'

/** A browser stand-in for app.request(): keeps cookies, sends the Origin header, does not follow redirects. */
export class EditClient {
  readonly cookies = new Map<string, string>()
  constructor(
    private readonly app: Hono<any>,
    readonly origin = 'http://localhost',
  ) {}

  async get(path: string): Promise<{ status: number; html: string; response: Response }> {
    const response = await this.request(path, { method: 'GET' })
    return { status: response.status, html: await response.text(), response }
  }

  async post(
    path: string,
    pairs: readonly (readonly [string, string | Blob])[],
    options: { origin?: string | null } = {},
  ): Promise<Response> {
    const multipart = pairs.some(([, value]) => typeof value !== 'string')
    let body: FormData | URLSearchParams
    if (multipart) {
      const data = new FormData()
      for (const [name, value] of pairs) data.append(name, value)
      body = data
    } else {
      body = new URLSearchParams(pairs.map(([name, value]) => [name, value as string]))
    }
    const origin = options.origin === undefined ? this.origin : options.origin
    return this.request(path, { method: 'POST', body, headers: origin ? { Origin: origin } : {} })
  }

  /** Follows a 303 with a GET, as a browser does after a form post. */
  async follow(response: Response): Promise<{ status: number; html: string; location: string }> {
    const location = response.headers.get('location')
    if (response.status !== 303 || !location) {
      const html = await response.text()
      const messages = [
        ...html.matchAll(/role="alert"[^>]*>([\s\S]*?)<\/(p|div)>|id="field-\d+-error"[^>]*>([^<]*)/g),
      ].map((m) => m[1] ?? m[3])
      throw new Error(`expected a 303 redirect, got ${response.status}: ${messages.join(' | ') || html.slice(0, 300)}`)
    }
    const next = await this.get(location)
    return { status: next.status, html: next.html, location }
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const response = await this.app.request(path, { ...init, headers })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at)
      const value = pair.slice(at + 1)
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
}
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => entities[m] ?? m)
const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return match ? decode(match[1]!) : undefined
}
const hasAttr = (tag: string, name: string) => new RegExp(`\\s${name}(=|\\s|/|>)`).test(tag)

export interface SubmittedForm {
  readonly action: string
  /** What a browser would send for the form as it stands (no button), textareas with CRLF line breaks. */
  readonly pairs: [string, string][]
}

/** The first form on the page whose action contains `actionPart`, read the way a browser submits it. */
export function readForm(html: string, actionPart = ''): SubmittedForm {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0])
  const form = forms.find((f) => (attr(f.slice(0, f.indexOf('>') + 1), 'action') ?? '').includes(actionPart))
  if (!form) throw new Error(`no form with action containing ${actionPart}`)
  const action = attr(form.slice(0, form.indexOf('>') + 1), 'action') ?? ''
  const pairs: [string, string][] = []
  const controls = /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g
  for (const match of form.matchAll(controls)) {
    const whole = match[0]
    const tag = whole.slice(0, whole.indexOf('>') + 1)
    const name = attr(tag, 'name')
    if (!name || hasAttr(tag, 'disabled')) continue
    if (whole.startsWith('<input')) {
      const type = attr(tag, 'type') ?? 'text'
      if (type === 'file' || type === 'submit') continue
      if ((type === 'checkbox' || type === 'radio') && !hasAttr(tag, 'checked')) continue
      pairs.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')])
    } else if (whole.startsWith('<textarea')) {
      // The parser drops one leading newline; browsers submit line breaks as CRLF.
      pairs.push([
        name,
        decode(match[1] ?? '')
          .replace(/^\n/, '')
          .replace(/\r?\n/g, '\r\n'),
      ])
    } else {
      const options = [...(match[2] ?? '').matchAll(/<option\b[^>]*>/g)].map((m) => m[0])
      const chosen = options.find((option) => hasAttr(option, 'selected')) ?? options[0]
      if (chosen) pairs.push([name, attr(chosen, 'value') ?? ''])
    }
  }
  return { action, pairs }
}

/** The pairs with `name`'s value replaced (or added), as a user typing into one field. */
export function withValue(
  pairs: readonly (readonly [string, string])[],
  name: string,
  value: string,
): [string, string][] {
  const out = pairs.filter(([n]) => n !== name).map(([n, v]) => [n, v] as [string, string])
  out.push([name, value])
  return out
}

export function without(pairs: readonly (readonly [string, string])[], name: string): [string, string][] {
  return pairs.filter(([n]) => n !== name).map(([n, v]) => [n, v] as [string, string])
}
