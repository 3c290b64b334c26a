// delivery/save: the evidence as the person sends it, each changed piece stamped with who
// recorded it; approvals (the Roadmap Committee's tracking among them) kept from the signed record.
import type { z } from 'zod';
import { bindUnboundApprovals } from '../../domain/approval-content';
import type { AppConfig } from '../../domain/app-config';
import { applyDeliveryInput, DeliverySchema, type Delivery, type DeliveryInputSchema } from '../../domain/delivery';
import type { Stage } from '../../domain/lifecycle';
import type { JiraClient } from '../../jira/client';
import { DELIVERY_RECORD, deliveryIndex } from '../../records/kinds';
import type { SavedRecord } from '../../records/record-store';
import { changeNames } from './names';
import { writeRecord, type Actor } from './write-record';

export interface DeliverySave {
  client: JiraClient;
  issue: { id: string; key: string; stage?: Stage | undefined };
  expectedRevision: number | null;
  delivery: z.output<typeof DeliveryInputSchema>;
  actor: Actor;
  config: AppConfig;
  now: Date;
}

export function saveDelivery(req: DeliverySave): Promise<SavedRecord<Delivery>> {
  return writeRecord<Delivery>({
    client: req.client,
    kind: DELIVERY_RECORD,
    issue: req.issue,
    expectedRevision: req.expectedRevision,
    actor: req.actor,
    now: req.now,
    action: 'save',
    names: changeNames(req.config),
    build(trusted, { trustedRevision }) {
      // Stamps who recorded each changed piece of evidence; unchanged evidence keeps its stamp.
      const merged = applyDeliveryInput(trusted, req.delivery, req.actor.accountId, req.now.toISOString());
      if (trusted && trustedRevision !== undefined && merged.approvals) {
        merged.approvals = bindUnboundApprovals(trusted.approvals, trusted, trustedRevision);
      }
      return DeliverySchema.parse(merged);
    },
    index: (d) => deliveryIndex(d, req.issue.stage),
  });
}
