import { z } from 'zod';
import { approvalCounts, approvalState, partLabel, type ApprovedRecord } from './approval-content';
import { APPROVAL_ROLES, ApprovalRoleSchema, GATE_APPROVALS, distinctCoreApprovals, type Approval, type ApprovalRole } from './approvals';
import type { Delivery } from './delivery';
import {
  blueprintLacks,
  blueprintRef,
  changeLacks,
  changeLacksSentence,
  isLiveChange,
  specChangeNumber,
  specLacks,
  type UpstreamChange,
} from './upstream';
import { DELIVERY_STAGES, PORTFOLIO_STAGES, StageSchema, isSpecificationStage, type LifecycleId, type Stage } from './lifecycle';
import { milestoneProblem, releaseById, releaseLabel, type ReleaseCalendar } from './releases';
import {
  CHECKLIST_ITEM_IDS,
  ChecklistItemIdSchema,
  checklistItemMissing,
  type ChecklistAt,
  type ChecklistItemId,
  type Vetting,
} from './vetting';

/**
 * The stage gates: one engine for every stage of both lifecycles, the gate table of the
 * source slide made checkable. It works on parsed records (the app parses every stored
 * record with zod before anything reads it); the settings an LCOO admin may change are
 * GateConfig, and a workflow rule may override them per move (RuleConfig).
 */

// ---------------------------------------------------------------- settings

const coreApprovalsRequired = z
  .number({ error: 'Core approvals required must be a number.' })
  .int({ error: 'Core approvals required must be a whole number.' })
  .min(1, { error: 'At least 1 core approval is required.' })
  .max(5, { error: 'At most 5 core approvals can be required.' });
const specificationStep = z.boolean({ error: 'The specification step must be on or off.' });
/** Checklist items a stage requires on top of its own gate. */
const requiredChecklist = z.partialRecord(
  StageSchema,
  z.array(ChecklistItemIdSchema).max(12, { error: 'A stage can require at most the 12 checklist items.' }),
);

export const GATE_CONFIG_BOUNDS = { coreApprovalsRequired: { min: 1, max: 5 } } as const;

/** The admin's gate settings. A stage left out of requiredChecklist requires none, except Prioritized (all 12). */
export const GateConfigSchema = z.object({
  /** "Need approval from two cores": how many distinct core reviewers must approve. */
  coreApprovalsRequired: coreApprovalsRequired.default(2),
  /** Whether deliverables go through Specification In Progress / Accepted (some projects need no spec). */
  specificationStep: specificationStep.default(true),
  requiredChecklist: requiredChecklist.default({}),
  /**
   * The kinds of approval that still count after what they approved has changed. Empty by
   * default: a gate counts an approval only for the content it was given for
   * (approval-content.ts); an admin may relax this per kind.
   */
  staleApprovalsCount: z
    .array(ApprovalRoleSchema)
    .max(APPROVAL_ROLES.length)
    .default([])
    .transform((roles) => [...new Set(roles)]),
  /**
   * Where Code Committed takes its evidence: 'panel' (what people enter: change status, CI and
   * core approvals recorded in the app) or 'gerrit' (what Gerrit says, upstream.ts; the
   * hand-entered values then no longer count).
   */
  codeCommittedFrom: z.enum(['panel', 'gerrit'], { error: 'Code Committed evidence must come from "panel" or "gerrit".' }).default('panel'),
  /** Where Specification Accepted takes its evidence: the "approved" box ('panel') or the spec change merged in Gerrit ('gerrit'). */
  specAcceptedFrom: z
    .enum(['panel', 'gerrit'], { error: 'Specification Accepted evidence must come from "panel" or "gerrit".' })
    .default('panel'),
  /**
   * Where Blueprint Accepted takes its evidence: the panel alone ('panel') or also Launchpad
   * ('launchpad': the linked blueprint's definition status must be "Approved" there).
   */
  blueprintAcceptedFrom: z
    .enum(['panel', 'launchpad'], { error: 'Blueprint Accepted evidence must come from "panel" or "launchpad".' })
    .default('panel'),
});
export type GateConfig = z.infer<typeof GateConfigSchema>;

/**
 * What a stage-gate rule on a workflow transition stores: the same settings, each optional
 * (left out: the admin's applies). Strict, so a typo in a hand-edited rule fails closed
 * instead of being silently ignored.
 */
export const RuleConfigSchema = z
  .object({
    coreApprovalsRequired: coreApprovalsRequired.optional(),
    specificationStep: specificationStep.optional(),
    requiredChecklist: requiredChecklist.optional(),
  })
  .strict();
