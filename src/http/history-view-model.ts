import type { CellModel, HistoryChange, HistoryEntryModel, HistoryPageModel } from '../../views/view-model.js'
import type { AuditRecord } from '../audit/audit-history.js'
import { choiceText } from '../kinds/choice-text.js'
import type { Resource } from '../resources/resource.js'

export interface HistoryModelInput {
  readonly resource: Resource
  readonly records: readonly AuditRecord[]
  readonly limit: number
  readonly detailHref: string | null
  readonly listHref: string
}

export function historyPageModel(input: HistoryModelInput): HistoryPageModel {
  const label = (name: string) => input.resource.columnLabels[name] ?? name
  // A choice reads as on every other page ("in_transit" → "In transit"); the audit log keeps the stored value.
  const choices = new Map(input.resource.columns.flatMap((c) => (c.choices ? [[c.name, c.choices] as const] : [])))
  return {
    entries: input.records.map((record): HistoryEntryModel => ({
      at: record.at,
      atText: auditTimeText(record.at),
      actor: record.actor ?? 'anonymous',
      action: record.action,
      changes: changesOf(record, label, choices),
      note: record.note,
      reason: record.reason,
    })),
    cappedText: input.records.length >= input.limit ? `Only the latest ${input.limit} changes are shown.` : null,
    detailHref: input.detailHref,
    listHref: input.listHref,
  }
}

/** An entry's UTC ISO timestamp as pages show it: `2024-01-31 10:00:00 UTC`. */
export function auditTimeText(at: string): string {
  return at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')
}

function changesOf(
  record: AuditRecord,
  label: (name: string) => string,
  choicesOf: ReadonlyMap<string, readonly string[]>,
): HistoryChange[] {
  return Object.entries(record.changes).map(([name, value]) => {
    const choices = choicesOf.get(name)
    const cellOf = (v: unknown) =>
      valueCell(choices && typeof v === 'string' && choices.includes(v) ? choiceText(v, choices) : v)
    if (record.action === 'update' || record.action === 'action') {
      const [before, after] = Array.isArray(value) ? value : [undefined, value]
      return { field: label(name), before: cellOf(before), after: cellOf(after) }
    }
    const cell = cellOf(value)
    return record.action === 'create'
      ? { field: label(name), before: null, after: cell }
      : { field: label(name), before: cell, after: null }
  })
}

/** A value as the audit log keeps it (JSON): strings as they are, anything else as compact JSON. */
function valueCell(value: unknown): CellModel {
  if (value === null || value === undefined) return { text: '', isNull: true, isEmpty: false, style: 'plain' }
  if (typeof value === 'string') {
    const short = value.length > 200 ? `${value.slice(0, 200)}…` : value
    return {
      text: short,
      ...(short !== value ? { title: value } : {}),
      isNull: false,
      isEmpty: value === '',
      style: value.startsWith('\\x') ? 'binary' : 'plain',
    }
  }
  const text = JSON.stringify(value)
  return { text, isNull: false, isEmpty: false, style: typeof value === 'number' ? 'number' : 'json' }
}
