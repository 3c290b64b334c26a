// Which approvals the panel offers on an issue and whether this person may give them. Pure,
// so the rules are unit-tested without Jira; the resolver feeds it the person's groups as
// the app reads them (a person can't vouch for their own group membership). Who may give
// what is the use case's (src/usecases/rights.ts): the item's FST lead(s) for the FST
// prioritization, the configured groups for the others.
import type { ApprovalOffer, GivenApproval } from '../../contract/panel';
import type { AppConfig } from '../../domain/app-config';
import { APPROVAL_RECORD, APPROVAL_ROLE_LABELS, LCOO_STAKEHOLDERS_LABEL, approvalPrerequisite } from '../../domain/approvals';
import { liveChanges, type Delivery } from '../../domain/delivery';
import { approvalsAhead, type GateConfig } from '../../domain/gates';
import { stageDef, type LifecycleId, type Stage } from '../../domain/lifecycle';
import type { Vetting } from '../../domain/vetting';
import { approversOf, inAnyGroup } from '../../usecases/rights';

export interface OfferInput {
  lifecycle: LifecycleId;
  /** Where the issue is; undefined when its status is not an LCOO stage (treated as the first stage). */
  stage: Stage | undefined;
  gate: Pick<GateConfig, 'specificationStep'> & Partial<Pick<GateConfig, 'blueprintAcceptedFrom'>>;
  config: AppConfig;
  /** The person's groups as the app read them; undefined when Jira did not answer. */
  userGroups: readonly string[] | undefined;
  canEdit: boolean;
  /** The item's FST decides who prioritizes it; its approvals, what may be recorded next. */
  vetting?: Pick<Vetting, 'fst' | 'approvals'> | undefined;
  delivery?: Pick<Delivery, 'changes' | 'approvals'> | undefined;
  /** The person asking, and the approvals as the panel shows them: one they gave for this content is not offered again. */
  accountId?: string | undefined;
  given?: readonly GivenApproval[] | undefined;
}

/**
 * Why this person can't record `role` now although they may give it: the order of the process
 * (the same rule the write applies, approvalPrerequisite) or their own approval, given for the
 * record as it is, is already there. `refs`: for a core approval, the changes still open to them.
 */
function notNow(role: ApprovalOffer['role'], input: OfferInput, refs: string[] | undefined): { reason?: string; refs?: string[] } {
  const record = APPROVAL_RECORD[role] === 'vetting' ? input.vetting : input.delivery;
  const order = approvalPrerequisite(role, record);
  if (order) return { reason: order };
  const mine = (input.given ?? []).filter((g) => g.role === role && g.accountId === input.accountId && g.state === 'current');
  if (role === 'core-approval') {
    const left = (refs ?? []).filter((r) => !mine.some((g) => g.ref === r));
    if ((refs ?? []).length > 0 && left.length === 0)
      return { reason: 'You have approved every change listed here, for the deliverable as it is now.', refs: left };
    return { refs: left };
  }
  return mine.length > 0
    ? { reason: 'You recorded this approval for the record as it is now; it is listed above, where you can withdraw it.' }
    : {};
}

export function approvalOffers(input: OfferInput): ApprovalOffer[] {
  return approvalsAhead(input.lifecycle, input.stage, input.gate).map(({ role, forStage }) => {
    const approvers = approversOf(role, input.config, input.vetting);
    const inGroup = input.userGroups !== undefined && inAnyGroup(approvers.groups, input.userGroups);
    const reason = !input.canEdit
      ? "You can't edit this issue in Jira, so you can't record approvals on it."
      : input.userGroups === undefined
        ? 'Your Jira groups could not be read just now, so the app cannot tell whether you may record this approval. Reload the panel to try again.'
        : !inGroup
          ? approvers.onlyWho
          : undefined;
    const offer: ApprovalOffer = {
      role,
      label:
        role === 'stakeholder-acceptance' && input.gate.blueprintAcceptedFrom === 'launchpad'
          ? LCOO_STAKEHOLDERS_LABEL
          : APPROVAL_ROLE_LABELS[role],
      record: APPROVAL_RECORD[role],
      forStage,
      forStageName: stageDef(forStage).statusName,
      canGive: reason === undefined,
      allowedGroups: approvers.groups,
      ...(reason ? { reason } : {}),
    };
    const refs = role === 'core-approval' ? liveChanges(input.delivery).map((c) => String(c.number)) : undefined;
    const later = reason === undefined ? notNow(role, input, refs) : {};
    if (later.reason) {
      offer.canGive = false;
      offer.reason = later.reason;
    }
    if (role === 'core-approval') offer.refs = later.refs ?? refs ?? [];
    return offer;
  });
}
