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
  let all: readonly Resource[] | undefined
  return {
    get all() {
      return (all ??= index.all.filter((resource) => visible(resource.table)))
    },
    get(schema, name) {
      const resource = index.get(schema, name)
      return resource && visible(resource.table) ? resource : undefined
    },
    referencing: (table) => index.referencing(table).filter(({ resource }) => visible(resource.table)),
  }
}
