import { z } from 'zod';
import type { Stage } from './lifecycle';
import { AccountIdSchema, IsoDateTimeSchema, MAX_SHORT, MAX_TEXT, text } from './primitives';

/**
 * Approvals are the decisions the source process names: the FST prioritizes, then the
 * Roadmap Committee; community and LCOO stakeholders accept the blueprint; two cores
 * approve the code; the POD accepts the delivery. They live inside the signed record and
 * are only ever written by the app (approvals/record), never sent in a save.
 */

export const APPROVAL_ROLES = [
  'fst-prioritization',
  'lrc-prioritization',
  'stakeholder-acceptance',
  'core-approval',
  'pod-acceptance',
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
};

/** Which record each approval belongs to. */
export const APPROVAL_RECORD: Record<ApprovalRole, 'vetting' | 'delivery'> = {
  'fst-prioritization': 'vetting',
  'lrc-prioritization': 'vetting',
  'stakeholder-acceptance': 'delivery',
  'core-approval': 'delivery',
  'pod-acceptance': 'delivery',
};

/** The approvals a stage's gate needs (core approvals: `coreApprovalsRequired` distinct people). */
export const GATE_APPROVALS: Partial<Record<Stage, ApprovalRole[]>> = {
  prioritized: ['fst-prioritization', 'lrc-prioritization'],
  'blueprint-accepted': ['stakeholder-acceptance'],
  'code-committed': ['core-approval'],
  delivered: ['pod-acceptance'],
};

export const ApprovalSchema = z.object({
  role: ApprovalRoleSchema,
  accountId: AccountIdSchema,
  displayName: text(MAX_SHORT, 'Approver name'),
  at: IsoDateTimeSchema,
  note: text(MAX_TEXT, 'Approval note').optional(),
  /** What the approval is for, e.g. the Gerrit change number a core approved. */
  ref: text(MAX_SHORT, 'Approval reference').optional(),
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
 */
export function distinctCoreApprovals(delivery: CoreApprovalSource | undefined): string[] {
  const live = new Set((delivery?.changes ?? []).filter((c) => c.status !== 'abandoned').map((c) => String(c.number)));
  const people = new Set<string>();
  for (const a of delivery?.approvals ?? []) {
    if (a.role !== 'core-approval') continue;
    const ref = a.ref?.trim().replace(/^#/, '') ?? '';
    if (ref && !live.has(ref)) continue;
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
