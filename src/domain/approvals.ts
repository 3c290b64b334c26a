import { z } from 'zod';
import type { Stage } from './lifecycle';
import { AccountIdSchema, IsoDateTimeSchema, MAX_SHORT, MAX_TEXT, text } from './primitives';

/**
 * Approvals are the decisions the source process names: the FST prioritizes, then the
 * Roadmap Committee; community and LCOO stakeholders accept the blueprint; two cores
 * approve the code; the POD accepts the delivery and the Roadmap Committee confirms it
 * tracks it. They live inside the signed record and are only ever written by the app
 * (approvals/record, approvals/withdraw), never sent in a save. Each keeps a digest of what
 * it approved (approval-content.ts), so a later change to that content shows and counts.
 */

export const APPROVAL_ROLES = [
  'fst-prioritization',
  'lrc-prioritization',
  'stakeholder-acceptance',
  'core-approval',
  'pod-acceptance',
  'lrc-tracking',
] as const;
export const ApprovalRoleSchema = z.enum(APPROVAL_ROLES, {
  error: `Approval role must be one of: ${APPROVAL_ROLES.join(', ')}.`,
});
export type ApprovalRole = z.infer<typeof ApprovalRoleSchema>;

export const APPROVAL_ROLE_LABELS: Record<ApprovalRole, string> = {
  'fst-prioritization': 'Prioritized by the Functional Specialty Team',
  'lrc-prioritization': 'Prioritized by the LCOO Roadmap Committee',
  'stakeholder-acceptance': 'Accepted by community and LCOO stakeholders',
  'core-approval': 'Approved by a project core reviewer',
  'pod-acceptance': 'Accepted by the community and LCOO POD',
  'lrc-tracking': 'Delivery tracked by the LCOO Roadmap Committee',
};

/**
 * The stakeholder acceptance's label when Blueprint Accepted reads Launchpad (gate setting
 * blueprintAcceptedFrom): the approval then stands for LCOO's stakeholders only.
 */
export const LCOO_STAKEHOLDERS_LABEL = 'Accepted by LCOO stakeholders';

/**
 * The approvals Jira groups give (admin page: "Who may approve"). The FST prioritization is
 * not among them: each FST's own lead group(s) give it (app-config.ts, FstSchema.leadGroups).
 */
export const GROUP_APPROVAL_ROLES = APPROVAL_ROLES.filter(
  (r): r is Exclude<ApprovalRole, 'fst-prioritization'> => r !== 'fst-prioritization',
);
export type GroupApprovalRole = (typeof GROUP_APPROVAL_ROLES)[number];

/** Which record each approval belongs to. */
export const APPROVAL_RECORD: Record<ApprovalRole, 'vetting' | 'delivery'> = {
  'fst-prioritization': 'vetting',
  'lrc-prioritization': 'vetting',
  'stakeholder-acceptance': 'delivery',
  'core-approval': 'delivery',
  'pod-acceptance': 'delivery',
  'lrc-tracking': 'delivery',
};

/** The approvals a stage's gate needs (core approvals: `coreApprovalsRequired` distinct people). */
export const GATE_APPROVALS: Partial<Record<Stage, ApprovalRole[]>> = {
  prioritized: ['fst-prioritization', 'lrc-prioritization'],
  'blueprint-accepted': ['stakeholder-acceptance'],
  'code-committed': ['core-approval'],
  delivered: ['pod-acceptance', 'lrc-tracking'],
};

