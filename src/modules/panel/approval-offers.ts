// Which approvals the panel offers on an issue and whether this person may give them. Pure,
// so the rules are unit-tested without Jira; the resolver feeds it the person's groups as
// the app reads them (a person can't vouch for their own group membership).
import type { ApprovalOffer } from '../../contract/panel';
import { APPROVAL_RECORD, APPROVAL_ROLE_LABELS, type ApprovalRole } from '../../domain/approvals';
import { liveChanges, type Delivery } from '../../domain/delivery';
import { approvalsAhead, type GateConfig } from '../../domain/gates';
import { stageDef, type LifecycleId, type Stage } from '../../domain/lifecycle';

export interface OfferInput {
  lifecycle: LifecycleId;
  /** Where the issue is; undefined when its status is not an LCOO stage (treated as the first stage). */
  stage: Stage | undefined;
  gate: Pick<GateConfig, 'specificationStep'>;
  roleGroups: Record<ApprovalRole, string[]>;
  /** The person's groups as the app read them; undefined when Jira did not answer. */
  userGroups: readonly string[] | undefined;
  canEdit: boolean;
  delivery?: Pick<Delivery, 'changes'> | undefined;
}

/** Jira group names are unique regardless of case, and config/save accepts them in any case (checkGroupsExist). */
export function allowedToGive(role: ApprovalRole, roleGroups: Record<ApprovalRole, string[]>, userGroups: readonly string[]): boolean {
  const mine = new Set(userGroups.map((g) => g.toLowerCase()));
  return (roleGroups[role] ?? []).some((g) => mine.has(g.toLowerCase()));
}

export function whyNot(role: ApprovalRole, roleGroups: Record<ApprovalRole, string[]>): string {
  const allowed = roleGroups[role] ?? [];
  if (allowed.length === 0) {
    return 'No Jira group may record this approval yet; an LCOO admin sets the groups on the LCOO admin page.';
  }
  return `Only members of ${allowed.map((g) => `"${g}"`).join(' or ')} can record this approval.`;
}

export function approvalOffers(input: OfferInput): ApprovalOffer[] {
  return approvalsAhead(input.lifecycle, input.stage, input.gate).map(({ role, forStage }) => {
    const allowedGroups = [...(input.roleGroups[role] ?? [])];
    const inGroup = input.userGroups !== undefined && allowedToGive(role, input.roleGroups, input.userGroups);
    const reason = !input.canEdit
      ? "You can't edit this issue in Jira, so you can't record approvals on it."
      : input.userGroups === undefined
        ? 'Your Jira groups could not be read just now, so the app cannot tell whether you may record this approval. Reload the panel to try again.'
        : !inGroup
          ? whyNot(role, input.roleGroups)
          : undefined;
    const offer: ApprovalOffer = {
      role,
      label: APPROVAL_ROLE_LABELS[role],
      record: APPROVAL_RECORD[role],
      forStage,
      forStageName: stageDef(forStage).statusName,
      canGive: reason === undefined,
      allowedGroups,
      ...(reason ? { reason } : {}),
    };
    if (role === 'core-approval') offer.refs = liveChanges(input.delivery).map((c) => String(c.number));
    return offer;
  });
}
