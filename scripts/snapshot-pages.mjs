// Pages before and after a change that should not change them (a rendering rewrite, a faster formatter):
//   node scripts/snapshot-pages.mjs save DIR DB...      crawl `steward serve` over each SQLite file into DIR
//   node scripts/snapshot-pages.mjs compare DIR_A DIR_B  name the pages that differ, and where
// The crawl takes the index, every list, its sort links, a search, another page size, its paging links, and the
// detail and edit pages of its first rows. What changes by itself is made equal before comparing: the CSRF token,
// the assets' fingerprints and the date presets' days. Runs bin/steward.js: build first to measure the bundle.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'

const [command, ...rest] = process.argv.slice(2)
if (command === 'save' && rest.length >= 2) await save(rest[0], rest.slice(1))
else if (command === 'compare' && rest.length === 2) compare(rest[0], rest[1])
else {
  console.error('usage: snapshot-pages.mjs save DIR DB... | compare DIR_A DIR_B')
  process.exit(2)
}

async function save(dir, databases) {
  mkdirSync(dir, { recursive: true })
  let port = 18950
  for (const database of databases) {
    const base = `http://127.0.0.1:${port}`
    const server = spawn(
      process.execPath,
      // No --generated files: every database is read as it is (the checkout's generated/ is the demo's).
      [
        'bin/steward.js',
        'serve',
        '--db',
        `sqlite:${database}`,
        '--no-auth',
        '--port',
        String(port++),
        '--generated',
        '/nonexistent',
      ],
      { stdio: 'ignore', env: { ...process.env, STEWARD_SECRET: 'snapshot-pages-secret-of-forty-characters' } },
    )
    try {
      await listening(base)
      const cookie = ((await fetch(`${base}/`)).headers.get('set-cookie') ?? '').split(';')[0]
      const seen = new Set()
      const get = async (path) => {
        if (seen.has(path)) return null
        seen.add(path)
        const response = await fetch(base + path, { headers: { cookie } })
        const html = await response.text()
        const name = `${database.replace(/\W/g, '_')}-${createHash('sha1').update(path).digest('hex').slice(0, 10)}.html`
        writeFileSync(`${dir}/${name}`, `${path}\n${response.status}\n${html}`)
        return html
      }
      const links = (html) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'))
      const index = await get('/')
      for (const list of new Set([...index.matchAll(/href="(\/[^"?#]+\/[^"?#]+\/)"/g)].map((m) => m[1]))) {
        const page = await get(list)
        if (!page) continue
        const table = links(page.slice(page.indexOf('<thead'), page.indexOf('</table>')))
        for (const sorted of table.filter((href) => href.includes('?sort=')).slice(0, 12)) await get(sorted)
        for (const row of table.filter((href) => href.includes('/row/')).slice(0, 2)) {
          const detail = await get(row)
          const edit = detail && links(detail).find((href) => /\/row\/[^?"]*\/edit$/.test(href))
          if (edit) await get(edit)
        }
        for (const next of links(page)
          .filter((href) => /[?&](after|page)=/.test(href))
          .slice(0, 3))
          await get(next)
        for (const query of ['?q=a', '?size=25']) await get(list + query)
      }
      console.log(`${database}: ${seen.size} pages`)
    } finally {
      server.kill()
    }
  }
}

function compare(a, b) {
  const same = (html) =>
    html
      .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""')
      .replace(/\/static\/steward-[0-9a-f]+\./g, '/static/steward.')
      .replace(/(\.(?:gte|lte)=)\d{4}-\d\d-\d\d/g, '$1yyyy-mm-dd')
  const names = readdirSync(a)
  let differ = 0
  for (const name of names) {
    const x = same(readFileSync(`${a}/${name}`, 'utf8'))
    let y
    try {
      y = same(readFileSync(`${b}/${name}`, 'utf8'))
    } catch {
      y = ''
    }
    if (x === y) continue
    if (++differ > 10) continue
    let at = 0
    while (x[at] === y[at]) at++
    console.log(
      `${name} ${x.split('\n')[0]}\n  A: ${x.slice(Math.max(0, at - 120), at + 120)}\n  B: ${y.slice(Math.max(0, at - 120), at + 120)}`,
    )
  }
  console.log(`${differ} of ${names.length} pages differ`)
  if (differ > 0) process.exitCode = 1
}

async function listening(base) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no server at ${base}`)
}