export type RuleConfig = z.infer<typeof RuleConfigSchema>;

export const defaultGateConfig: GateConfig = Object.freeze({
  coreApprovalsRequired: 2,
  specificationStep: true,
  requiredChecklist: Object.freeze({ prioritized: [...CHECKLIST_ITEM_IDS] }),
  staleApprovalsCount: Object.freeze([]) as unknown as ApprovalRole[],
  codeCommittedFrom: 'panel',
  specAcceptedFrom: 'panel',
  blueprintAcceptedFrom: 'panel',
});

/** A rule's stored configuration as the gate reads it: the settings, or why they can't be used. */
export type ParsedRule = { ok: true; config: RuleConfig } | { ok: false; error: string };

/**
 * Parses a rule configuration as Jira hands it over: absent, a JSON string (what the rule's
 * configuration screen saved) or an already-parsed object.
 */
export function parseRuleConfig(raw: unknown): ParsedRule {
  if (raw === undefined || raw === null || raw === '') return { ok: true, config: {} };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return { ok: false, error: 'its configuration is not JSON' };
    }
  }
  const parsed = RuleConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  const first = parsed.error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return { ok: false, error: first };
}

/**
 * The settings a rule runs with: the admin's, with what the rule sets on top. A stage the
 * rule lists replaces that stage's checklist; other stages keep the admin's.
 */
export function overlayGateConfig(admin: GateConfig, rule: RuleConfig): GateConfig {
  return {
    coreApprovalsRequired: rule.coreApprovalsRequired ?? admin.coreApprovalsRequired,
    specificationStep: rule.specificationStep ?? admin.specificationStep,
    requiredChecklist: { ...admin.requiredChecklist, ...rule.requiredChecklist },
    // Not a rule setting: which approvals count for an earlier version is the admin's call.
    staleApprovalsCount: admin.staleApprovalsCount,
    // Not a rule setting either: whether Gerrit alone is trusted is the admin's call for every move.
    codeCommittedFrom: admin.codeCommittedFrom,
    specAcceptedFrom: admin.specAcceptedFrom,
    blueprintAcceptedFrom: admin.blueprintAcceptedFrom,
  };
}

/** The checklist items a stage requires under a configuration. */
export function requiredChecklistFor(stage: Stage, config: GateConfig): readonly ChecklistItemId[] {
  // Duplicates in a configured list are harmless: missing requirements are de-duplicated.
  return config.requiredChecklist[stage] ?? (stage === 'prioritized' ? CHECKLIST_ITEM_IDS : []);
}

// ---------------------------------------------------------------- subject and result

export const INTEGRITY_STATES = ['valid', 'missing', 'modified-outside-app', 'unreadable'] as const;
export const IntegritySchema = z.enum(INTEGRITY_STATES);
/** 'missing': no record; 'unreadable': not an LCOO record at all; otherwise signed by the app ('valid') or not. */
export type Integrity = z.infer<typeof IntegritySchema>;

export interface GateSubject {
  lifecycle: LifecycleId;
  /** The stage the item is in now; without it the gate is evaluated from the first stage. */
  from?: Stage;
  /**
   * A Roadmap Item's checklist; for an Upstream Deliverable, its Roadmap Item's checklist
   * (only read when the gate settings require checklist items at a delivery stage).
   */
  vetting?: Vetting;
  delivery?: Delivery;
  integrity: Integrity;
  /** Where a deliverable's Roadmap Item stands, when known: its checklist is read as of that stage. */
  parentStage?: Stage;
}

/** The day a gate is checked, and the release calendar in effect (built-in merged with the admin's entries). */
export interface GateTime {
  nowMs: number;
  calendar: ReleaseCalendar;
}

export interface MissingRequirement {
  /** Stable id of the requirement ("checklist:size", "approval:core-approval", "integrity"). */
  requirement: string;
  /** What is missing, in words a committee member acts on. */
  message: string;
}

export const INTEGRITY_MESSAGES: Record<Exclude<Integrity, 'valid'>, string> = {
  missing: 'There is no LCOO record on this issue yet; fill it in from the LCOO panel.',
  'modified-outside-app': 'The LCOO record was modified outside the LCOO app; re-save it from the LCOO panel.',
  unreadable: "The LCOO record can't be read; re-save it from the LCOO panel.",
};

// ---------------------------------------------------------------- per-stage rules

