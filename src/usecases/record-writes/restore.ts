// record/restore: "Restore the last version saved in the app". When the property was deleted,
// forged, replaced by an older copy or filled with something unreadable through raw REST, the
// last record the app wrote (its KVS copy, signature verified, still the latest revision) is
// written back as the person (asUser), as a new revision, approvals and all: no approved content
// is ever lost to a raw edit.
import { AppError } from '../../contract/envelope';
import { bindUnboundApprovals, type ApprovedRecord } from '../../domain/approval-content';
import type { AppConfig } from '../../domain/app-config';
import type { Delivery } from '../../domain/delivery';
import type { Stage } from '../../domain/lifecycle';
import type { Vetting } from '../../domain/vetting';
import type { JiraClient } from '../../jira/client';
import type { ReleaseCalendar } from '../../domain/releases';
import { DELIVERY_RECORD, VETTING_RECORD, deliveryIndex, vettingIndex } from '../../records/kinds';
import type { SavedRecord } from '../../records/record-store';
import type { RecordKind } from '../../records/stored-record';
import { changeNames } from './names';
import { writeRecord, type Actor } from './write-record';

export interface RestoreRequest {
  client: JiraClient;
  issue: { id: string; key: string; stage?: Stage | undefined };
  record: 'vetting' | 'delivery';
  /** The revision the person saw on the issue (null: no record there). */
  expectedRevision: number | null;
  actor: Actor;
  config: AppConfig;
  calendar: ReleaseCalendar;
  now: Date;
}

export function restoreRecord(req: RestoreRequest): Promise<SavedRecord<ApprovedRecord>> {
  const kind = (req.record === 'vetting' ? VETTING_RECORD : DELIVERY_RECORD) as RecordKind<ApprovedRecord>;
  const index = (d: ApprovedRecord) =>
    req.record === 'vetting'
      ? vettingIndex(d as Vetting, req.issue.stage, { nowMs: req.now.getTime(), calendar: req.calendar }, req.config)
      : deliveryIndex(d as Delivery, req.issue.stage, req.calendar);
  return writeRecord<ApprovedRecord>({
    client: req.client,
    kind,
    issue: req.issue,
    expectedRevision: req.expectedRevision,
    actor: req.actor,
    now: req.now,
    action: 'restore',
    names: changeNames(req.config),
    // The entry shows what the raw edit had changed, now undone.
    diffFrom: ({ current }) => (current.state === 'present' ? current.data : undefined),
    about: ({ current, lastSaved }) =>
      lastSaved
        ? {
            restored: {
              revision: lastSaved.meta.revision,
              updatedAt: lastSaved.meta.updatedAt,
              updatedBy: lastSaved.meta.updatedBy,
              ...(lastSaved.meta.updatedByName ? { updatedByName: lastSaved.meta.updatedByName } : {}),
              replaced: current.integrity === 'valid' ? 'modified-outside-app' : current.integrity,
            },
          }
        : {},
    build(_trusted, { current, lastSaved }) {
      if (current.integrity === 'valid') {
        throw new AppError(
          'BAD_REQUEST',
          `The ${kind.label} on ${req.issue.key} is the one the LCOO app saved last; there is nothing to restore.`,
        );
      }
      if (!lastSaved) {
        throw new AppError(
          'NOT_FOUND',
          `The LCOO app has no saved version of this ${kind.label} to restore (it was never saved from the LCOO panel, or its copy is not the latest the app wrote). Fill it in and save it from this panel.`,
        );
      }
      const approvals = bindUnboundApprovals(lastSaved.data.approvals, lastSaved.data, lastSaved.meta.revision);
      return approvals ? { ...lastSaved.data, approvals } : lastSaved.data;
    },
    index,
  });
}
