// Who may rank and publish the roadmap, decided once for the page's offers and every write, in
// the style of rights.ts: the Roadmap Committee (the groups the admin names for the committee's
// prioritization) ranks roadmap-wide and publishes; an FST's elected lead(s) (its lead groups)
// rank and submit their FST's list. Pure: callers pass the person's groups as the APP read them.
import type { AppConfig } from '../../domain/app-config';
import { directoryOf } from '../../domain/directory';
import type { RankScope } from '../../domain/roadmap/ranking';
import { inAnyGroup } from '../rights';

const quoted = (groups: readonly string[]) => groups.map((g) => `"${g}"`).join(' or ');

/** The groups of the Roadmap Committee: those the admin allows to give its prioritization approval. */
export const committeeGroups = (config: AppConfig): string[] => [...(config.roleGroups['lrc-prioritization'] ?? [])];

export interface RankRights {
  committee: boolean;
  /** FST ids the person leads. */
  fsts: string[];
}

export function rankRights(config: AppConfig, userGroups: readonly string[]): RankRights {
  const groups = committeeGroups(config);
  return {
    committee: groups.length > 0 && inAnyGroup(groups, userGroups),
    fsts: config.fsts.filter((f) => f.leadGroups.length > 0 && inAnyGroup(f.leadGroups, userGroups)).map((f) => f.id),
  };
}

/** Why the person may not change this list (undefined: they may). */
export function cannotRank(config: AppConfig, userGroups: readonly string[], scope: RankScope): string | undefined {
  if (scope.kind === 'committee') {
    const groups = committeeGroups(config);
    if (groups.length === 0) return 'No Jira group is set for the Roadmap Committee yet; an LCOO admin sets it on the LCOO admin page.';
    return inAnyGroup(groups, userGroups)
      ? undefined
      : `Only the Roadmap Committee (members of ${quoted(groups)}) ranks the roadmap as a whole.`;
  }
  const fst = directoryOf(config).fst(scope.fst);
  if (!fst) return `"${scope.fst}" is not a Functional Specialty Team in the LCOO configuration.`;
  if (fst.leadGroups.length === 0)
    return `No Jira group is set for the leads of the ${fst.name} FST yet; an LCOO admin sets it on the LCOO admin page.`;
  return inAnyGroup(fst.leadGroups, userGroups)
    ? undefined
    : `Only the ${fst.name} FST's elected leads, members of ${quoted(fst.leadGroups)}, rank and submit its items.`;
}

/** Why the person may not publish a version (undefined: they may). */
export function cannotPublish(config: AppConfig, userGroups: readonly string[]): string | undefined {
  const groups = committeeGroups(config);
  if (groups.length === 0) return 'No Jira group is set for the Roadmap Committee yet; an LCOO admin sets it on the LCOO admin page.';
  return inAnyGroup(groups, userGroups) ? undefined : `Only the Roadmap Committee (members of ${quoted(groups)}) publishes the roadmap.`;
}

/** Why the person may not record a target-release or delivery-strategy decision (undefined: they may). */
export function cannotDecide(config: AppConfig, userGroups: readonly string[]): string | undefined {
  const groups = committeeGroups(config);
  if (groups.length === 0) return 'No Jira group is set for the Roadmap Committee yet; an LCOO admin sets it on the LCOO admin page.';
  return inAnyGroup(groups, userGroups)
    ? undefined
    : `Only the Roadmap Committee (members of ${quoted(groups)}) records target-release and delivery-strategy decisions.`;
}