const MSG = {
  fst: 'FST prioritization: the Functional Specialty Team has not prioritized this item yet (the FST lead records it in the LCOO panel).',
  lrc: 'Roadmap Committee prioritization: the LCOO Roadmap Committee has not prioritized this item yet (a committee member records it in the LCOO panel).',
  deliveryStream:
    "Delivery stream: choose who delivers it (the member's own community contributors, other community working groups, project teams or other contributors).",
  blueprint: 'Blueprint: link the Launchpad blueprint for this deliverable.',
  alignment: "PTL/core alignment: note the feature alignment discussion with the project's PTL or cores.",
  milestone: 'Delivery milestone: assign the release and one of its milestones (e.g. "Indri-2"), with the date its schedule gives.',
  stakeholders:
    'Stakeholder acceptance: community and LCOO stakeholders have not accepted the blueprint yet (record it in the LCOO panel).',
  lcooStakeholders:
    "LCOO stakeholder acceptance: LCOO's stakeholders have not accepted the blueprint yet (record it in the LCOO panel; the community's acceptance is read from Launchpad).",
  specReview: "Specification: link the specification review (the Gerrit change in the project's specs repository).",
  specApproved: 'Specification: the design must be approved (the specification merged) before coding starts.',
  changes: 'Code: link at least one Gerrit change under review.',
  liveChanges: 'Code: link at least one Gerrit change that is not abandoned.',
  pod: 'POD acceptance: the community and LCOO POD have not accepted the delivery yet (record it in the LCOO panel).',
  lrcTracking:
    'Delivery tracking: the LCOO Roadmap Committee has not confirmed it tracks this delivery yet (a committee member records it in the LCOO panel).',
  roadmapItem:
    "Roadmap Item: name this deliverable's Roadmap Item in the LCOO panel and save (a link made by hand in Jira does not count); the LCOO gate settings require parts of that item's checklist at this stage.",
} as const;

const AGAIN: Partial<Record<ApprovalRole, string>> = {
  'fst-prioritization': 'the FST lead must prioritize it again',
  'lrc-prioritization': 'the Roadmap Committee must prioritize it again',
  'stakeholder-acceptance': 'the stakeholders must accept it again',
  'pod-acceptance': 'the POD must accept it again',
  'lrc-tracking': 'the Roadmap Committee must confirm it again',
};

/** "Farah Stein gave it on 2026-11-20 for an earlier version (changed since: Size of effort); ..." */
function staleNote(approval: Approval, changed: readonly string[]): string {
  return `${approval.displayName || 'someone'} gave it on ${approval.at.slice(0, 10)} for an earlier version (changed since: ${changed
    .map(partLabel)
    .join(', ')}); ${AGAIN[approval.role] ?? 'it must be given again'}.`;
}

/**
 * Whether `record` carries an approval of `role` that counts (of the current content, or of an
 * earlier one where the settings allow it). Missing: the gate's own sentence, or, when the only
 * approvals were given for an earlier version, who gave one and what changed since.
 */
function needApproval(
  record: ApprovedRecord | undefined,
  role: ApprovalRole,
  config: GateConfig,
  requirement: string,
  message: string,
  out: MissingRequirement[],
): void {
  const given = (record?.approvals ?? []).filter((a) => a.role === role);
  if (given.some((a) => approvalCounts(a, record!, config.staleApprovalsCount))) return;
  const stale = given.map((a) => ({ a, state: approvalState(a, record!) })).find((x) => x.state.kind === 'stale');
  const label = message.slice(0, message.indexOf(':'));
  out.push({
    requirement,
    message: stale && stale.state.kind === 'stale' ? `${label}: ${staleNote(stale.a, stale.state.changed)}` : message,
  });
}

/** Requirement ids of the checklist items ("checklist:size"). */
const CHECKLIST_REQUIREMENT = Object.fromEntries(CHECKLIST_ITEM_IDS.map((id) => [id, `checklist:${id}`])) as Record<
  ChecklistItemId,
  string
>;

function checklistMissing(vetting: Vetting, ids: readonly ChecklistItemId[], at: ChecklistAt, out: MissingRequirement[]): void {
  for (const id of ids) {
    const message = checklistItemMissing(vetting, id, at);
    if (message !== undefined) out.push({ requirement: CHECKLIST_REQUIREMENT[id], message });
  }
}

function targetReleaseName(vetting: Vetting, calendar: ReleaseCalendar): string {
  const release = vetting.targetRelease ? releaseById(calendar, vetting.targetRelease) : undefined;
  return release ? releaseLabel(release) : 'the target release';
}

