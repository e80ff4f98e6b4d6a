import type { MiddlewareHandler } from 'hono'

/** The names a Steward on this machine answers to when none are configured. */
export const loopbackHosts: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/**
 * Serves only requests whose Host is one of `hosts` (`*`: any), before any other handler runs. A web
 * page the operator visits can otherwise reach a Steward on 127.0.0.1 through DNS rebinding: its own
 * name, resolved to the loopback address, would be served with data — and the Origin check passes,
 * since the page's origin is that same name.
 */
export function hostCheck(hosts: readonly string[] | '*'): MiddlewareHandler {
  const allowed = hosts === '*' ? null : new Set(hosts.map((host) => host.toLowerCase()))
  return async function hostCheck(c, next) {
    if (allowed) {
      const host = hostName(c.req.header('host') ?? new URL(c.req.url).host)
      if (!allowed.has(host))
        return c.text(
          `Misdirected request: this admin does not answer to the host name "${host}". Add it to the allowed hosts if it should.`,
          421,
        )
    }
    await next()
  }
}

/** `Example.com:8080` → `example.com`; `[::1]:8080` → `[::1]`. */
function hostName(header: string): string {
  const text = header.trim().toLowerCase()
  if (text.startsWith('[')) return text.slice(0, text.indexOf(']') + 1)
  return text.replace(/:\d*$/, '')
}
