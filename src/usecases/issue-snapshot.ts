// What the gate check knows about one issue, built one way for every entry point: its
// lifecycle from the issue type, its stage from its status (by id through the status-stage
// map setup recorded, then by name, so a status renamed in Jira still maps), and its own
// LCOO record as read and verified. The validator, the panel and the gadget each read the
// issue their own way (one GET, a GET as the person, a search page) and hand it here.
import type { Delivery } from '../domain/delivery';
import type { Integrity } from '../domain/gates';
import { lifecycleOfIssueType, lifecycleOfStage, stageByStatusName, type LifecycleId, type Stage } from '../domain/lifecycle';
import type { Vetting } from '../domain/vetting';
import type { RecordRead } from '../records/stored-record';
import type { StatusStageMap } from '../storage/status-stages';

export interface IssueFacts {
  key: string;
  issueTypeName: string;
  status: { id?: string | undefined; name?: string | undefined };
  vetting?: RecordRead<Vetting> | undefined;
  delivery?: RecordRead<Delivery> | undefined;
}

export interface IssueSnapshot {
  key: string;
  lifecycle: LifecycleId;
  /** Undefined when the status is not a stage of the issue's lifecycle (the gate then counts from the first stage). */
  stage: Stage | undefined;
  integrity: Integrity;
  vetting?: Vetting;
  delivery?: Delivery;
  /** The Roadmap Item a deliverable names, read only from a record the app signed. */
  parentKey?: string;
}

/** The LCOO stage a Jira status stands for, in a lifecycle: by id first, then by name. */
export function stageOfStatus(
  status: IssueFacts['status'],
  lifecycle: LifecycleId | undefined,
  statusStages: StatusStageMap,
): Stage | undefined {
  const stage = (status.id !== undefined ? statusStages[status.id] : undefined) ?? stageByStatusName(status.name ?? '');
  return stage && (lifecycle === undefined || lifecycleOfStage(stage) === lifecycle) ? stage : undefined;
}

/** The stage of a Roadmap Item from its status (a deliverable's Roadmap Item, read to check the deliverable's gate). */
export const portfolioStageOf =
  (statusStages: StatusStageMap) =>
  (status: IssueFacts['status']): Stage | undefined =>
    stageOfStatus(status, 'portfolio', statusStages);

/** The snapshot of an LCOO issue; undefined for an issue type outside both lifecycles. */
export function snapshotOf(facts: IssueFacts, statusStages: StatusStageMap): IssueSnapshot | undefined {
  const lifecycle = lifecycleOfIssueType(facts.issueTypeName);
  if (!lifecycle) return undefined;
  const stage = stageOfStatus(facts.status, lifecycle, statusStages);
  const read = lifecycle === 'portfolio' ? facts.vetting : facts.delivery;
  const snapshot: IssueSnapshot = { key: facts.key, lifecycle, stage, integrity: read?.integrity ?? 'missing' };
  if (read?.state === 'present') {
    if (lifecycle === 'portfolio') snapshot.vetting = read.data as Vetting;
    else {
      snapshot.delivery = read.data as Delivery;
      // A forged record must not choose whose checklist counts.
      if (read.integrity === 'valid' && snapshot.delivery.roadmapItemKey) snapshot.parentKey = snapshot.delivery.roadmapItemKey;
    }
  }
  return snapshot;
}
