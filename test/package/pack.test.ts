import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process'
import { once } from 'node:events'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { printedUrl } from '../helpers/printed-url.js'
import { EditClient, readForm } from '../http/edit-client.js'

// The package as a user gets it: `npm pack`, installed with its peers into a project of its own, the
// embed example run with plain node (no tsx), its pages fetched. Slow (a build and an npm install).

const root = fileURLToPath(new URL('../../', import.meta.url))
// Left out of the copy that is packed: not build inputs, or build outputs the pack must make afresh.
const notCopied = new Set(['.git', 'node_modules', 'dist', 'public', 'data', 'test-output', 'test', 'docs', 'bench'])
const peers = ['hono', '@hono/node-server', 'kysely', 'better-sqlite3']

function run(command: string, args: string[], options: SpawnSyncOptions): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  return String(result.stdout)
}

/** The versions the repository's own lockfile installs, so the project tests what the repository tests. */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>
  }
  const version = lock.packages[`node_modules/${name}`]?.version
  assert.ok(version, `${name} is not in package-lock.json`)
  return version
}

/**
 * better-sqlite3 compiles SQLite for minutes unless prebuild-install finds its binary in this folder (as in
 * .ci/run); when the folder lacks it, the repository's own installed binary is put there first.
 */
function betterSqlitePrebuilds(): string {
  const dir = process.env.BSQ_PREBUILDS ?? join(homedir(), '.cache', 'steward', 'better-sqlite3-prebuilds')
  const version = lockedVersion('better-sqlite3')
  const archive = join(dir, `better-sqlite3-v${version}-node-v${process.versions.modules}-linux-x64.tar.gz`)
  const installed = join(root, 'node_modules', 'better-sqlite3')
  if (!existsSync(archive) && process.platform === 'linux' && process.arch === 'x64') {
    mkdirSync(dir, { recursive: true })
    run('tar', ['czf', archive, '-C', installed, 'build/Release/better_sqlite3.node'], {})
  }
  return dir
}

