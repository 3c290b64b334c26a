import { type Approval, type ApprovalRole } from './approvals';
import { canonicalJson } from './canonical';
import type { Delivery } from './delivery';
import { digestOf } from './digest';
import { CHECKLIST_ITEM_BY_ID, CHECKLIST_ITEM_IDS, type ChecklistItemId, type Vetting } from './vetting';

/**
 * What an approval approved. Each approval keeps a digest per part of the content its gate
 * reads (the record's revision too), so that when that content changes the panel shows the
 * approval as given for an earlier version, with the parts that changed, and the gates count
 * it only if the admin lets that kind of approval count for an earlier version.
 *
 * The parts, per approval:
 * - FST and Roadmap Committee prioritization (the Prioritized gate): the item's FST and each of
 *   the 12 checklist items (with its note). For item 11 only what the checklist reads: which
 *   companies join (interest) and the working groups; committing people later is the
 *   Development Ready step and does not undo a prioritization.
 * - Stakeholder acceptance (the blueprint is accepted): project, Roadmap Item, blueprint, the
 *   PTL/core alignment notes and the delivery milestone.
 * - Core approval of a change: that change (number and link); without a change, the live
 *   changes of the deliverable.
 * - POD acceptance and the Roadmap Committee's delivery tracking: project, Roadmap Item,
 *   blueprint, milestone, specification and every change with its status.
 * Who recorded a piece of evidence and when is not content: re-saving it unchanged stales
 * nothing. The parts are fixed (not the configured checklist), so the validator, the panel and
 * the gadget always agree on what is stale.
 */

export type ApprovedRecord = Vetting | Delivery;

/** Drops what does not change the content: undefined, blank text, empty lists and objects, who/when stamps. */
function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'recordedBy' || k === 'recordedAt' || k === 'recordedByName') continue;
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

const byCanonical = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));

function vettingParts(v: Vetting): Record<string, unknown> {
  const note = (id: ChecklistItemId) => v.notes?.[id];
  const fields: Record<ChecklistItemId, unknown> = {
    type: v.type,
    requirements: { requirements: v.requirements, acceptanceCriteria: v.acceptanceCriteria },
    components: v.components,
    stakeholders: v.stakeholders,
    artifacts: v.artifacts,
    size: v.size,
    valueToMembers: v.valueToMembers,
    valueToCommunity: v.valueToCommunity,
    blueprints: v.blueprints,
    communityAlignment: v.communityAlignment,
    collaborators: {
      companies: byCanonical((v.collaborators?.companies ?? []).map((c) => ({ company: c.company, interest: c.interest }))),
      workingGroups: v.collaborators?.workingGroups,
    },
    targetRelease: v.targetRelease,
  };
  const parts: Record<string, unknown> = { fst: v.fst };
  for (const id of CHECKLIST_ITEM_IDS) parts[id] = { value: fields[id], note: note(id) };
  return parts;
}

const changeIdentity = (c: { number: number; url: string }) => ({ number: c.number, url: c.url });

function deliveryParts(role: ApprovalRole, d: Delivery, ref: string | undefined): Record<string, unknown> {
  const changes = d.changes ?? [];
  switch (role) {
    case 'stakeholder-acceptance':
      return {
        project: d.project,
        roadmapItem: d.roadmapItemKey,
        blueprint: d.blueprint,
        alignment: d.alignment,
        milestone: d.milestone,
      };
    case 'core-approval': {
      const number = ref?.trim().replace(/^#/, '');
      if (number) {
        const change = changes.find((c) => String(c.number) === number);
        return { change: change ? changeIdentity(change) : { number: Number(number), missing: true } };
      }
      return { changes: byCanonical(changes.filter((c) => c.status !== 'abandoned').map(changeIdentity)) };
    }
    default:
      return {
        project: d.project,
        roadmapItem: d.roadmapItemKey,
        blueprint: d.blueprint,
        milestone: d.milestone,
        specification: d.specification,
        changes: byCanonical(changes.map((c) => ({ ...changeIdentity(c), status: c.status }))),
      };
  }
}

const isVettingRole = (role: ApprovalRole) => role === 'fst-prioritization' || role === 'lrc-prioritization';

/** The content an approval of `role` (for `ref`) approves in `record`, part by part. */
export function approvalContent(role: ApprovalRole, record: ApprovedRecord, ref?: string): Record<string, unknown> {
  return isVettingRole(role) ? vettingParts(record as Vetting) : deliveryParts(role, record as Delivery, ref);
}

/** One digest per part of what an approval approves. */
export function approvalDigest(role: ApprovalRole, record: ApprovedRecord, ref?: string): Record<string, string> {
  const parts = approvalContent(role, record, ref);
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, digestOf(clean(v) ?? null)]));
}

const PART_LABELS: Record<string, string> = {
  fst: 'Functional Specialty Team',
  project: 'OpenStack project',
  roadmapItem: 'Roadmap Item it delivers',
  blueprint: 'Blueprint',
  alignment: 'PTL / core alignment',
  milestone: 'Delivery milestone',
  specification: 'Specification',
  changes: 'Gerrit changes',
  change: 'The Gerrit change approved',
};

/** How a part is called on screen ("Size of effort", "Blueprint"). */
export function partLabel(part: string): string {
  return PART_LABELS[part] ?? CHECKLIST_ITEM_BY_ID[part as ChecklistItemId]?.label ?? part;
}

/**
 * Where an approval stands against the record as it is now:
 * - current: what it approved has not changed since;
 * - stale: given for an earlier version; `changed` names the parts that differ;
 * - unbound: recorded before the app kept what approvals approved (the next write binds it).
 */
export type ApprovalState = { kind: 'current' } | { kind: 'stale'; changed: string[] } | { kind: 'unbound' };

export function approvalState(approval: Approval, record: ApprovedRecord): ApprovalState {
  if (!approval.approved) return { kind: 'unbound' };
  const now = approvalDigest(approval.role, record, approval.ref);
  const then = approval.approved.parts;
  const changed = [...new Set([...Object.keys(now), ...Object.keys(then)])].filter((k) => now[k] !== then[k]);
  return changed.length === 0 ? { kind: 'current' } : { kind: 'stale', changed };
}

/** Whether an approval counts for a gate: of the current content, or of an earlier one where the admin allows it for its kind. */
export function approvalCounts(approval: Approval, record: ApprovedRecord, staleAllowed: readonly ApprovalRole[]): boolean {
  return staleAllowed.includes(approval.role) || approvalState(approval, record).kind !== 'stale';
}

/** The approval, bound to what it approves in `record` at `revision`. */
export function bindApproval(approval: Approval, record: ApprovedRecord, revision: number): Approval {
  return { ...approval, approved: { revision, parts: approvalDigest(approval.role, record, approval.ref) } };
}

/**
 * Approvals recorded before the app kept what they approved, bound to the content the app last
 * signed (`record`, at `revision`), before a write changes it: from then on a change shows.
 */
export function bindUnboundApprovals(
  approvals: readonly Approval[] | undefined,
  record: ApprovedRecord,
  revision: number,
): Approval[] | undefined {
  if (!approvals) return undefined;
  return approvals.map((a) => (a.approved ? a : bindApproval(a, record, revision)));
}
