import type { AuditFeedModel, AuditFeedRow } from '../../views/view-model.js'
import type { FeedEntry } from '../audit/audit-feed.js'
import { refSegment } from '../records/record-ref.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import { auditTimeText } from './history-view-model.js'
import type { Urls } from './urls.js'

const actionText: Readonly<Record<string, string>> = {
  create: 'Added',
  update: 'Changed',
  delete: 'Deleted',
  action: 'Action',
}

/** Audit entries as rows: when, who, what, which record (linked to its history) and the fields it touched. */
export function auditRows(entries: readonly FeedEntry[], resources: ResourceIndex, urls: Urls): AuditFeedRow[] {
  return entries.map((entry) => {
    const resource = resources.get(entry.table.schema, entry.table.name)
    const fields = Object.keys(entry.changes).map((name) => resource?.columnLabels[name] ?? name)
    return {
      at: entry.at,
      atText: auditTimeText(entry.at),
      actor: entry.actor ?? 'anonymous',
      action: actionText[entry.action] ?? entry.action,
      tableLabel: resource?.label ?? entry.table.name,
      record: entry.recordKey,
      historyHref: resource ? urls.history(resource.table, refSegment(entry.recordKey)) : null,
      fields: entry.action === 'update' || entry.action === 'action' ? fields.join(', ') : '',
      note: entry.note,
      reason: entry.reason,
    }
  })
}

export type { AuditFeedModel }