const NO_VETTING: Vetting = { schemaVersion: 2 };

/** An item passing a gate now: its checklist is read with no stage, so a target that has shipped is missing. */
function portfolioRules(stage: Stage, vetting: Vetting = NO_VETTING, config: GateConfig, at: GateTime, out: MissingRequirement[]): void {
  const now: ChecklistAt = { nowMs: at.nowMs, calendar: at.calendar };
  switch (stage) {
    case 'being-vetted':
      // "Alignment with project PTLs/cores under way": the item must say what it is, which
      // projects it touches, and show at least one conversation with them.
      checklistMissing(vetting, ['type', 'components', 'communityAlignment'], now, out);
      break;
    case 'prioritized':
      // The configured checklist (all 12 by default) comes first, then the two decisions.
      checklistMissing(vetting, requiredChecklistFor(stage, config), now, out);
      needApproval(vetting, 'fst-prioritization', config, 'approval:fst-prioritization', MSG.fst, out);
      needApproval(vetting, 'lrc-prioritization', config, 'approval:lrc-prioritization', MSG.lrc, out);
      return;
    case 'development-ready':
      checklistMissing(vetting, ['targetRelease'], now, out);
      if (!vetting.deliveryStream) out.push({ requirement: 'deliveryStream', message: MSG.deliveryStream });
      if (!(vetting.collaborators?.companies ?? []).some((c) => c.interest === 'yes' && c.people.length > 0)) {
        out.push({
          requirement: 'collaborators:committed',
          message: `Committed people: at least one member company must name who on its staff will work on this in ${targetReleaseName(vetting, at.calendar)}.`,
        });
      }
      break;
    default:
      break;
  }
  checklistMissing(vetting, requiredChecklistFor(stage, config), now, out);
}

function coreApprovalsMessage(required: number, cores: number, earlier: number): string {
  const stale =
    earlier > 0 ? ` (${earlier} more approved an earlier version of the change${earlier === 1 ? '' : 's'} and must approve again)` : '';
  const sofar = `${cores} ${cores === 1 ? 'has' : 'have'} so far${stale}`;
  return required === 1
    ? `Core approvals: a core reviewer must approve; ${sofar}.`
    : `Core approvals: ${required} different core reviewers must approve; ${sofar}.`;
}

