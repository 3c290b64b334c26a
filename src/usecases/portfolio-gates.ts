// The gate check for every item of a portfolio load: the same gateCheck() the validator and
// the panel call, with each stage's next move planned once (its target, settings and the
// gates on the way), not once per item. What comes out is the domain's PortfolioItem.
import type { GateTime, MissingRequirement } from '../domain/gates';
import type { LifecycleId, Stage } from '../domain/lifecycle';
import type { PortfolioItem } from '../domain/portfolio';
import type { ParentChecklist } from '../records/roadmap-item';
import { blockersOf, gateCheck, needsParent, planMove, type MovePlan } from './gate-check';
import { nextStageFor, type MoveSettings } from './gate-settings';
import type { IssueSnapshot } from './issue-snapshot';

/** An issue of the load whose status is a stage of its lifecycle. */
export interface PortfolioIssue {
  snapshot: IssueSnapshot & { stage: Stage };
  summary: string;
  issueType: string;
}

type SettingsFor = (target: Stage, from: Stage | undefined) => MoveSettings;

/** The next move out of each stage, planned once per load (undefined at the end of a lifecycle). */
function nextMoves(settingsFor: SettingsFor): (lifecycle: LifecycleId, stage: Stage) => MovePlan | undefined {
  const plans = new Map<Stage, MovePlan | undefined>();
  return (lifecycle, stage) => {
    if (!plans.has(stage)) {
      const target = nextStageFor(stage, settingsFor);
      plans.set(stage, target ? planMove(lifecycle, stage, target, settingsFor(target, stage)) : undefined);
    }
    return plans.get(stage);
  };
}

/** The Roadmap Items whose checklist some gate of this load needs (settings that require checklist items at a delivery stage). */
export function parentKeysNeeded(issues: readonly PortfolioIssue[], settingsFor: SettingsFor): Set<string> {
  const planOf = nextMoves(settingsFor);
  const keys = new Set<string>();
  for (const { snapshot } of issues) {
    const plan = planOf(snapshot.lifecycle, snapshot.stage);
    if (plan && needsParent(snapshot, plan)) keys.add(snapshot.parentKey);
  }
  return keys;
}

const NONE: MissingRequirement[] = [];

export function gatePortfolio(
  issues: readonly PortfolioIssue[],
  settingsFor: SettingsFor,
  parentOf: (key: string) => ParentChecklist | undefined,
  at: GateTime,
): PortfolioItem[] {
  const planOf = nextMoves(settingsFor);
  return issues.map(({ snapshot, summary, issueType }) => {
    const plan = planOf(snapshot.lifecycle, snapshot.stage);
    const parent = plan && needsParent(snapshot, plan) ? parentOf(snapshot.parentKey) : undefined;
    return {
      key: snapshot.key,
      summary,
      issueType,
      lifecycle: snapshot.lifecycle,
      stage: snapshot.stage,
      integrity: snapshot.integrity,
      vetting: snapshot.vetting,
      delivery: snapshot.delivery,
      next: plan?.target,
      blockers: plan ? blockersOf(gateCheck(snapshot, plan, at, parent)) : NONE,
    };
  });
}
