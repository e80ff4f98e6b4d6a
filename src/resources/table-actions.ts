import type { TableAction } from './behaviour.js'
import type { StewardConfig } from './define-config.js'
import { ownValue } from '../records/by-column.js'

/** A custom action as a table offers it: its name (the URL segment) and its definition. */
export interface NamedAction {
  readonly name: string
  readonly spec: TableAction
}

/**
 * The actions of the table configured as `id` (see `Resource.id`): the global `actions`, then the table's own;
 * a table's action replaces a global one of the same name, keeping the global one's place in the order.
 */
export function tableActionsOf(config: StewardConfig, id: string): readonly NamedAction[] {
  const merged = new Map<string, TableAction>()
  for (const [name, spec] of Object.entries(config.actions ?? {})) merged.set(name, spec as TableAction)
  for (const [name, spec] of Object.entries(ownValue(config.tables, id)?.actions ?? {}))
    merged.set(name, spec as TableAction)
  return [...merged].map(([name, spec]) => ({ name, spec }))
}

/** Where an action is offered: on the list's selection (`rows`) or on one record's page (`row`). */
export function actionRunsOn(spec: Pick<TableAction, 'on'>, where: 'rows' | 'row'): boolean {
  return spec.on === 'both' || spec.on === where
}
