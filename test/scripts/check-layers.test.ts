import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, test } from 'node:test'
// @ts-expect-error: a plain .mjs script without declarations
import { checkLayers } from '../../scripts/check-layers.mjs'

const roots: string[] = []
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'steward-layers-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

test('a tree that keeps to its layers has no problems', () => {
  const root = tree({
    'views/page.tsx':
      "import type { Model } from '../src/http/model.js'\nimport { type A, type B } from '../src/forms/a.js'\n",
    'src/http/route.ts': "import { Page } from '../../views/page.js'\nimport { read } from '../records/read.js'\n",
    'src/index.ts': "export { createAdmin } from './http/create-admin.js'\n",
    'src/cli/serve.ts': "import { createAdmin } from '../http/create-admin.js'\n",
    'src/db/postgres.ts': "if (name === 'postgres') run()\n",
    'src/introspect/read.ts': "switch (name) { case 'sqlite': break }\n",
  })
  assert.deepEqual(checkLayers(root), [])
})

test('each crossing is reported with its file and line', () => {
  const root = tree({
    'views/page.tsx':
      "import type { Model } from '../src/http/model.js'\nimport { parse } from '../src/forms/parse.js'\n",
    'views/mixed.tsx': "import { type A, b } from '../src/forms/a.js'\n",
    'src/forms/field.ts': "import type { FieldModel } from '../../views/widgets/field-model.js'\n",
    'src/records/read.ts': "\n\nimport {\n  rowLink,\n} from '../http/row-link.js'\n",
    'src/list/query.ts': "const load = () => import('../http/lazy.js')\n",
    'src/kinds/date.ts': "const pg = dialect === 'postgres'\nconst lite = 'sqlite' !== name\n",
    'src/audit/log.ts': "switch (dialect) {\n  case 'postgres':\n}\n",
  })
  assert.deepEqual(checkLayers(root).sort(), [
    'src/audit/log.ts:2: dialect names are compared only in src/db and src/introspect',
    'src/forms/field.ts:1: only src/http imports views/ (../../views/widgets/field-model.js)',
    'src/kinds/date.ts:1: dialect names are compared only in src/db and src/introspect',
    'src/kinds/date.ts:2: dialect names are compared only in src/db and src/introspect',
    'src/list/query.ts:1: nothing but src/index.ts and src/cli import src/http (../http/lazy.js)',
    'src/records/read.ts:3: nothing but src/index.ts and src/cli import src/http (../http/row-link.js)',
    'views/mixed.tsx:1: views import only types from src/ (../src/forms/a.js)',
    'views/page.tsx:2: views import only types from src/ (../src/forms/parse.js)',
  ])
})
