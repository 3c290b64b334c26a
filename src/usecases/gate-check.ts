// May this issue move to `target`, and what is missing? The one answer the stage-gate
// validator (one issue, the move Jira is making), the panel (the next stage) and the gadget
// (many issues) give. Each entry point only reads, builds the snapshot with snapshotOf(),
// plans the move (planMove: what the lifecycle and the settings say about the move itself,
// the same for every issue making it; the gadget plans each move once) and calls gateCheck,
// then words the outcome its own way.
import {
  gatesOnTheWay,
  missingOnTheWay,
  requiredChecklistFor,
  type GateConfig,
  type GateSubject,
  type GateTime,
  type MissingRequirement,
} from '../domain/gates';
import {
  LIFECYCLES,
  isTransitionAllowed,
  lifecycleOfStage,
  nextStage,
  stageDef,
  stageIndex,
  type LifecycleId,
  type Stage,
} from '../domain/lifecycle';
import type { ParentChecklist } from '../records/roadmap-item';
import type { MoveSettings } from './gate-settings';
import type { IssueSnapshot } from './issue-snapshot';

export interface GateOutcome {
  target: Stage;
  pass: boolean;
  /**
   * Why the move is refused whatever the record holds (settings that can't be used, a move
   * the lifecycle does not offer, a stage of the other lifecycle). Set: `missing` is empty.
   */
  failClosed?: MissingRequirement;
  /** What the item still lacks for the gates on the way. */
  missing: MissingRequirement[];
}

/** A move from one stage (undefined: a status outside the lifecycle, counted from the first stage) to `target`. */
export type MovePlan =
  | { target: Stage; kind: 'open' }
  | { target: Stage; kind: 'refused'; failClosed: MissingRequirement }
  | {
      target: Stage;
      kind: 'gated';
      config: GateConfig;
      /** The stages whose gates the move must pass. */
      path: readonly Stage[];
      /** Whether those gates read the deliverable's Roadmap Item checklist (one more REST call for the validator and the panel). */
      needsParentChecklist: boolean;
    };

function illegalMove(from: Stage, target: Stage, specificationStep: boolean): MissingRequirement {
  const message =
    from === 'blueprint-accepted' && target === 'coding-in-progress'
      ? `The specification step is on, so an Upstream Deliverable goes from "${stageDef(from).statusName}" to "${stageDef('spec-in-progress').statusName}" first.`
      : `The LCOO process moves forward one stage at a time; from "${stageDef(from).statusName}" the next stage is "${
          stageDef(nextStage(from, { specificationStep }) ?? from).statusName
        }".`;
  return { requirement: 'transition', message };
}

/**
 * What the lifecycle and the settings say about moving from `from` to `target` in `lifecycle`:
 * open (back, or into the first stage), refused whatever the record holds, or gated by the
 * gates on the way.
 */
export function planMove(lifecycle: LifecycleId, from: Stage | undefined, target: Stage, settings: MoveSettings): MovePlan {
  if (lifecycleOfStage(target) !== lifecycle) {
    const own = LIFECYCLES[lifecycle];
    const other = LIFECYCLES[lifecycleOfStage(target)];
    return {
      target,
      kind: 'refused',
      failClosed: {
        requirement: 'input',
        message: `"${stageDef(target).statusName}" is a stage of the ${other.name}, which only ${other.issueTypeName} issues follow (this is a ${own.issueTypeName}).`,
      },
    };
  }
  const forward = stageIndex(target) > 0 && (from === undefined || stageIndex(target) > stageIndex(from));
  if (!forward) return { target, kind: 'open' };
  if (!settings.ok) return { target, kind: 'refused', failClosed: settings.failClosed };
  const config = settings.config;
  if (from && !isTransitionAllowed(from, target, config))
    return { target, kind: 'refused', failClosed: illegalMove(from, target, config.specificationStep) };
  const path = gatesOnTheWay(lifecycle, from, target, config);
  const needsParentChecklist = lifecycle === 'delivery' && path.some((s) => requiredChecklistFor(s, config).length > 0);
  return { target, kind: 'gated', config, path, needsParentChecklist };
}

/** Whether the gate of this move reads the deliverable's Roadmap Item checklist, i.e. the caller must read it first. */
export const needsParent = (snapshot: IssueSnapshot, plan: MovePlan): snapshot is IssueSnapshot & { parentKey: string } =>
  plan.kind === 'gated' && plan.needsParentChecklist && snapshot.parentKey !== undefined;

/**
 * The gate's answer for `snapshot` making the move `plan` (planned from the snapshot's stage)
 * at `at` (the day, and the release calendar in effect). `parent` is the deliverable's Roadmap
 * Item checklist (with that item's stage), read by the caller when needsParent() says so.
 */
export function gateCheck(snapshot: IssueSnapshot, plan: MovePlan, at: GateTime, parent?: ParentChecklist): GateOutcome {
  const target = plan.target;
  if (plan.kind === 'open') return { target, pass: true, missing: [] };
  if (plan.kind === 'refused') return { target, pass: false, failClosed: plan.failClosed, missing: [] };
  const subject: GateSubject = { lifecycle: snapshot.lifecycle, integrity: snapshot.integrity };
  if (snapshot.stage) subject.from = snapshot.stage;
  let problem: MissingRequirement | undefined;
  if (snapshot.lifecycle === 'portfolio') {
    if (snapshot.vetting) subject.vetting = snapshot.vetting;
  } else {
    if (snapshot.delivery) subject.delivery = snapshot.delivery;
    // An unreadable or forged Roadmap Item counts as an empty checklist, and says why first.
    if (parent?.ok) {
      subject.vetting = parent.vetting;
      // A target the Roadmap Item fixed at its gate and that shipped since has slipped; it is not missing.
      if (parent.stage) subject.parentStage = parent.stage;
    } else if (parent) {
      subject.vetting = { schemaVersion: 2 };
      problem = { requirement: 'roadmap-item:record', message: parent.problem };
    }
  }
  const missing = missingOnTheWay(plan.path, subject, plan.config, at);
  if (problem) missing.unshift(problem);
  return { target, pass: missing.length === 0, missing };
}

/** The outcome as one list: what the panel's readiness and the gadget's blockers show. */
export const blockersOf = (outcome: GateOutcome): MissingRequirement[] => (outcome.failClosed ? [outcome.failClosed] : outcome.missing);