export const ApprovalSchema = z.object({
  role: ApprovalRoleSchema,
  accountId: AccountIdSchema,
  displayName: text(MAX_SHORT, 'Approver name'),
  at: IsoDateTimeSchema,
  note: text(MAX_TEXT, 'Approval note').optional(),
  /** What the approval is for, e.g. the Gerrit change number a core approved. */
  ref: text(MAX_SHORT, 'Approval reference').optional(),
  /**
   * What it approved: the record's revision it was given on and a digest per part of the
   * content its gate reads (approval-content.ts). Absent on approvals recorded before the app
   * kept it; the next write binds those to the content as it then stands.
   */
  approved: z
    .object({
      revision: z.number().int().min(0),
      parts: z.record(z.string().max(60), z.string().regex(/^[0-9a-f]{16}$/)),
    })
    .optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApprovalListSchema = z
  .array(ApprovalSchema, { error: 'Approvals must be a list.' })
  .max(50, { error: 'At most 50 approvals fit in one record.' });

/** Approvals are only written by the app (approvals/record): a save carrying them is refused, not silently stripped. */
export const noApprovalsIn = (what: string) =>
  z.undefined({ error: `Approvals can't be saved with the ${what}; record them with the approval buttons.` }).optional();

export function hasApproval(approvals: readonly Approval[] | undefined, role: ApprovalRole): boolean {
  return (approvals ?? []).some((a) => a.role === role);
}

/** Which approval a withdrawal takes back: the role, whose it is, and for core approvals the change. */
export interface ApprovalRef {
  role: ApprovalRole;
  accountId: string;
  ref?: string | undefined;
}

const sameApproval = (a: Approval, r: ApprovalRef) =>
  a.role === r.role && a.accountId === r.accountId && (a.ref ?? '') === (r.ref ?? '').replace(/^#/, '');

export function findApproval(approvals: readonly Approval[] | undefined, ref: ApprovalRef): Approval | undefined {
  return (approvals ?? []).find((a) => sameApproval(a, ref));
}

/** The approvals without the one `ref` names (a withdrawal). Returns a new list. */
export function withoutApproval(approvals: readonly Approval[] | undefined, ref: ApprovalRef): Approval[] {
  return (approvals ?? []).filter((a) => !sameApproval(a, ref));
}

/**
 * Adds an approval, replacing an earlier one by the same person for the same role and
 * ref, so recording twice does not count twice. Returns a new list.
 */
export function withApproval(approvals: readonly Approval[] | undefined, approval: Approval): Approval[] {
  const rest = (approvals ?? []).filter(
    (a) => !(a.role === approval.role && a.accountId === approval.accountId && (a.ref ?? '') === (approval.ref ?? '')),
  );
  return [...rest, approval];
}

/** The minimal shape distinctCoreApprovals reads, so it works on a Delivery or a draft. */
export interface CoreApprovalSource {
  approvals?: readonly Approval[] | undefined;
  changes?: readonly { number: number; status: 'open' | 'merged' | 'abandoned' }[] | undefined;
}

/**
 * The distinct people (account ids) who gave a core approval that still counts. An
 * approval with a `ref` counts only while that ref names a recorded, non-abandoned Gerrit
 * change (an approval of abandoned code approves nothing); an approval without a ref
 * approves the deliverable as a whole. One person approving three changes is one core.
 * `counts` says whether an approval counts otherwise (the gate passes one that only counts
 * for the content it approved: approval-content.ts).
 */
export function distinctCoreApprovals(delivery: CoreApprovalSource | undefined, counts: (a: Approval) => boolean = () => true): string[] {
  const live = new Set((delivery?.changes ?? []).filter((c) => c.status !== 'abandoned').map((c) => String(c.number)));
  const people = new Set<string>();
  for (const a of delivery?.approvals ?? []) {
    if (a.role !== 'core-approval') continue;
    const ref = a.ref?.trim().replace(/^#/, '') ?? '';
    if (ref && !live.has(ref)) continue;
    if (!counts(a)) continue;
    people.add(a.accountId);
  }
  return [...people];
}

/**
 * Why an approval can't be recorded yet, or undefined when it can. The source orders the
 * prioritization: first the FST, then the Roadmap Committee; and a core approves a
 * specific change, so a `ref` must name one that is recorded and not abandoned.
 */
export function approvalPrerequisite(role: ApprovalRole, record: CoreApprovalSource | undefined, ref?: string): string | undefined {
  if (role === 'lrc-prioritization' && !hasApproval(record?.approvals, 'fst-prioritization')) {
    return 'The Roadmap Committee prioritizes after the Functional Specialty Team: record the FST prioritization first.';
  }
  if (role === 'core-approval' && ref !== undefined && ref.trim() !== '') {
    const number = ref.trim().replace(/^#/, '');
    const change = (record?.changes ?? []).find((c) => String(c.number) === number);
    if (!change) return `Gerrit change ${number} is not listed on this deliverable; add it before approving it.`;
    if (change.status === 'abandoned') return `Gerrit change ${number} is abandoned; an approval of it would not count.`;
  }
  return undefined;
}
