// The data each view renders. Views are pure: they get one of these, query nothing, decide nothing
// beyond layout, and import only types. Every href is complete (mount path included).

import type { FieldGroup } from '../src/forms/field-groups.js'

export interface Crumb {
  readonly label: string
  readonly href?: string
}

export interface NavItem {
  readonly label: string
  /** The table's own name, matched by the quick filter as well as the label. */
  readonly name: string
  readonly href: string
  readonly current: boolean
  /** 'view', 'materialized view' or 'read-only', shown as a small tag; null for an editable table. */
  readonly tag: string | null
}

/** A custom page of the config (`pages`), linked above the tables. */
export interface NavPage {
  readonly label: string
  readonly href: string
  readonly current: boolean
}

export interface NavGroup {
  readonly schema: string
  readonly items: readonly NavItem[]
}

export interface Flash {
  readonly kind: 'success' | 'error' | 'info'
  readonly message: string
}

export interface LayoutModel {
  /** The page's own title: the <h1> and the first part of <title>. */
  readonly title: string
  readonly siteTitle: string
  readonly homeHref: string
  readonly crumbs: readonly Crumb[]
  readonly nav: readonly NavGroup[]
  /** Custom pages, linked in the navigation above the tables (empty before login). */
  readonly pages: readonly NavPage[]
  readonly flash: Flash | null
  /** A warning shown above the page, e.g. that the table changed since `steward generate`. */
  readonly banner: string | null
  readonly cssHref: string | null
  readonly jsHref: string | null
  /** The theme chosen with the toggle (a cookie); null follows the system setting. */
  readonly theme: 'light' | 'dark' | null
  /** Who is logged in, shown in the header with a Log out button; null without Steward's login. */
  readonly account: {
    readonly name: string
    readonly logoutAction: string
    readonly hidden: readonly (readonly [string, string])[]
  } | null
  /** Nobody logs in (`--no-auth`): every page says so. */
  readonly noLoginWarning: boolean
  /** The header's search across tables; null before login. */
  readonly search: SearchBoxModel | null
}

/** A search across tables: where the form goes and what it holds. */
export interface SearchBoxModel {
  readonly action: string
  readonly q: string
}

/** The page of a search across tables: the matches grouped by table. */
export interface SearchPageModel {
  readonly box: SearchBoxModel
  /** False before anything is searched (an empty box). */
  readonly searched: boolean
  readonly groups: readonly SearchGroup[]
}

export interface SearchGroup {
  readonly label: string
  readonly rows: readonly { readonly label: string; readonly href: string | null }[]
  /** The table's list with the search applied, when more rows match than are shown. */
  readonly seeAllHref: string | null
  /** Why the rows may be incomplete (a big table searched only by prefix, a search that failed); null otherwise. */
  readonly note: string | null
}

/** The login form; `hidden` carries the CSRF token and where to go next. */
export interface LoginPageModel {
  readonly action: string
  readonly hidden: readonly (readonly [string, string])[]
  /** The name typed last time, kept after a failure. */
  readonly name: string
  readonly error: string | null
}

/** One formatted value. `text` is plain text: views escape it. */
export interface CellModel {
  readonly text: string
  /** The value, up to 1,000 characters, when `text` is shortened. */
  readonly title?: string
  readonly isNull: boolean
  readonly isEmpty: boolean
  readonly style: 'plain' | 'number' | 'mono' | 'boolean-true' | 'boolean-false' | 'json' | 'binary'
  /** A link, for foreign keys (to the referenced row) and the key column (to this row). */
  readonly href?: string
  /**
   * A point in time, drawn as `<time datetime>`: when `zoned` the text is in UTC and the page's script
   * shows it in the viewer's zone; otherwise it is a wall-clock time in no known zone, marked as such.
   */
  readonly time?: { readonly datetime: string; readonly zoned: boolean }
}

export interface ColumnHeader {
  readonly name: string
  readonly label: string
  readonly sortHref: string
  readonly sorted: 'ascending' | 'descending' | null
  readonly numeric: boolean
}