function deliveryRules(
  stage: Stage,
  delivery: Delivery = { schemaVersion: 1 },
  config: GateConfig,
  parent: Vetting | undefined,
  parentStage: Stage | undefined,
  at: GateTime,
  out: MissingRequirement[],
): void {
  switch (stage) {
    case 'blueprint-in-progress':
      if (!delivery.blueprint) out.push({ requirement: 'delivery:blueprint', message: MSG.blueprint });
      if (!(delivery.alignment ?? []).length) out.push({ requirement: 'delivery:alignment', message: MSG.alignment });
      break;
    case 'blueprint-accepted': {
      // "Delivery date/milestone assigned": a real milestone of its release, on its date.
      const wrong = delivery.milestone ? milestoneProblem(at.calendar, delivery.milestone) : undefined;
      if (!delivery.milestone) out.push({ requirement: 'delivery:milestone', message: MSG.milestone });
      else if (wrong) out.push({ requirement: 'delivery:milestone', message: `Delivery milestone: ${wrong}` });
      // "Community and LCOO stakeholders accept". From Launchpad, the community's acceptance is the
      // blueprint "Approved" there and the hand-entered approval no longer stands for it; it still
      // records LCOO's own stakeholders' acceptance, which no upstream tool holds, so it is still needed.
      const fromLaunchpad = config.blueprintAcceptedFrom === 'launchpad';
      const stakeholders = fromLaunchpad ? MSG.lcooStakeholders : MSG.stakeholders;
      needApproval(delivery, 'stakeholder-acceptance', config, 'approval:stakeholder-acceptance', stakeholders, out);
      if (fromLaunchpad) {
        // The project team's acceptance is Launchpad's to say: the linked blueprint must be "Approved" there.
        const ref = blueprintRef(delivery.blueprint?.url);
        if (!ref) {
          out.push({
            requirement: 'delivery:blueprint',
            message: 'Blueprint: link the blueprint on Launchpad (https://blueprints.launchpad.net/<project>/+spec/<name>).',
          });
          break;
        }
        const lacks = blueprintLacks(delivery.upstream?.launchpad, ref);
        if (lacks) out.push({ requirement: 'upstream:blueprint-approved', message: `Blueprint (from Launchpad): ${lacks}.` });
      }
      break;
    }
    case 'spec-in-progress':
      if (!delivery.specification) out.push({ requirement: 'delivery:spec-review', message: MSG.specReview });
      break;
    case 'spec-accepted':
      if (config.specAcceptedFrom === 'gerrit') {
        // The "approved" box no longer counts: the spec change must be merged in Gerrit.
        const number = specChangeNumber(delivery.specification?.reviewUrl);
        if (number === undefined) {
          out.push({
            requirement: 'delivery:spec-review',
            message: 'Specification: link the specification review on review.opendev.org (the change in openstack/<project>-specs).',
          });
          break;
        }
        const lacks = specLacks(
          delivery.upstream?.gerrit?.changes.find((c) => c.number === number),
          number,
        );
        if (lacks) out.push({ requirement: 'upstream:spec-merged', message: `Specification (from Gerrit): ${lacks}.` });
        break;
      }
      if (delivery.specification?.approved !== true) out.push({ requirement: 'delivery:spec-approved', message: MSG.specApproved });
      break;
    case 'coding-in-progress':
      if (!(delivery.changes ?? []).length) out.push({ requirement: 'delivery:changes', message: MSG.changes });
      break;
    case 'code-committed': {
      if (config.codeCommittedFrom === 'gerrit') {
        gerritCodeCommitted(delivery, config.coreApprovalsRequired, out);
        break;
      }
      const cores = distinctCoreApprovals(delivery, (a) => approvalCounts(a, delivery, config.staleApprovalsCount)).length;
      if (cores < config.coreApprovalsRequired) {
        const earlier = distinctCoreApprovals(delivery).length - cores;
        out.push({
          requirement: 'approval:core-approval',
          message: coreApprovalsMessage(config.coreApprovalsRequired, cores, earlier),
        });
      }
      const live = (delivery.changes ?? []).filter((c) => c.status !== 'abandoned');
      if (live.length === 0) {
        out.push({ requirement: 'delivery:changes', message: MSG.liveChanges });
        break;
      }
      const unmerged = live.filter((c) => c.status !== 'merged').map((c) => String(c.number));
      if (unmerged.length) {
        out.push({
          requirement: 'delivery:changes-merged',
          message: `Code: every change must be merged; not merged yet: ${unmerged.join(', ')}.`,
        });
      }
      const failing = live.filter((c) => c.ci !== 'pass').map((c) => `${c.number} (${c.ci === 'fail' ? 'failed' : 'pending'})`);
      if (failing.length) {
        out.push({
          requirement: 'delivery:ci',
          message: `Automated tests: every change must pass CI; not passing: ${failing.join(', ')}.`,
        });
      }
      break;
    }
    case 'delivered':
      needApproval(delivery, 'pod-acceptance', config, 'approval:pod-acceptance', MSG.pod, out);
      // The committee's confirmation is an approval its members record, not a box any editor ticks.
      needApproval(delivery, 'lrc-tracking', config, 'approval:lrc-tracking', MSG.lrcTracking, out);
      break;
    default:
      break;
  }
  // Checklist items an admin requires at a delivery stage are read from the deliverable's
  // Roadmap Item (subject.vetting), as of the stage that item stands in: a target that shipped
  // after it passed its gate has slipped, it is not missing.
  const extra = requiredChecklistFor(stage, config);
  if (extra.length === 0) return;
  if (parent) checklistMissing(parent, extra, { nowMs: at.nowMs, calendar: at.calendar, stage: parentStage }, out);
  else out.push({ requirement: 'roadmap-item', message: MSG.roadmapItem });
}

/**
 * Code Committed "from Gerrit only": every live change the deliverable links, as Gerrit last
 * reported it, is merged, verified by Zuul and approved by `required` distinct cores. What
 * people entered (change status, CI, core approvals in the app) does not count.
 */
