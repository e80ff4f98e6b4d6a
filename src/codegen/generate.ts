import { resolve } from 'node:path'
import type { SchemaMetadata } from '../introspect/metadata.js'
import { diffMetadata, type SchemaDifference } from './diff-metadata.js'
import { importSpecifier, tableModulePath } from './file-names.js'
import { renderKyselyTypes } from './kysely-types.js'
import { readLiveMetadata } from './live-metadata.js'
import { readGeneratedSchema } from './read-generated-schema.js'
import { renderIndex } from './render-index.js'
import { renderSchema } from './render-schema.js'
import { renderTableModule } from './render-table-module.js'
import { everyTable, type TableSelection } from './table-selection.js'
import { listGeneratedFiles, readOrNull, writeIfChanged } from './write-if-changed.js'

export interface GenerateOptions {
  /** Database URL: `postgres://…`, `sqlite:PATH` or `file:PATH`. */
  readonly db: string
  /** Output directory; `generated` (relative to the working directory) by default. */
  readonly out?: string
  readonly schemas?: readonly string[]
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
}

export interface GenerateResult {
  readonly outDir: string
  readonly tables: number
  /** Paths relative to `outDir`. */
  readonly written: string[]
  readonly unchanged: string[]
  readonly removed: string[]
  readonly milliseconds: { readonly introspect: number; readonly render: number; readonly write: number }
}

export interface CheckResult {
  readonly outDir: string
  readonly tables: number
  readonly differences: SchemaDifference[]
  /** Files `generate` would write or remove although the metadata matches (edited by hand, or an older Steward). */
  readonly staleFiles: string[]
}

/**
 * `steward generate`: introspect the database, render `db.ts`, `schema.ts`, one module per table and
 * `index.ts`, and write the ones that changed (removing modules of tables that are gone).
 *
 * @example await generate({ db: 'sqlite:data/demo.db', out: 'generated' })
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const outDir = resolve(options.out ?? 'generated')
  const selection = selectionFrom(options) ?? everyTable
  const t0 = performance.now()
  const metadata = await readLiveMetadata(options.db, selection)
  const t1 = performance.now()
  const files = renderGeneratedFiles(metadata, selection)
  const t2 = performance.now()
  const result = writeIfChanged(outDir, files)
  const t3 = performance.now()
  const milliseconds = { introspect: t1 - t0, render: t2 - t1, write: t3 - t2 }
  return { outDir, tables: metadata.tables.length, ...result, milliseconds }
}

/**
 * `steward generate --check`: compares the live database with `OUT/schema.ts` (for the tables it was generated
 * for, unless other ones are asked for) and writes nothing.
 */
export async function checkGenerated(options: GenerateOptions): Promise<CheckResult> {
  const outDir = resolve(options.out ?? 'generated')
  const generated = readGeneratedSchema(outDir)
  const selection = selectionFrom(options) ?? generated.selection
  const live = await readLiveMetadata(options.db, selection)
  const differences = diffMetadata(generated.schema, live)
  const staleFiles = differences.length > 0 ? [] : staleFilesIn(outDir, renderGeneratedFiles(live, selection))
  return { outDir, tables: live.tables.length, differences, staleFiles }
}

/** Every file of the output directory, by path relative to it: a pure function of the metadata. */
export function renderGeneratedFiles(metadata: SchemaMetadata, selection: TableSelection): Map<string, string> {
  const modulePaths = metadata.tables.map(tableModulePath)
  const files = new Map<string, string>()
  files.set('db.ts', renderKyselyTypes(metadata))
  files.set('schema.ts', renderSchema(metadata, selection))
  metadata.tables.forEach((table, position) => {
    const path = modulePaths[position]!
    files.set(
      path,
      renderTableModule(table, position, metadata.dialect, {
        db: importSpecifier(path, 'db.ts'),
        schema: importSpecifier(path, 'schema.ts'),
      }),
    )
  })
  files.set(
    'index.ts',
    renderIndex(
      metadata.tables,
      modulePaths.map((path) => importSpecifier('index.ts', path)),
    ),
  )
  return files
}

function selectionFrom(options: GenerateOptions): TableSelection | undefined {
  if (!options.schemas?.length && !options.include?.length && !options.exclude?.length) return undefined
  return {
    schemas: [...(options.schemas ?? [])],
    include: [...(options.include ?? [])],
    exclude: [...(options.exclude ?? [])],
  }
}

function staleFilesIn(outDir: string, files: ReadonlyMap<string, string>): string[] {
  const stale = [...files]
    .filter(([path, content]) => readOrNull(resolve(outDir, path)) !== content)
    .map(([path]) => path)
  const extra = listGeneratedFiles(outDir).filter((path) => !files.has(path))
  return [...stale, ...extra].sort()
}
