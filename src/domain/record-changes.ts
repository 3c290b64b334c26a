import { APPROVAL_ROLE_LABELS, type Approval } from './approvals';
import type { Delivery } from './delivery';
import { CHECKLIST_ITEM_BY_ID, type ChecklistItemId, type Vetting } from './vetting';

/**
 * What a write changed, field by field, as the item's LCOO history shows it: "Size of effort:
 * M -> L", "Collaborators, Comcast, interest: undecided -> yes". Lists of things with an
 * identity (companies, Gerrit changes, approvals) are compared by that identity, other lists
 * by position. Who/when stamps and approval digests are bookkeeping, not content.
 */

export interface FieldChange {
  /** Stable path ("collaborators.companies.comcast.interest"). */
  field: string;
  /** The path in the words on screen. */
  label: string;
  before?: string;
  after?: string;
}

/** How ids read on screen when the history entry is made (names change; the entry keeps the one of its day). */
export interface ChangeNames {
  fst?(id: string): string | undefined;
  company?(id: string): string | undefined;
}

const MAX_VALUE = 500;
export const MAX_CHANGES = 100;

const TOP_LABELS: Record<string, string> = {
  fst: 'Functional Specialty Team',
  proposingCompany: 'Proposing member company',
  acceptanceCriteria: 'Acceptance criteria',
  deliveryStream: 'Delivery stream',
  alignmentStrategy: 'Alignment strategy',
  notes: 'Checklist notes',
  approvals: 'Approvals',
  roadmapItemKey: 'Roadmap Item it delivers',
  project: 'OpenStack project',
  blueprint: 'Blueprint',
  alignment: 'PTL / core alignment',
  milestone: 'Delivery milestone',
  specification: 'Specification',
  changes: 'Gerrit changes',
  companies: 'Member companies',
  workingGroups: 'Other working groups',
  people: 'Committed people',
  personWeeks: 'person-weeks',
  benefittingRelease: 'Benefitting release',
  plan: 'Plan / mitigation',
  closingLoops: 'Closing loops with release planning',
  reviewUrl: 'review link',
  url: 'link',
  releaseId: 'release',
  ci: 'CI result',
};

const words = (key: string) =>
  TOP_LABELS[key] ?? CHECKLIST_ITEM_BY_ID[key as ChecklistItemId]?.label ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const clip = (s: string) => (s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s);
const BOOKKEEPING = new Set(['recordedBy', 'recordedAt', 'recordedByName', 'approved', 'schemaVersion']);

const approvalKey = (a: Approval) => `${a.role}:${a.accountId}${a.ref ? `:${a.ref}` : ''}`;
const approvalText = (a: Approval) =>
  `${APPROVAL_ROLE_LABELS[a.role]}${a.ref ? ` (change ${a.ref})` : ''} by ${a.displayName || a.accountId}${a.note ? `: "${a.note}"` : ''}`;

/** The record reshaped for comparison: identity-keyed maps where lists have an identity, names where ids read badly. */
function view(record: Vetting | Delivery | undefined, names: ChangeNames): Record<string, unknown> {
  if (!record) return {};
  const out: Record<string, unknown> = { ...record };
  const approvals = record.approvals ?? [];
  out['approvals'] = Object.fromEntries(approvals.map((a) => [approvalKey(a), approvalText(a)]));
  const v = record as Vetting;
  if (v.fst !== undefined) out['fst'] = names.fst?.(v.fst) ?? v.fst;
  if (v.proposingCompany !== undefined) out['proposingCompany'] = names.company?.(v.proposingCompany) ?? v.proposingCompany;
  if (v.collaborators) {
    out['collaborators'] = {
      companies: Object.fromEntries(
        v.collaborators.companies.map((c) => [
          c.company,
          {
            interest: c.interest,
            people: Object.fromEntries(c.people.map((p, i) => [p.name || String(i), p.personWeeks ?? 'committed'])),
          },
        ]),
      ),
      workingGroups: v.collaborators.workingGroups,
    };
  }
  const d = record as Delivery;
  if (d.changes) out['changes'] = Object.fromEntries(d.changes.map((c) => [String(c.number), { ...c, number: undefined }]));
  return out;
}

/** path -> text, for every leaf; lists of plain values read as one comma-separated value. */
function flatten(value: unknown, path: string[], labels: string[], out: Map<string, { label: string; text: string }>): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    if (value.length > 0) out.set(path.join('.'), { label: labels.join(', '), text: clip(value.join(', ')) });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, [...path, String(i)], [...labels, `entry ${i + 1}`], out));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (BOOKKEEPING.has(k)) continue;
      // An approval's key (role:account:change) is an identity, not words: its text says whose and which.
      const inApprovals = path.length === 1 && path[0] === 'approvals';
      flatten(v, [...path, k], inApprovals ? labels : [...labels, words(k)], out);
    }
    return;
  }
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  if (text !== '') out.set(path.join('.'), { label: labels.join(', '), text: clip(text) });
}

/** Company ids in a path's labels read as the company's name. */
function named(label: string, path: string, names: ChangeNames): string {
  const m = /^collaborators\.companies\.([^.]+)/.exec(path);
  const id = m?.[1];
  if (!id) return label;
  const name = names.company?.(id);
  return name ? label.replace(`, ${words(id)}`, `, ${name}`) : label;
}

/** What changed from `before` to `after` (either may be absent: a first save, a record lost). At most MAX_CHANGES entries. */
export function recordChanges(
  before: Vetting | Delivery | undefined,
  after: Vetting | Delivery | undefined,
  names: ChangeNames = {},
): FieldChange[] {
  const a = new Map<string, { label: string; text: string }>();
  const b = new Map<string, { label: string; text: string }>();
  flatten(view(before, names), [], [], a);
  flatten(view(after, names), [], [], b);
  const changes: FieldChange[] = [];
  const seen = new Set<string>();
  for (const [field, now] of b) {
    seen.add(field);
    const was = a.get(field);
    if (was?.text === now.text) continue;
    changes.push({ field, label: named(now.label, field, names), ...(was ? { before: was.text } : {}), after: now.text });
  }
  for (const [field, was] of a) if (!seen.has(field)) changes.push({ field, label: named(was.label, field, names), before: was.text });
  return changes.slice(0, MAX_CHANGES);
}
