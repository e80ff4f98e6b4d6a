import type { Context, Hono } from 'hono'
import { deleteCookie } from 'hono/cookie'
import { z } from 'zod'
import { LoginPage } from '../../../views/pages/login-page.js'
import { recordAccountEvent, type AccountEvent } from '../../audit/account-events.js'
import { endSession, findAccount, rehashPassword, startSession } from '../../auth/account-store.js'
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from '../../auth/login-throttle.js'
import { hashPassword, needsRehash, verifyNobody, verifyPassword } from '../../auth/password.js'
import type { AccountSettings, AdminEnv } from '../admin-context.js'
import { safeNext } from '../admin-path.js'
import { clientAddress } from '../forwarded.js'
import { cookiePath, csrfCookie, csrfField } from '../middleware/csrf.js'
import { renderPage } from '../render-page.js'
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session-cookie.js'
import { readFormData } from '../form-request.js'

const LoginForm = z.object({
  name: z.string().max(200).default(''),
  password: z.string().max(4096).default(''),
  next: z.string().max(4096).optional(),
})

// One answer for an unknown name and a wrong password, so the form does not tell which names exist.
const wrongLogin = 'The name or the password is not right. Check both and try again.'

/** `GET/POST /login` and `POST /logout`, for an admin with Steward's own accounts. */
export function registerLoginRoutes(app: Hono<AdminEnv>): void {
  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'), c.get('urls').base)
    if (c.get('principal')) return c.redirect(next, 303)
    return loginPage(c, { name: '', next, error: null })
  })
  app.post('/login', postLogin)
  app.post('/logout', postLogout)
}

function settings(c: Context<AdminEnv>): AccountSettings {
  const { accounts } = c.get('admin')
  if (!accounts) throw new Error('login routes registered without accounts')
  return accounts
}

async function postLogin(c: Context<AdminEnv>): Promise<Response> {
  const { db: dataDb, audit, logger } = c.get('admin')
  const accounts = settings(c)
  const { store, db } = accounts
  const data = await readFormData(c)
  const form = LoginForm.safeParse({
    name: data.get('name') ?? undefined,
    password: data.get('password') ?? undefined,
    next: data.get('next') ?? undefined,
  })
  const { name, password, next: wanted } = form.success ? form.data : { name: '', password: '', next: undefined }
  const next = safeNext(wanted, c.get('urls').base)
  const attempt = { name, address: clientAddress(c, accounts.trustProxy) }
  const record = (event: Pick<AccountEvent, 'action' | 'actor'>) =>
    audit ? recordAccountEvent(dataDb, audit, { ...event, name, address: attempt.address }, logger) : Promise.resolve()
  const now = accounts.now()

  const wait = await loginRetryAfter(db, store, attempt, accounts.throttle, now)
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000)
    const error = `Too many failed logins for this name or from this address. Nothing was checked: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
    return loginPage(c, { name, next, error }, 429)
  }
  const account = name === '' ? null : await findAccount(db, store, name)
  const verified = account ? await verifyPassword(password, account.passwordHash) : await verifyNobody(password)
  if (!account || !verified) {
    await recordLoginFailure(db, store, attempt, accounts.throttle, now)
    await record({ action: 'login_failed', actor: null })
    return loginPage(c, { name, next, error: wrongLogin }, 401)
  }

  if (needsRehash(account.passwordHash)) await rehashPassword(db, store, account.id, await hashPassword(password))
  await clearLoginFailures(db, store, name)
  // Always a new token: one planted in this browser before login (session fixation) ends here.
  const old = sessionToken(c)
  if (old) await endSession(db, store, old)
  setSessionCookie(c, await startSession(db, store, account.id, now))
  // A new CSRF token too: the next page sets one the pre-login visitor never saw.
  deleteCookie(c, csrfCookie, { path: cookiePath(c) })
  await record({ action: 'login', actor: account.name })
  return c.redirect(next, 303)
}

async function postLogout(c: Context<AdminEnv>): Promise<Response> {
  const { db, audit, logger } = c.get('admin')
  const accounts = settings(c)
  const token = sessionToken(c)
  if (token) await endSession(accounts.db, accounts.store, token)
  clearSessionCookie(c)
  const principal = c.get('principal')
  if (principal && audit)
    await recordAccountEvent(
      db,
      audit,
      { action: 'logout', name: principal.name, actor: principal.name, address: clientAddress(c, accounts.trustProxy) },
      logger,
    )
  return c.redirect(c.get('urls').login(), 303)
}

function loginPage(
  c: Context<AdminEnv>,
  form: { readonly name: string; readonly next: string; readonly error: string | null },
  status = 200,
): Response | Promise<Response> {
  const urls = c.get('urls')
  const hidden: [string, string][] = [[csrfField, c.get('csrfToken') ?? '']]
  if (form.next !== urls.index()) hidden.push(['next', form.next])
  return renderPage(
    c,
    { title: 'Log in', crumbs: [] },
    <LoginPage model={{ action: urls.login(), hidden, name: form.name, error: form.error }} />,
    status,
  )
}
