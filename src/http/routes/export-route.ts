import { longReadsOf } from '../reads-of.js'
import type { Context, Hono } from 'hono'
import { computedCsvField, csvField, csvLine, quoted } from '../../list/csv-text.js'
import { defaultExportMaxRows, exportRows } from '../../list/export-rows.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { takeExpensive } from '../expensive.js'
import { listParamsOf } from './list-params-of.js'
import { describeQueryFailure, resourceFor, visibleResources } from './table-route-helpers.js'

/**
 * `GET /:schema/:table/export.csv?<the list's query string>`: the list's rows (search, filters, sort;
 * every page, no position) as a streamed CSV file. Validated and permitted exactly as the list is.
 */
export function registerExportRoute(app: Hono<AdminEnv>): void {
  app.get('/:schema/:table/export.csv', async (c: Context<AdminEnv>) => {
    const admin = c.get('admin')
    const resource = resourceFor(c, 'export')
    const params = listParamsOf(c, resource)
    const maxRows = admin.config.exportMaxRows ?? defaultExportMaxRows
    const headers = {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(resource),
      'Cache-Control': 'no-store',
    }
    // Hono answers HEAD with this handler and drops the body unread, never cancelling it: an export
    // started here would hold its permit for good.
    if (c.req.method === 'HEAD') return c.body(null, 200, headers)
    let rows: Awaited<ReturnType<typeof exportRows>>
    let first: IteratorResult<readonly Record<string, unknown>[]>
    // Held until the file is sent, failed or cancelled: an export is many statements over a while.
    const release = await takeExpensive(admin)
    try {
      rows = await exportRows(longReadsOf(c), resource, params, {
        dialect: admin.dialect,
        statementTimeoutMs: admin.statementTimeoutMs,
        maxRows,
        user: c.get('principal'),
        resources: visibleResources(c),
        bigTableRows: admin.config.search?.bigTableRows,
      })
      // The first batch is read before answering, so that a broken view or a timeout is a page, not a cut file.
      first = await rows.batches.next()
    } catch (error) {
      release()
      throw describeQueryFailure(c, resource, error)
    }
    const encoder = new TextEncoder()
    const line = (row: Readonly<Record<string, unknown>>) =>
      csvLine([
        ...resource.columns.map((column) => csvField(row[column.name], column, admin.dialect.name)),
        ...resource.computed.map((field) => computedCsvField(row[field.name])),
      ])
    let pending: IteratorResult<readonly Record<string, unknown>[]> | null = first
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const names = [
          ...resource.columns.map((column) => column.name),
          ...resource.computed.map((field) => field.name),
        ]
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(names.map(quoted))}`))
      },
      // One batch per pull: the next query runs only when the client has taken the previous one.
      async pull(controller) {
        try {
          const batch = pending ?? (await rows.batches.next())
          pending = null
          if (batch.done) {
            release()
            return controller.close()
          }
          controller.enqueue(encoder.encode(batch.value.map(line).join('')))
        } catch (error) {
          release()
          admin.logger.error(`steward: exporting ${resource.id} failed:`, error)
          controller.error(error)
        }
      },
      async cancel() {
        release()
        await rows.batches.return(undefined)
      },
    })
    return new Response(body, { headers: { ...headers, 'X-Steward-Truncated': rows.truncated ? 'true' : 'false' } })
  })
}

/** `attachment; filename="orders.csv"`, plus the exact UTF-8 name (RFC 6266) when it is not plain ASCII. */
function contentDisposition(resource: Resource): string {
  const name = `${resource.table.name}.csv`
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_')
  if (ascii === name) return `attachment; filename="${name}"`
  const exact = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`
}
