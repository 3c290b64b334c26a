// Who may confirm what, decided once for the panel's offers and every write: an FST's items are
// prioritized only by that FST's elected lead(s), a member company's interest and committed
// people are recorded only by its Roadmap Coordinator or reps, the other approvals by the groups
// the admin names per approval. Pure: callers pass the person's groups as the APP read them (a
// person can't vouch for their own membership). Jira group names are unique regardless of case,
// and config/save accepts them in any case, so membership is compared without case.
import type { AppConfig } from '../domain/app-config';
import { APPROVAL_ROLE_LABELS, type ApprovalRole } from '../domain/approvals';
import { directoryOf } from '../domain/directory';
import type { Vetting } from '../domain/vetting';

/** Who may give an approval on a record: the groups, and how to say it when the person is not in them. */
export interface Approvers {
  groups: string[];
  /** Why no one may give it at all (no FST chosen, no group configured), when so. */
  blocked?: string;
  /** "Only members of ... can record this approval." */
  onlyWho: string;
}

const quoted = (groups: readonly string[]) => groups.map((g) => `"${g}"`).join(' or ');

export function approversOf(role: ApprovalRole, config: AppConfig, vetting?: Pick<Vetting, 'fst'>): Approvers {
  if (role === 'fst-prioritization') {
    const fst = directoryOf(config).fst(vetting?.fst);
    if (!fst) {
      const blocked = vetting?.fst
        ? `This item's Functional Specialty Team ("${vetting.fst}") is not one the LCOO configuration knows; choose the item's FST, then its elected leads can prioritize it.`
        : "Choose this item's Functional Specialty Team first: only that FST's elected leads prioritize it.";
      return { groups: [], blocked, onlyWho: blocked };
    }
    if (fst.leadGroups.length === 0) {
      const blocked = `No Jira group is set for the leads of the ${fst.name} FST yet; an LCOO admin sets it on the LCOO admin page.`;
      return { groups: [], blocked, onlyWho: blocked };
    }
    return {
      groups: [...fst.leadGroups],
      onlyWho: `Only the ${fst.name} FST's elected leads, members of ${quoted(fst.leadGroups)}, can prioritize it for the FST.`,
    };
  }
  const groups = [...(config.roleGroups[role] ?? [])];
  if (groups.length === 0) {
    const blocked = 'No Jira group may record this approval yet; an LCOO admin sets the groups on the LCOO admin page.';
    return { groups, blocked, onlyWho: blocked };
  }
  return { groups, onlyWho: `Only members of ${quoted(groups)} can record this approval.` };
}

export function inAnyGroup(groups: readonly string[], userGroups: readonly string[]): boolean {
  const mine = new Set(userGroups.map((g) => g.toLowerCase()));
  return groups.some((g) => mine.has(g.toLowerCase()));
}

export function mayGive(role: ApprovalRole, config: AppConfig, userGroups: readonly string[], vetting?: Pick<Vetting, 'fst'>): boolean {
  return inAnyGroup(approversOf(role, config, vetting).groups, userGroups);
}

/** The refusal of a person outside the approvers: "You can't record "...". Only ...". */
export const cannotGive = (role: ApprovalRole, config: AppConfig, vetting?: Pick<Vetting, 'fst'>): string =>
  `You can't record "${APPROVAL_ROLE_LABELS[role]}". ${approversOf(role, config, vetting).onlyWho}`;

// ---------------------------------------------------------------- company entries

export interface CompanyRight {
  company: string;
  /** The company's current name (the id when the configuration no longer knows it). */
  name: string;
  canEdit: boolean;
  /** Why not, when not. */
  reason?: string;
}

/** Whether the person may change `companyId`'s entry on an item, and why not. */
export function companyRight(config: AppConfig, companyId: string, userGroups: readonly string[] | undefined): CompanyRight {
  const company = directoryOf(config).company(companyId);
  if (!company) {
    return {
      company: companyId,
      name: companyId,
      canEdit: false,
      reason: `"${companyId}" is not a member company in the LCOO configuration any more, so no one can change its entry.`,
    };
  }
  const base = { company: company.id, name: company.name };
  if (company.groups.length === 0) {
    return {
      ...base,
      canEdit: false,
      reason: `No Jira group is set for ${company.name}'s Roadmap Coordinator and reps yet; an LCOO admin sets it on the LCOO admin page.`,
    };
  }
  if (userGroups === undefined) {
    return {
      ...base,
      canEdit: false,
      reason: 'Your Jira groups could not be read just now, so the app cannot tell which companies you speak for. Reload to try again.',
    };
  }
  if (inAnyGroup(company.groups, userGroups)) return { ...base, canEdit: true };
  return {
    ...base,
    canEdit: false,
    reason: `Only ${company.name}'s Roadmap Coordinator or reps (members of ${quoted(company.groups)}) record whether ${company.name} joins and whom it commits.`,
  };
}
