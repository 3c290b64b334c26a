// Which approvals the panel offers on an issue and whether this person may give them. Pure,
// so the rules are unit-tested without Jira; the resolver feeds it the person's groups as
// the app reads them (a person can't vouch for their own group membership). Who may give
// what is the use case's (src/usecases/rights.ts): the item's FST lead(s) for the FST
// prioritization, the configured groups for the others.
import type { ApprovalOffer } from '../../contract/panel';
import type { AppConfig } from '../../domain/app-config';
import { APPROVAL_RECORD, APPROVAL_ROLE_LABELS } from '../../domain/approvals';
import { liveChanges, type Delivery } from '../../domain/delivery';
import { approvalsAhead, type GateConfig } from '../../domain/gates';
import { stageDef, type LifecycleId, type Stage } from '../../domain/lifecycle';
import type { Vetting } from '../../domain/vetting';
import { approversOf, inAnyGroup } from '../../usecases/rights';

export interface OfferInput {
  lifecycle: LifecycleId;
  /** Where the issue is; undefined when its status is not an LCOO stage (treated as the first stage). */
  stage: Stage | undefined;
  gate: Pick<GateConfig, 'specificationStep'>;
  config: AppConfig;
  /** The person's groups as the app read them; undefined when Jira did not answer. */
  userGroups: readonly string[] | undefined;
  canEdit: boolean;
  /** The item's FST decides who prioritizes it. */
  vetting?: Pick<Vetting, 'fst'> | undefined;
  delivery?: Pick<Delivery, 'changes'> | undefined;
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
      label: APPROVAL_ROLE_LABELS[role],
      record: APPROVAL_RECORD[role],
      forStage,
      forStageName: stageDef(forStage).statusName,
      canGive: reason === undefined,
      allowedGroups: approvers.groups,
      ...(reason ? { reason } : {}),
    };
    if (role === 'core-approval') offer.refs = liveChanges(input.delivery).map((c) => String(c.number));
    return offer;
  });
}
