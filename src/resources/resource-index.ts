import type { ForeignKey, Table } from '../introspect/metadata.js'
import type { Resource } from './resource.js'

/** Resources by schema and name, plus the reverse map of which foreign keys point at each table. */
export interface ResourceIndex {
  readonly all: readonly Resource[]
  get(schema: string, name: string): Resource | undefined
  /** Foreign keys of other (or the same) tables that reference this table. */
  referencing(
    table: Pick<Table, 'schema' | 'name'>,
  ): readonly { readonly resource: Resource; readonly fk: ForeignKey }[]
}

export function indexResources(resources: readonly Resource[]): ResourceIndex {
  const id = (schema: string, name: string) => JSON.stringify([schema, name])
  const bySchemaName = new Map(resources.map((resource) => [id(resource.table.schema, resource.table.name), resource]))
  const reverse = new Map<string, { resource: Resource; fk: ForeignKey }[]>()
  for (const resource of resources) {
    for (const fk of resource.table.foreignKeys) {
      const target = id(fk.refSchema, fk.refTable)
      reverse.set(target, [...(reverse.get(target) ?? []), { resource, fk }])
    }
  }
  return {
    all: resources,
    get: (schema, name) => bySchemaName.get(id(schema, name)),
    referencing: (table) => reverse.get(id(table.schema, table.name)) ?? [],
  }
}

/**
 * The index as one user sees it: tables they may not view are not there at all, so navigation, related
 * panels, foreign-key labels and pickers built from it cannot show or link them.
 */
export function visibleIndex(
  index: ResourceIndex,
  visible: (table: Pick<Table, 'schema' | 'name'>) => boolean,
): ResourceIndex {
  return new VisibleIndex(index, visible)
}

/**
 * A class, not an object literal with a getter: as a literal (its getter a closure over the request), each
 * request's whole graph, its page included, outlived V8's young-generation collections until the next full one
 * (a literal's accessor is kept in its hidden class, which V8 allocates in the old generation). Measured with
 * `--trace-gc-nvp` on the orders list (issue 9): ~65 KB promoted a request, the old generation at 70-160 MB
 * between full collections under load; as a class (and with the WeakMap that held it gone, see
 * `visibleResources`), under 1 KB.
 */
class VisibleIndex implements ResourceIndex {
  #all: readonly Resource[] | undefined

  constructor(
    private readonly index: ResourceIndex,
    private readonly visible: (table: Pick<Table, 'schema' | 'name'>) => boolean,
  ) {}

  get all(): readonly Resource[] {
    return (this.#all ??= this.index.all.filter((resource) => this.visible(resource.table)))
  }

  get(schema: string, name: string): Resource | undefined {
    const resource = this.index.get(schema, name)
    return resource && this.visible(resource.table) ? resource : undefined
  }

  referencing(
    table: Pick<Table, 'schema' | 'name'>,
  ): readonly { readonly resource: Resource; readonly fk: ForeignKey }[] {
    return this.index.referencing(table).filter(({ resource }) => this.visible(resource.table))
  }
}
