import type { NavGroup } from '../../views/view-model.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Urls } from './urls.js'

export function navGroups(
  resources: ResourceIndex,
  urls: Urls,
  current?: { readonly schema: string; readonly name: string },
): NavGroup[] {
  const groups = new Map<string, NavGroup['items'][number][]>()
  for (const resource of resources.all) {
    const { table } = resource
    const items = groups.get(table.schema) ?? []
    items.push({
      label: resource.label,
      name: table.name,
      href: urls.list(table),
      current: current?.schema === table.schema && current.name === table.name,
      tag: table.type !== 'table' ? table.type : resource.readOnly ? 'read-only' : null,
    })
    groups.set(table.schema, items)
  }
  return [...groups].map(([schema, items]) => ({ schema, items }))
}
