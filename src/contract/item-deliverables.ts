// deliverables/list: a Roadmap Item's Upstream Deliverables as its panel shows them, with the
// delivery progress rolled up from their stages (src/domain/delivery-progress.ts). The record
// decides which deliverables count (its Roadmap Item key, as the gates read it); the Jira issue
// link is its mirror, and a link without such a record is listed apart, not counted.
import { z } from 'zod';
import type { DeliveryStage } from '../domain/lifecycle';

export const DeliverablesListPayloadSchema = z.object({});

export interface ItemDeliverableView {
  key: string;
  summary: string;
  stage: DeliveryStage;
  /** The Jira status name of the stage ("Coding In Progress"). */
  stageName: string;
  slipped: boolean;
  /** Whether Jira holds the "LCOO delivery" link that mirrors the record (false: saving the deliverable adds it). */
  linked: boolean;
}

/** A deliverable linked to the item in Jira whose record does not name the item: not counted. */
export interface LinkedOnlyView {
  key: string;
  summary?: string;
  note: string;
}

export interface ItemDeliverablesView {
  /** `index`: read from the portfolio index; `unavailable`: the index is not built yet (`reason` says so). */
  source: 'index' | 'unavailable';
  reason?: string;
  deliverables: ItemDeliverableView[];
  progress: {
    total: number;
    delivered: number;
    byStage: { stage: DeliveryStage; stageName: string; count: number }[];
    furthestBehindKey?: string;
    slippedKeys: string[];
    /** The roll-up in one sentence ("1 of 3 deliverables delivered; ..."). */
    sentence: string;
  };
  linkedOnly: LinkedOnlyView[];
  /** Deliverables of this item the person may not see in Jira (counted, never named). */
  hidden: number;
  /** What the answer cost: Jira calls and Forge storage calls. */
  calls: { jira: number; storage: number };
}
