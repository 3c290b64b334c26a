// delivery/save: the evidence as the person sends it, each changed piece stamped with who
// recorded it; approvals (the Roadmap Committee's tracking among them) kept from the signed record.
import type { z } from 'zod';
import { bindUnboundApprovals } from '../../domain/approval-content';
import type { AppConfig } from '../../domain/app-config';
import { applyDeliveryInput, DeliverySchema, type Delivery, type DeliveryInputSchema } from '../../domain/delivery';
import type { Stage } from '../../domain/lifecycle';
import { deliveryReferenceProblems } from '../../domain/references';
import type { ReleaseCalendar } from '../../domain/releases';
import type { JiraClient } from '../../jira/client';
import { DELIVERY_RECORD, deliveryIndex } from '../../records/kinds';
import type { SavedRecord } from '../../records/record-store';
import { changeNames } from './names';
import { refuseReferences } from './references';
import { writeRecord, type Actor } from './write-record';

export interface DeliverySave {
  client: JiraClient;
  issue: { id: string; key: string; stage?: Stage | undefined };
  expectedRevision: number | null;
  delivery: z.output<typeof DeliveryInputSchema>;
  actor: Actor;
  config: AppConfig;
  /** The release calendar in effect: a milestone must be one of its release's, on its date. */
  calendar: ReleaseCalendar;
  now: Date;
}

/**
 * What the record named as its Roadmap Item before this save, when the app can vouch for it:
 * `{}` for a first save, absent when the stored record was not the app's (then the Jira link
 * is compared with Jira's, src/usecases/record-writes/delivery-link.ts).
 */
export type PreviousItem = { itemKey?: string } | undefined;

export async function saveDelivery(req: DeliverySave): Promise<SavedRecord<Delivery> & { previousItem: PreviousItem }> {
  let previous: PreviousItem;
  const saved = await writeRecord<Delivery>({
    client: req.client,
    kind: DELIVERY_RECORD,
    issue: req.issue,
    expectedRevision: req.expectedRevision,
    actor: req.actor,
    now: req.now,
    action: 'save',
    names: changeNames(req.config),
    build(trusted, { trustedRevision, current, lastSaved }) {
      previous = trusted
        ? trusted.roadmapItemKey
          ? { itemKey: trusted.roadmapItemKey }
          : {}
        : current.state === 'missing' && !lastSaved
          ? {}
          : undefined;
      // Stamps who recorded each changed piece of evidence; unchanged evidence keeps its stamp.
      const merged = applyDeliveryInput(trusted, req.delivery, req.actor.accountId, req.now.toISOString());
      if (trusted && trustedRevision !== undefined && merged.approvals) {
        merged.approvals = bindUnboundApprovals(trusted.approvals, trusted, trustedRevision);
      }
      const next = DeliverySchema.parse(merged);
      refuseReferences(deliveryReferenceProblems(next, trusted, req.calendar), 'delivery');
      return next;
    },
    index: (d) => deliveryIndex(d, req.issue.stage, req.calendar),
  });
  return { ...saved, previousItem: previous };
}
