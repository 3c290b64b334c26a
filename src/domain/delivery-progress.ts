import { DELIVERY_STAGES, LIFECYCLES, type DeliveryStage } from './lifecycle';
import { compareIssueKeys } from './portfolio-index';

/**
 * How far a Roadmap Item's delivery has come, rolled up from its Upstream Deliverables'
 * stages: how many sit in each delivery stage, how many are Delivered, which one is furthest
 * behind (the one the committee asks about first) and which have slipped past their release.
 * Pure: the item panel and the roadmap page read it from the same rows (the portfolio index),
 * so both say the same thing about the same item.
 */

/** What the roll-up reads of a deliverable; callers pass richer rows and get them back. */
export interface DeliverableStanding {
  key: string;
  stage: DeliveryStage;
  /** Its release shipped before it was Delivered (domain/releases.ts `hasSlipped`). */
  slipped: boolean;
}

export interface DeliveryProgress<T extends DeliverableStanding = DeliverableStanding> {
  total: number;
  delivered: number;
  /** Every delivery stage in lifecycle order, with how many deliverables are in it (0 included, so a bar has fixed columns). */
  byStage: { stage: DeliveryStage; count: number }[];
  /**
   * The deliverable at the earliest stage; among equals a slipped one, then the lowest key.
   * Absent when there are none or all are Delivered (nothing is behind).
   */
  furthestBehind?: T;
  /** Slipped deliverables, in key order. */
  slipped: T[];
  /** The deliverables in key order. */
  deliverables: T[];
}

const STAGE_INDEX = new Map<DeliveryStage, number>(DELIVERY_STAGES.map((s, i) => [s, i]));

function behindFirst(a: DeliverableStanding, b: DeliverableStanding): number {
  return (
    (STAGE_INDEX.get(a.stage) ?? 0) - (STAGE_INDEX.get(b.stage) ?? 0) ||
    Number(b.slipped) - Number(a.slipped) ||
    compareIssueKeys(a.key, b.key)
  );
}

/** Rolls up the deliverables of one Roadmap Item. A key listed twice counts once (the first row wins). */
export function rollUpDelivery<T extends DeliverableStanding>(deliverables: readonly T[]): DeliveryProgress<T> {
  const seen = new Set<string>();
  const unique = deliverables.filter((d) => (seen.has(d.key) ? false : (seen.add(d.key), true)));
  const inKeyOrder = [...unique].sort((a, b) => compareIssueKeys(a.key, b.key));
  const counts = new Map<DeliveryStage, number>();
  for (const d of unique) counts.set(d.stage, (counts.get(d.stage) ?? 0) + 1);
  const delivered = counts.get('delivered') ?? 0;
  const open = unique.filter((d) => d.stage !== 'delivered').sort(behindFirst);
  const progress: DeliveryProgress<T> = {
    total: unique.length,
    delivered,
    byStage: DELIVERY_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 })),
    slipped: inKeyOrder.filter((d) => d.slipped),
    deliverables: inKeyOrder,
  };
  if (open[0]) progress.furthestBehind = open[0];
  return progress;
}

/** The Jira status name of a delivery stage ("Blueprint In Progress"). */
export function deliveryStageName(stage: DeliveryStage): string {
  return LIFECYCLES.delivery.stages.find((s) => s.id === stage)?.statusName ?? stage;
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * The roll-up in one sentence a person reads at a glance:
 * "2 of 5 deliverables delivered; 1 has slipped; furthest behind: LCOO-12 (Blueprint In Progress)."
 */
export function deliveryProgressSentence(p: DeliveryProgress): string {
  if (p.total === 0) return 'No Upstream Deliverables are linked to this Roadmap Item yet.';
  const parts: string[] = [
    p.delivered === p.total
      ? p.total === 1
        ? 'Its one deliverable is delivered'
        : `All ${p.total.toLocaleString('en')} deliverables delivered`
      : `${p.delivered.toLocaleString('en')} of ${plural(p.total, 'deliverable', 'deliverables')} delivered`,
  ];
  if (p.slipped.length > 0)
    parts.push(`${p.slipped.length.toLocaleString('en')} ${p.slipped.length === 1 ? 'has' : 'have'} slipped past the release`);
  if (p.furthestBehind && p.total > 1) {
    parts.push(`furthest behind: ${p.furthestBehind.key} (${deliveryStageName(p.furthestBehind.stage)})`);
  }
  return `${parts.join('; ')}.`;
}