function gerritCodeCommitted(delivery: Delivery, required: number, out: MissingRequirement[]): void {
  const linked = (delivery.changes ?? []).map((c) => c.number);
  const evidence = delivery.upstream?.gerrit;
  if (linked.length === 0) {
    out.push({ requirement: 'delivery:changes', message: MSG.liveChanges });
    return;
  }
  if (!evidence) {
    out.push({
      requirement: 'upstream:gerrit',
      message: 'Gerrit: the changes have not been read from Gerrit yet; use "Refresh from upstream" on the LCOO panel.',
    });
    return;
  }
  const byNumber = new Map(evidence.changes.map((c) => [c.number, c]));
  const unread = linked.filter((n) => !byNumber.has(n));
  if (unread.length) {
    out.push({
      requirement: 'upstream:gerrit',
      message: `Gerrit: ${unread.length === 1 ? 'change' : 'changes'} ${unread.join(', ')} ${
        unread.length === 1 ? 'was' : 'were'
      } not found in Gerrit; check the change number or refresh from upstream.`,
    });
  }
  const live = linked.map((n) => byNumber.get(n)).filter((c): c is UpstreamChange => c !== undefined && isLiveChange(c));
  if (live.length === 0 && unread.length === 0) {
    out.push({
      requirement: 'delivery:changes',
      message: 'Code: every linked change is abandoned in Gerrit; link the change that replaced it.',
    });
    return;
  }
  const sentences = live.flatMap((c) => {
    const lacks = changeLacks(c, required);
    return lacks.length ? [changeLacksSentence(c.number, lacks)] : [];
  });
  if (sentences.length) out.push({ requirement: 'upstream:code-committed', message: `Gerrit: ${sentences.join('; ')}.` });
}

// ---------------------------------------------------------------- engine

const stagesOf = (lifecycle: LifecycleId): readonly Stage[] => (lifecycle === 'portfolio' ? PORTFOLIO_STAGES : DELIVERY_STAGES);

/**
 * The stages whose gates a move from `from` to `target` must pass: every stage after
 * `from` up to and including `target` (skipping stages is the sum of their gates). With
 * the specification step off, the two specification stages are stepped over unless one
 * of them is the target itself. Empty for the first stage and for moves back.
 */
export function gatesOnTheWay(
  lifecycle: LifecycleId,
  from: Stage | undefined,
  target: Stage,
  config: Pick<GateConfig, 'specificationStep'>,
): Stage[] {
  const stages = stagesOf(lifecycle);
  const ti = stages.indexOf(target);
  const fi = from === undefined ? 0 : stages.indexOf(from);
  if (ti <= 0 || fi < 0 || ti <= fi) return [];
  return stages.slice(fi + 1, ti + 1).filter((s) => config.specificationStep || !isSpecificationStage(s) || s === target);
}

/**
 * The approvals the gates still ahead of an item use, with the stage whose gate uses each:
 * an FST prioritization on an item that is already Development Ready would count for nothing.
 */
export function approvalsAhead(
  lifecycle: LifecycleId,
  stage: Stage | undefined,
  config: Pick<GateConfig, 'specificationStep'>,
): { role: ApprovalRole; forStage: Stage }[] {
  const stages = stagesOf(lifecycle);
  return gatesOnTheWay(lifecycle, stage, stages[stages.length - 1]!, config).flatMap((s) =>
    (GATE_APPROVALS[s] ?? []).map((role) => ({ role, forStage: s })),
  );
}

/**
 * What an item still lacks for the gates of `path` (gatesOnTheWay): the integrity of its
 * record first, then each stage's requirements, each requirement once. Decisions:
 * - The first stage of each lifecycle (Vetting Backlog, Backlog) has no gate: filing the
 *   issue is enough, whatever its record holds (its path is empty).
 * - Moving back to an earlier stage is always allowed (an empty path too).
 * - Moving forward, a record whose integrity is not `valid` never passes.
 * - Skipping stages needs the gates of every stage skipped.
 * Which move is legal and under which settings is the gate check's (src/usecases/gate-check.ts).
 */
export function missingOnTheWay(path: readonly Stage[], subject: GateSubject, config: GateConfig, at: GateTime): MissingRequirement[] {
  const missing: MissingRequirement[] = [];
  if (path.length === 0) return missing;
  if (subject.integrity !== 'valid') missing.push({ requirement: 'integrity', message: INTEGRITY_MESSAGES[subject.integrity] });
  for (const stage of path) {
    if (subject.lifecycle === 'portfolio') portfolioRules(stage, subject.vetting, config, at, missing);
    else deliveryRules(stage, subject.delivery, config, subject.vetting, subject.parentStage, at, missing);
  }
  // A configured checklist item can repeat a stage's own: keep the first of each requirement.
  for (let i = missing.length - 1; i > 0; i--) {
    const requirement = missing[i]!.requirement;
    for (let j = 0; j < i; j++) {
      if (missing[j]!.requirement === requirement) {
        missing.splice(i, 1);
        break;
      }
    }
  }
  return missing;
}
