import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie } from 'hono/cookie'
import type { Flash } from '../../../views/view-model.js'
import type { AdminEnv } from '../admin-context.js'
import { readSignedCookie, writeSignedCookie } from '../signed-cookie.js'
import { cookiePath } from './csrf.js'

export const flashCookie = 'steward-flash'

const kinds = new Set(['success', 'error', 'info'])

/**
 * One-time messages across a post → redirect → get, kept in a signed cookie (no server memory, so any
 * instance can show it): the page after the redirect reads it into `flash` and clears it.
 */
export function flashMessages(secret: string): MiddlewareHandler<AdminEnv> {
  return async function flashMessages(c, next) {
    const stored = readSignedCookie(c, secret, flashCookie)
    if (stored !== undefined && stored !== '') {
      c.set('flash', decode(stored))
      deleteCookie(c, flashCookie, { path: cookiePath(c) })
    }
    await next()
  }
}

/** Sets the message the next page will show; call it before returning the redirect. */
export function setFlash(c: Context<AdminEnv>, secret: string, flash: Flash): void {
  writeSignedCookie(c, flashCookie, encodeURIComponent(JSON.stringify(flash)), secret, {
    path: cookiePath(c),
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 60,
  })
}

function decode(text: string): Flash | null {
  try {
    const value = JSON.parse(decodeURIComponent(text)) as { kind?: unknown; message?: unknown }
    if (typeof value.kind === 'string' && kinds.has(value.kind) && typeof value.message === 'string') {
      return { kind: value.kind as Flash['kind'], message: value.message }
    }
  } catch {}
  return null
}
