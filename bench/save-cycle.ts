import { readForm } from '../test/http/edit-client.js'

type FetchLike = (url: string, init?: RequestInit) => Promise<Response> | Response

/**
 * What an engineer fixing one field does: open the edit form, change the order's status, save.
 * Resolves when the save redirected (saved); rejects on anything else, so the loop counts it as an error.
 */
export async function saveCycle(
  fetchLike: FetchLike,
  base: string,
  editPath: string,
  jar: { cookie?: string },
): Promise<void> {
  const headers: Record<string, string> = jar.cookie ? { cookie: jar.cookie } : {}
  const page = await fetchLike(base + editPath, { headers })
  const setCookie = page.headers.get('set-cookie')
  if (setCookie) jar.cookie = setCookie.split(';')[0]
  if (page.status !== 200) throw new Error(`edit form answered ${page.status}`)
  const { action, pairs: fields } = readForm(await page.text(), '/edit')
  const body = new URLSearchParams()
  for (const [name, value] of fields) {
    body.append(name, name === 'v:status' ? (value === 'shipped' ? 'delivered' : 'shipped') : value)
  }
  body.append('_action', 'save')
  const saved = await fetchLike(base + action, {
    method: 'POST',
    redirect: 'manual',
    body,
    headers: {
      cookie: jar.cookie ?? '',
      'content-type': 'application/x-www-form-urlencoded',
      origin: base || 'http://localhost',
    },
  })
  await saved.arrayBuffer()
  if (saved.status !== 302 && saved.status !== 303) throw new Error(`save answered ${saved.status}`)
}