describe('the packed package', { timeout: 900_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'steward-pack-'))
  const project = join(work, 'app')
  const env = { ...process.env }
  // Plain node: nothing the test runner was started with (tsx) may reach the app.
  delete env.NODE_OPTIONS
  let app: ChildProcess | undefined
  let url = ''
  let packed = ''

  before(async () => {
    const source = join(work, 'source')
    cpSync(root, source, { recursive: true, filter: (path) => !notCopied.has(path.slice(root.length).split('/')[0]!) })
    symlinkSync(realpathSync(join(root, 'node_modules')), join(source, 'node_modules'))
    packed = run('npm', ['pack', '--pack-destination', work], { cwd: source, env })
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))
    assert.ok(tarball, packed)

    mkdirSync(project)
    const dependencies = Object.fromEntries(peers.map((name) => [name, lockedVersion(name)]))
    const manifest = {
      name: 'embed-example',
      private: true,
      type: 'module',
      dependencies: { steward: `file:${join(work, tarball)}`, ...dependencies },
      allowScripts: { 'better-sqlite3': true },
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2))
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: project,
      env: { ...env, npm_config_better_sqlite3_local_prebuilds: betterSqlitePrebuilds() },
    })
    copyFileSync(join(root, 'examples', 'embed', 'app.mjs'), join(project, 'app.mjs'))

    app = spawn(process.execPath, ['app.mjs'], {
      cwd: project,
      env: { ...env, PORT: '0', DB_FILE: join(project, 'bookshop.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let errors = ''
    app.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
    url = await printedUrl(app, 60_000).url.catch((error: Error) => {
      throw new Error(`${error.message} ${errors}`)
    })
  })

  after(async () => {
    if (app && app.exitCode === null) {
      app.kill()
      await once(app, 'exit')
    }
    rmSync(work, { recursive: true, force: true })
  })

  it('holds the built JavaScript, types and assets, and no TypeScript source', () => {
    const installed = join(project, 'node_modules', 'steward')
    for (const file of ['dist/index.mjs', 'dist/steward.mjs', 'dist/types/src/index.d.ts', 'public/manifest.json'])
      assert.ok(existsSync(join(installed, file)), `${file} is in the package`)
    assert.ok(!existsSync(join(installed, 'src', 'index.ts')))
    const manifest = JSON.parse(readFileSync(join(installed, 'public', 'manifest.json'), 'utf8')) as { css: string }
    assert.ok(existsSync(join(installed, 'public', manifest.css)))
  })

  it('runs its CLI from the installed package', () => {
    const help = run('npx', ['--no-install', 'steward', '--help'], { cwd: project, env })
    assert.match(help, /Usage: steward <command>/)
  })

  it('serves the example: its own login, the index, a table list with a row from the SQLite file, its CSV export', async () => {
    const admin = `${url}admin`
    const alice = { Authorization: `Basic ${Buffer.from('alice:alice').toString('base64')}` }
    assert.equal((await fetch(admin)).status, 401)
    const index = await fetch(admin, { headers: alice })
    assert.equal(index.status, 200)
    assert.match(await index.text(), /Bookshop admin/)
    const list = await fetch(`${admin}/main/books/`, { headers: alice })
    assert.equal(list.status, 200)
    assert.match(await list.text(), /The Left Hand of Darkness/)
    // A search and the CSV export run in a worker process that loads the package's own worker file by path.
    const search = await fetch(`${admin}/main/books/?q=Invisible`, { headers: alice })
    assert.equal(search.status, 200)
    assert.match(await search.text(), /Invisible Cities/)
    const csv = await fetch(`${admin}/main/books/export.csv`, { headers: alice })
    assert.equal(csv.status, 200)
    assert.match(await csv.text(), /Invisible Cities/)
    const asset = /href="([^"]+\.css)"/.exec(await (await fetch(`${admin}/`, { headers: alice })).text())?.[1]
    assert.ok(asset)
    assert.equal((await fetch(new URL(asset, url), { headers: alice })).status, 200)
  })

  it("bends the admin with the example's config: a row scope, a hook, an action, a computed column", async () => {
    const bob = httpClient(url, 'bob')
    const paris = await bob.get('/admin/main/books/')
    assert.equal(paris.status, 200)
    assert.match(paris.html, /Invisible Cities/)
    assert.doesNotMatch(paris.html, /Left Hand of Darkness/)
    assert.equal((await bob.get('/admin/main/books/row/1')).status, 404)

    const alice = httpClient(url, 'alice')
    const form = readForm((await alice.get('/admin/main/books/row/1/edit')).html, '/edit')
    const withValue = (name: string, value: string) =>
      form.pairs.map(([n, v]) => [n, n === name ? value : v] as [string, string])
    const refused = await alice.post(form.action, withValue('v:published', '2999'))
    assert.equal(refused.status, 422)
    assert.match(await refused.text(), /A book cannot be published in the future\./)
    const saved = await alice.follow(await alice.post(form.action, withValue('v:title', '  Left Hand  ')))
    assert.match(saved.html, />Left Hand</)

    const confirm = await alice.get('/admin/main/books/row/2/action/soldOut')
    assert.match(confirm.html, /Mark these books sold out\?/)
    const run = readForm(confirm.html, '/action/soldOut')
    const done = await alice.follow(await alice.post(run.action, run.pairs))
    assert.match(done.html, /1 book marked sold out\./)

    // The computed column: Le Guin has two books, Calvino one; sorted by it, most books first.
    const authors = await alice.get('/admin/main/authors/?sort=-books')
    assert.equal(authors.status, 200)
    assert.match(authors.html, />Books</)
    const order = [...authors.html.matchAll(/Ursula K\. Le Guin|Italo Calvino/g)].map((m) => m[0])
    assert.deepEqual(order.slice(0, 2), ['Ursula K. Le Guin', 'Italo Calvino'])
    assert.equal(
      (await alice.get('/admin/main/authors/?sort=books')).html.match(/Italo Calvino|Ursula K\. Le Guin/)?.[0],
      'Italo Calvino',
    )
  })

  it('gives a TypeScript project the types of its exports', () => {
    writeFileSync(
      join(project, 'check.ts'),
      `import { connect, createAdmin, type SchemaMetadata } from 'steward'
      export async function admin(schema: SchemaMetadata) {
        const { db } = await connect('sqlite:bookshop.db')
        // @ts-expect-error the schema is required
        createAdmin({ db })
        return createAdmin({ db, schema, identity: () => ({ id: 'a', name: 'a', roles: ['admin'] }) })
      }`,
    )
    const config = {
      compilerOptions: { module: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
    }
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ ...config, files: ['check.ts'] }))
    run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(project, 'tsconfig.json')], { cwd: project })
  })
})

/** A form-submitting client over real HTTP as one of the example's users (password = name): cookies kept. */
function httpClient(base: string, user: string): EditClient {
  const authorization = `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}`
  const app = {
    request: (path: string, init: RequestInit) => {
      const headers = new Headers(init.headers)
      headers.set('Authorization', authorization)
      return fetch(new URL(path, base), { ...init, headers, redirect: 'manual' })
    },
  }
  return new EditClient(app as never, new URL(base).origin)
}