export interface TableRowModel {
  readonly href: string | null
  readonly cells: readonly CellModel[]
  /** A selection box for bulk actions: the encoded record key it posts as `key`, and its accessible label. */
  readonly select?: { readonly value: string; readonly label: string }
  /** A link of its own to the row, when every listed column already links elsewhere. */
  readonly open?: { readonly href: string; readonly label: string }
}

export interface SelectOption {
  readonly value: string
  readonly label: string
  readonly selected: boolean
}

export type FilterModel =
  | {
      readonly type: 'select'
      readonly label: string
      readonly name: string
      readonly options: readonly SelectOption[]
    }
  | {
      readonly type: 'range'
      readonly label: string
      readonly inputType: 'date' | 'datetime-local' | 'time' | 'number' | 'text'
      /** The input's `step`: without one a browser refuses fractions in a number box and seconds in a time box. */
      readonly step?: string
      /** For a text box: the format asked for (`yyyy-mm-dd`), shown and checked by the browser. */
      readonly placeholder?: string
      readonly pattern?: string
      readonly from: { readonly name: string; readonly value: string }
      readonly to: { readonly name: string; readonly value: string }
      /** Dates: "Today", "Past 7 days"… as links setting both ends; `current` when the range is that preset. */
      readonly presets?: readonly { readonly label: string; readonly href: string; readonly current: boolean }[]
    }
  | {
      readonly type: 'text'
      readonly label: string
      readonly name: string
      readonly value: string
      readonly hint: string
      /** A foreign key's search endpoint: the picker script turns the box into search-as-you-type. */
      readonly lookup?: string
    }

export interface ListPageModel {
  readonly heading: string
  /** The table's type and qualified name, for the developer details ("Table main.orders"). */
  readonly kindLabel: string
  readonly readOnlyReasons: readonly string[]
  readonly createHref: string | null
  /** The create button's text: "Add order". */
  readonly createLabel: string
  /**
   * The selection form posting the ticked rows' keys to the bulk delete preview or a custom action (each button
   * its own `formaction`); null when nothing can be done with a selection.
   */
  readonly bulk: {
    readonly action: string
    /** Hidden fields the post needs (the CSRF token, the list's query string to come back to). */
    readonly hidden: readonly (readonly [string, string])[]
    readonly buttons: readonly { readonly label: string; readonly formAction: string }[]
  } | null
  readonly search: {
    readonly action: string
    readonly q: string
    /** Current state carried by the search and filter forms (sort, size, the other form's fields). */
    readonly keep: readonly (readonly [string, string])[]
    readonly fields: string
  } | null
  /**
   * How the search ran when it did not look for the term anywhere in every field (a big table's default search
   * keeps to its indexes), and the link that searches every field; null otherwise.
   */
  readonly searchNote: { readonly text: string; readonly allHref: string } | null
  readonly filterForm: {
    readonly action: string
    readonly keep: readonly (readonly [string, string])[]
    readonly filters: readonly FilterModel[]
  } | null
  readonly activeFilters: readonly { readonly label: string; readonly removeHref: string }[]
  readonly clearHref: string | null
  readonly columns: readonly ColumnHeader[]
  readonly rows: readonly TableRowModel[]
  readonly summary: string
  readonly pagination: {
    readonly first: string | null
    readonly prev: string | null
    readonly next: string | null
    readonly label: string | null
  }
  readonly sizes: readonly { readonly value: number; readonly href: string; readonly current: boolean }[]
  /** The CSV download of this list's rows (its search, filters and sort; every page), and what it holds; null when the user may not export. */
  readonly exportCsv: {
    readonly href: string
    readonly title: string
    /** Said next to the link when the list has more rows than one export writes; null otherwise. */
    readonly truncatedNote: string | null
  } | null
  /** A readable message when the rows could not be loaded (a broken view, a timeout). */
  readonly error: string | null
}

export interface DetailField {
  readonly name: string
  readonly label: string
  readonly type: string
  readonly cell: CellModel
}

