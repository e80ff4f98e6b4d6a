import type { Context, Hono, Next } from 'hono'
import type { Child } from 'hono/jsx'
import { isValidElement } from 'hono/jsx'
import { raw } from 'hono/html'
import { customPagePrefix, normalizePagePath } from '../../resources/custom-pages.js'
import type { AdminEnv } from '../admin-context.js'
import { pathInAdmin } from '../admin-path.js'
import { HttpError } from '../errors.js'
import { renderPage } from '../render-page.js'

/**
 * The config's `pages`, each at `<base>/_pages<path>` inside the layout (navigation, breadcrumbs; the login
 * middleware runs before). A path no page has falls through to the other routes, hence to a 404.
 */
export function registerCustomPages(app: Hono<AdminEnv>, basePath: string): void {
  app.get(`${customPagePrefix}/*`, (c, next) => showCustomPage(c, next, basePath))
}

async function showCustomPage(c: Context<AdminEnv>, next: Next, basePath: string): Promise<Response | void> {
  const admin = c.get('admin')
  const path = decodedPath(pathInAdmin(c, basePath))
  const page =
    path === undefined
      ? undefined
      : (admin.config.pages ?? []).find(
          (candidate) => normalizePagePath(`${customPagePrefix}${candidate.path}`) === normalizePagePath(path),
        )
  if (!page) return next()
  const failed = (what: string, cause: unknown) => {
    admin.logger.error(`steward: custom page ${page.path} ${what}:`, cause)
    return new HttpError(
      500,
      'Page failed',
      `The page “${page.title}” could not be drawn. The error is in the server log.`,
    )
  }
  let content: unknown
  try {
    content = await page.render({ db: admin.db, user: c.get('principal'), url: new URL(c.req.url) })
  } catch (error) {
    throw failed('failed', error)
  }
  const body = await pageContent(content)
  if (body === undefined) throw failed('returned neither a string nor an element', content)
  return renderPage(
    c,
    {
      title: page.title,
      crumbs: [{ label: 'Home', href: c.get('urls').index() }, { label: page.title }],
      currentPage: page.path,
    },
    <div class="max-w-5xl space-y-4">{body}</div>,
  )
}

/**
 * What `render` returned, as the layout's child: a hono/jsx element or a `raw()` string is HTML the page's
 * author wrote; a plain string (or number) is text, escaped; nothing is an empty page. Undefined for anything else.
 */
async function pageContent(content: unknown): Promise<Child | undefined> {
  if (content === null || content === undefined) return ''
  if (typeof content === 'string' || typeof content === 'number') return String(content)
  // Drawn by the element itself: the CLI bundles its own hono, and an element made by the config's copy is
  // not one this copy's renderer recognises (it would draw nothing). Its HTML string is drawn by either.
  if (isValidElement(content)) return raw(await (content as { toString(): string | Promise<string> }).toString())
  if (content instanceof String && (content as { isEscaped?: boolean }).isEscaped === true) return content as Child
  return undefined
}

function decodedPath(path: string): string | undefined {
  try {
    return decodeURI(path)
  } catch {
    return undefined
  }
}
