import { isReadingAction } from '../auth/permissions.js'
import type { StewardConfig } from '../resources/define-config.js'
import type { Resource } from '../resources/resource.js'
import { actionRunsOn, tableActionsOf, type NamedAction } from '../resources/table-actions.js'
import type { May } from './routes/table-route-helpers.js'

/** A custom action as a page offers it: a button to its own URL. */
export interface OfferedAction {
  readonly name: string
  readonly label: string
  /** It asks first (a confirm step or a form): its button leads to that page rather than running at once. */
  readonly asks: boolean
}

/** The form field carrying a list's query string, so that an action on its selection comes back to it. */
export const backField = 'back'

/**
 * Why this user may not run `action` on `resource`, or null when they may: the permission it names (an unknown
 * one is granted only to roles that list it, and to `admin`), and on a read-only table only reading ones.
 * The one decision behind both the buttons drawn and the routes' 403.
 */
export function actionRefusal(resource: Resource, action: NamedAction, may: May): 'forbidden' | 'read-only' | null {
  if (!may(action.spec.permission, resource.table)) return 'forbidden'
  if (resource.readOnly && !isReadingAction(action.spec.permission)) return 'read-only'
  return null
}

/** The actions to offer on a list's selection (`rows`) or a record's page (`row`) to this user. */
export function offeredActions(input: {
  readonly config: StewardConfig
  readonly resource: Resource
  readonly may: May
  readonly where: 'rows' | 'row'
}): OfferedAction[] {
  return tableActionsOf(input.config, input.resource.id)
    .filter((action) => actionRunsOn(action.spec, input.where))
    .filter((action) => actionRefusal(input.resource, action, input.may) === null)
    .map((action) => ({ name: action.name, label: action.spec.label, asks: asksFirst(action) }))
}

/** Whether the action shows a page before it runs: a confirm step or a form. */
export function asksFirst(action: NamedAction): boolean {
  return Boolean(action.spec.confirm) || action.spec.form !== undefined
}