export interface RelatedPanel {
  readonly title: string
  readonly via: string
  readonly countText: string
  readonly columns: readonly string[]
  readonly rows: readonly TableRowModel[]
  readonly listHref: string
  /** The child's create form with this row's key in its foreign key columns; null when the child is read-only. */
  readonly addHref: string | null
  /** The add link's text: "Add order". */
  readonly addLabel: string
  /** The link to the whole filtered list: "See all orders of this customer". */
  readonly listLabel: string
  readonly error: string | null
}

export interface DetailPageModel {
  readonly heading: string
  readonly kindLabel: string
  readonly readOnlyReasons: readonly string[]
  readonly duplicated: boolean
  readonly fields: readonly DetailField[]
  /** The same fields as the page draws them: the config's fieldsets, then the rest. */
  readonly groups: readonly FieldGroup<DetailField>[]
  readonly related: readonly RelatedPanel[]
  readonly listHref: string
  readonly editHref: string | null
  readonly deleteHref: string | null
  /** The record's audit history; null when auditing is off. */
  readonly historyHref: string | null
  /** The rows before and after this one in the list it was opened from; null at either end. */
  readonly prevHref: string | null
  readonly nextHref: string | null
  /**
   * Custom actions on this record: `post` ones run at once from a small form (carrying `actionHidden`), the
   * others are links to their confirm or form page.
   */
  readonly actions: readonly { readonly label: string; readonly href: string; readonly post: boolean }[]
  readonly actionHidden: readonly (readonly [string, string])[]
}

/** One field of an audit entry: `before` is null for a create, `after` null for a delete. */
export interface HistoryChange {
  readonly field: string
  readonly before: CellModel | null
  readonly after: CellModel | null
}

export interface HistoryEntryModel {
  /** ISO timestamp (UTC), for `<time datetime>`, and as shown. */
  readonly at: string
  readonly atText: string
  readonly actor: string
  readonly action: 'create' | 'update' | 'delete' | 'action'
  readonly changes: readonly HistoryChange[]
  /** Why it happened when nobody edited the row (it went with a deleted parent); null otherwise. */
  readonly note: string | null
  /** The reason the user gave for the change; null when none was given. */
  readonly reason: string | null
}

export interface HistoryPageModel {
  readonly entries: readonly HistoryEntryModel[]
  /** Set when the cap was reached: older entries exist but are not shown. */
  readonly cappedText: string | null
  readonly detailHref: string | null
  readonly listHref: string
}

/** One recorded change in the audit list and the index's recent actions. */
export interface AuditFeedRow {
  readonly at: string
  readonly atText: string
  readonly actor: string
  /** Added, Changed, Deleted. */
  readonly action: string
  readonly tableLabel: string
  /** The record's key as recorded. */
  readonly record: string
  readonly historyHref: string | null
  /** The fields an update changed, by label. */
  readonly fields: string
  readonly note: string | null
  /** The reason the user gave for the change; null when none was given. */
  readonly reason: string | null
}

export interface AuditFeedModel {
  readonly action: string
  readonly filters: {
    readonly actor: string
    readonly table: string
    readonly action: string
    readonly from: string
    readonly to: string
  }
  readonly tables: readonly { readonly value: string; readonly label: string }[]
  readonly rows: readonly AuditFeedRow[]
  readonly olderHref: string | null
  readonly newestHref: string | null
}

export interface IndexEntry {
  readonly label: string
  readonly name: string
  readonly href: string
  readonly kindLabel: string
  readonly countText: string
  readonly countTitle: string
  readonly readOnly: boolean
}

export interface IndexPageModel {
  readonly groups: readonly { readonly schema: string; readonly entries: readonly IndexEntry[] }[]
  /** The latest recorded changes and a link to all of them; null when auditing is off. */
  readonly recent: { readonly rows: readonly AuditFeedRow[]; readonly allHref: string } | null
  /** The search across tables, above the tables. */
  readonly search: SearchBoxModel
}

export interface ErrorPageModel {
  readonly status: number
  readonly message: string
  readonly problems: readonly string[]
  readonly backHref: string | null
  readonly backLabel: string
}
