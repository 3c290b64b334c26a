import { z } from 'zod';
import { distinctCoreApprovals, type ApprovalRole, type CoreApprovalSource } from './approvals';
import type { Delivery } from './delivery';
import {
  DELIVERY_STAGES,
  LIFECYCLES,
  LifecycleIdSchema,
  PORTFOLIO_STAGES,
  StageSchema,
  isSpecificationStage,
  lifecycleOfStage,
  type LifecycleId,
  type Stage,
} from './lifecycle';
import { looksLikeWebUrl, toTime } from './primitives';
import { releaseById, releaseLabel } from './releases';
import {
  CHECKLIST_ITEM_IDS,
  CHECKLIST_ITEM_BY_ID,
  ChecklistItemIdSchema,
  DELIVERY_STREAMS,
  checklistItemMissing,
  type ChecklistItemId,
  type Vetting,
} from './vetting';

/**
 * The stage gates: one engine for every stage of both lifecycles. The workflow validator
 * calls it on a transition, the panel calls it to show what is still missing, the
 * portfolio calls it to list blockers. The rules are the gate table of the source slide,
 * made checkable; the settings an LCOO admin may change are GateConfig.
 */

// ---------------------------------------------------------------- configuration

export const GateConfigSchema = z.object({
  /** "Need approval from two cores": how many distinct core reviewers must approve. */
  coreApprovalsRequired: z
    .number({ error: 'Core approvals required must be a number.' })
    .int({ error: 'Core approvals required must be a whole number.' })
    .min(1, { error: 'At least 1 core approval is required.' })
    .max(5, { error: 'At most 5 core approvals can be required.' })
    .default(2),
  /** Whether deliverables go through Specification In Progress / Accepted (some projects need no spec). */
  specificationStep: z.boolean({ error: 'The specification step setting must be on or off.' }).default(true),
  /**
   * Checklist items each stage requires on top of its own gate. A stage left out requires
   * none, except Prioritized, which requires all 12 unless configured otherwise.
   */
  requiredChecklist: z
    .partialRecord(StageSchema, z.array(ChecklistItemIdSchema).max(12, { error: 'A stage can require at most the 12 checklist items.' }))
    .default({}),
});
export type GateConfig = z.infer<typeof GateConfigSchema>;
export type GateConfigInput = z.input<typeof GateConfigSchema>;

export const GATE_CONFIG_BOUNDS = { coreApprovalsRequired: { min: 1, max: 5 } } as const;

export const defaultGateConfig: GateConfig = Object.freeze({
  coreApprovalsRequired: 2,
  specificationStep: true,
  requiredChecklist: Object.freeze({ prioritized: [...CHECKLIST_ITEM_IDS] }),
}) as GateConfig;

/** The checklist items a stage requires under a configuration. */
export function requiredChecklistFor(stage: Stage, config: GateConfig): readonly ChecklistItemId[] {
  // Duplicates in a configured list are harmless: missing requirements are de-duplicated.
  const configured = config.requiredChecklist[stage];
  if (configured) return configured;
  return stage === 'prioritized' ? CHECKLIST_ITEM_IDS : NONE;
}
const NONE: readonly ChecklistItemId[] = Object.freeze([]);

// ---------------------------------------------------------------- subject and result

export const INTEGRITY_STATES = ['valid', 'missing', 'modified-outside-app', 'unreadable'] as const;
export const IntegritySchema = z.enum(INTEGRITY_STATES);
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
}

export interface MissingRequirement {
  /** Stable id of the requirement ("checklist:size", "approval:core-approval", "integrity"). */
  requirement: string;
  /** What is missing, in words a committee member acts on. */
  message: string;
}

export interface GateResult {
  pass: boolean;
  missing: MissingRequirement[];
}

export const INTEGRITY_MESSAGES: Record<Exclude<Integrity, 'valid'>, string> = {
  missing: 'There is no LCOO record on this issue yet; fill it in from the LCOO panel.',
  'modified-outside-app': 'The LCOO record was modified outside the LCOO app; re-save it from the LCOO panel.',
  unreadable: "The LCOO record can't be read; re-save it from the LCOO panel.",
};

// ---------------------------------------------------------------- per-stage rules

type Loose = Record<string, unknown>;
const EMPTY_OBJ: Loose = Object.freeze({}) as Loose;
const EMPTY_ARR: readonly unknown[] = Object.freeze([]);
// Builtins captured once: under jest (a vm context) every global lookup is slow, and
// these run millions of times per portfolio load.
const isArray = Array.isArray;
const obj = (v: unknown): Loose => (v !== null && typeof v === 'object' && !isArray(v) ? (v as Loose) : EMPTY_OBJ);
const arr = (v: unknown): readonly unknown[] => (isArray(v) ? v : EMPTY_ARR);
// Imported functions and lists every gate evaluation uses, held in module constants: a
// compiled module reads an import through its exporter's binding on every use.
const isWebLink = looksLikeWebUrl;
const isSpecStage = isSpecificationStage;
const PORTFOLIO_PATH: readonly Stage[] = PORTFOLIO_STAGES;
const DELIVERY_PATH: readonly Stage[] = DELIVERY_STAGES;
const itemMissing = checklistItemMissing;

/**
 * Missing requirements are shared frozen objects where the sentence is fixed, so the
 * portfolio does not allocate one per item and blocker.
 */
const MISSING_CACHE = new Map<string, MissingRequirement>();
function missingOf(requirement: string, message: string): MissingRequirement {
  // Keyed by the sentence: fixed sentences are shared string constants whose hash V8 keeps.
  const cached = MISSING_CACHE.get(message);
  if (cached && cached.requirement === requirement) return cached;
  const m: MissingRequirement = Object.freeze({ requirement, message });
  // Fixed sentences are few; dynamic ones (change numbers) are not cached without bound.
  if (MISSING_CACHE.size < 2000) MISSING_CACHE.set(message, m);
  return m;
}

const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/** Requirement ids, built once ("checklist:size"). */
const CHECKLIST_REQUIREMENT = Object.fromEntries(CHECKLIST_ITEM_IDS.map((id) => [id, `checklist:${id}`])) as Record<
  ChecklistItemId,
  string
>;

const MSG = {
  fst: 'FST prioritization: the Functional Specialty Team has not prioritized this item yet (the FST lead records it in the LCOO panel).',
  lrc: 'Roadmap Committee prioritization: the LCOO Roadmap Committee has not prioritized this item yet (a committee member records it in the LCOO panel).',
  deliveryStream:
    "Delivery stream: choose who delivers it (the member's own community contributors, other community working groups, project teams or other contributors).",
  blueprint: 'Blueprint: link the Launchpad blueprint for this deliverable.',
  alignment: "PTL/core alignment: note the feature alignment discussion with the project's PTL or cores.",
  milestone: 'Delivery milestone: assign the release, the milestone (e.g. "Gazpacho-2") and its date.',
  stakeholders:
    'Stakeholder acceptance: community and LCOO stakeholders have not accepted the blueprint yet (record it in the LCOO panel).',
  specReview: "Specification: link the specification review (the Gerrit change in the project's specs repository).",
  specApproved: 'Specification: the design must be approved (the specification merged) before coding starts.',
  changes: 'Code: link at least one Gerrit change under review.',
  liveChanges: 'Code: link at least one Gerrit change that is not abandoned.',
  pod: 'POD acceptance: the community and LCOO POD have not accepted the delivery yet (record it in the LCOO panel).',
  lrcTracking: 'Delivery tracking: the LCOO Roadmap Committee must confirm it tracks this delivery.',
  roadmapItem:
    "Roadmap Item: link this deliverable to its Roadmap Item; the LCOO gate settings require parts of that item's checklist at this stage.",
} as const;

// The rules push what is missing into `out` (no intermediate arrays: the portfolio runs
// them for every item on every load).

function approvalMissing(record: unknown, role: ApprovalRole, message: string, out: MissingRequirement[]): void {
  if (!arr(obj(record).approvals).some((a) => obj(a).role === role && filled(obj(a).accountId))) {
    out.push(missingOf(`approval:${role}`, message));
  }
}

/** Answers "what is missing for checklist item X" (the portfolio passes a memo of these). */
export type ChecklistLookup = (vetting: unknown, id: ChecklistItemId, nowMs: number) => string | undefined;

function checklistMissing(
  vetting: unknown,
  ids: readonly ChecklistItemId[],
  nowMs: number,
  lookup: ChecklistLookup,
  out: MissingRequirement[],
): void {
  for (const id of ids) {
    const missing = lookup(vetting, id, nowMs);
    if (missing !== undefined) out.push(missingOf(CHECKLIST_REQUIREMENT[id], missing));
  }
}

function targetReleaseName(vetting: unknown): string {
  const r = releaseById(String(obj(vetting).targetRelease ?? ''));
  return r ? releaseLabel(r) : 'the target release';
}

const BEING_VETTED_ITEMS: readonly ChecklistItemId[] = ['type', 'components', 'communityAlignment'];
const DEVELOPMENT_READY_ITEMS: readonly ChecklistItemId[] = ['targetRelease'];
const staffedCompany = (c: unknown) => obj(c).interest === 'yes' && arr(obj(c).people).some((p) => filled(obj(p).name));

function portfolioRules(
  stage: Stage,
  vetting: unknown,
  config: GateConfig,
  nowMs: number,
  lookup: ChecklistLookup,
  out: MissingRequirement[],
): void {
  switch (stage) {
    case 'being-vetted':
      // "Alignment with project PTLs/cores under way": the item must say what it is,
      // which projects it touches, and show at least one conversation with them.
      checklistMissing(vetting, BEING_VETTED_ITEMS, nowMs, lookup, out);
      break;
    case 'prioritized':
      // The configured checklist (all 12 by default) comes first, then the two decisions.
      checklistMissing(vetting, requiredChecklistFor(stage, config), nowMs, lookup, out);
      approvalMissing(vetting, 'fst-prioritization', MSG.fst, out);
      approvalMissing(vetting, 'lrc-prioritization', MSG.lrc, out);
      return;
    case 'development-ready': {
      checklistMissing(vetting, DEVELOPMENT_READY_ITEMS, nowMs, lookup, out);
      const v = obj(vetting);
      if (!(DELIVERY_STREAMS as readonly unknown[]).includes(v.deliveryStream)) out.push(missingOf('deliveryStream', MSG.deliveryStream));
      if (!arr(obj(v.collaborators).companies).some(staffedCompany)) {
        out.push(
          missingOf(
            'collaborators:committed',
            `Committed people: at least one member company must name who on its staff will work on this in ${targetReleaseName(vetting)}.`,
          ),
        );
      }
      break;
    }
    default:
      break;
  }
  checklistMissing(vetting, requiredChecklistFor(stage, config), nowMs, lookup, out);
}

function deliveryRules(
  stage: Stage,
  delivery: unknown,
  config: GateConfig,
  vetting: unknown,
  nowMs: number,
  lookup: ChecklistLookup,
  out: MissingRequirement[],
): void {
  const d = obj(delivery);
  switch (stage) {
    case 'blueprint-in-progress':
      if (!isWebLink(obj(d.blueprint).url)) out.push(missingOf('delivery:blueprint', MSG.blueprint));
      if (!arr(d.alignment).some((n) => filled(obj(n).notes))) out.push(missingOf('delivery:alignment', MSG.alignment));
      break;
    case 'blueprint-accepted': {
      const m = obj(d.milestone);
      if (!(filled(m.releaseId) && filled(m.label) && filled(m.date))) out.push(missingOf('delivery:milestone', MSG.milestone));
      approvalMissing(delivery, 'stakeholder-acceptance', MSG.stakeholders, out);
      break;
    }
    case 'spec-in-progress':
      if (!isWebLink(obj(d.specification).reviewUrl)) out.push(missingOf('delivery:spec-review', MSG.specReview));
      break;
    case 'spec-accepted':
      if (obj(d.specification).approved !== true) out.push(missingOf('delivery:spec-approved', MSG.specApproved));
      break;
    case 'coding-in-progress':
      if (!arr(d.changes).some((c) => isWebLink(obj(c).url))) out.push(missingOf('delivery:changes', MSG.changes));
      break;
    case 'code-committed': {
      const changes = arr(d.changes).map(obj);
      const live = changes.filter((c) => c.status !== 'abandoned');
      const cores = distinctCoreApprovals(d as CoreApprovalSource).length;
      if (cores < config.coreApprovalsRequired) {
        out.push(
          missingOf(
            'approval:core-approval',
            config.coreApprovalsRequired === 1
              ? `Core approvals: a core reviewer must approve; ${cores} ${cores === 1 ? 'has' : 'have'} so far.`
              : `Core approvals: ${config.coreApprovalsRequired} different core reviewers must approve; ${cores} ${cores === 1 ? 'has' : 'have'} so far.`,
          ),
        );
      }
      if (live.length === 0) {
        out.push(missingOf('delivery:changes', MSG.liveChanges));
      } else {
        const unmerged = live.filter((c) => c.status !== 'merged').map((c) => String(c.number));
        if (unmerged.length) {
          out.push(missingOf('delivery:changes-merged', `Code: every change must be merged; not merged yet: ${unmerged.join(', ')}.`));
        }
        const failing = live.filter((c) => c.ci !== 'pass').map((c) => `${String(c.number)} (${c.ci === 'fail' ? 'failed' : 'pending'})`);
        if (failing.length) {
          out.push(missingOf('delivery:ci', `Automated tests: every change must pass CI; not passing: ${failing.join(', ')}.`));
        }
      }
      break;
    }
    case 'delivered':
      approvalMissing(delivery, 'pod-acceptance', MSG.pod, out);
      if (obj(d.lrcTracking).tracked !== true) out.push(missingOf('delivery:lrc-tracking', MSG.lrcTracking));
      break;
    default:
      break;
  }
  // Checklist items an admin requires at a delivery stage are read from the deliverable's
  // Roadmap Item (the caller passes its vetting as subject.vetting).
  const extra = requiredChecklistFor(stage, config);
  if (extra.length === 0) return;
  if (vetting === undefined || vetting === null) out.push(missingOf('roadmap-item', MSG.roadmapItem));
  else checklistMissing(vetting, extra, nowMs, lookup, out);
}

// ---------------------------------------------------------------- engine

function fail(requirement: string, message: string): GateResult {
  return { pass: false, missing: [{ requirement, message }] };
}

function stagesOf(lifecycle: LifecycleId): readonly Stage[] {
  return lifecycle === 'portfolio' ? PORTFOLIO_PATH : DELIVERY_PATH;
}

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
  return stages.slice(fi + 1, ti + 1).filter((s) => config.specificationStep || !isSpecStage(s) || s === target);
}

/**
 * gatesOnTheWay between stages of the lifecycle, computed once per lifecycle, specification
 * step, from and target (the portfolio asks for every item): [portfolio?][specificationStep?].
 */
const PATHS: Map<Stage | undefined, Map<Stage, readonly Stage[]>>[] = [new Map(), new Map(), new Map(), new Map()];
function pathOnTheWay(
  lifecycle: LifecycleId,
  from: Stage | undefined,
  target: Stage,
  config: Pick<GateConfig, 'specificationStep'>,
): readonly Stage[] {
  const byFrom = PATHS[(lifecycle === 'portfolio' ? 2 : 0) + (config.specificationStep ? 1 : 0)]!;
  const cached = byFrom.get(from)?.get(target);
  if (cached) return cached;
  const path = gatesOnTheWay(lifecycle, from, target, config);
  // Only real stages are kept, so the cache stays as small as the lifecycles.
  const stages = stagesOf(lifecycle);
  if ((from === undefined || stages.includes(from)) && stages.includes(target)) {
    let byTarget = byFrom.get(from);
    if (!byTarget) {
      byTarget = new Map();
      byFrom.set(from, byTarget);
    }
    byTarget.set(target, Object.freeze(path));
  }
  return path;
}

/**
 * evaluateGate without input validation: for callers that already hold parsed values.
 * `checklist` may answer checklist questions from a memo (the portfolio computes each
 * item's checklist once for both its completeness and its blockers).
 */
export function evaluateGateTrusted(
  target: Stage,
  subject: GateSubject,
  config: GateConfig,
  nowMs: number,
  checklist: ChecklistLookup = itemMissing,
): GateResult {
  const path = pathOnTheWay(subject.lifecycle, subject.from, target, config);
  if (path.length === 0) return { pass: true, missing: [] };
  const missing: MissingRequirement[] = [];
  if (subject.integrity !== 'valid') missing.push(missingOf('integrity', INTEGRITY_MESSAGES[subject.integrity]));
  for (const stage of path) {
    if (subject.lifecycle === 'portfolio') portfolioRules(stage, subject.vetting, config, nowMs, checklist, missing);
    else deliveryRules(stage, subject.delivery, config, subject.vetting, nowMs, checklist, missing);
  }
  const unique = dedupe(missing);
  return { pass: unique.length === 0, missing: unique };
}

/** Drops repeated requirements (a configured checklist item can repeat a stage's own). */
function dedupe(list: MissingRequirement[]): MissingRequirement[] {
  // Lists are short (at most a few dozen): a scan without allocation beats a Set here.
  let duplicate = false;
  for (let i = 1; i < list.length && !duplicate; i++) {
    for (let j = 0; j < i; j++) {
      if (list[j]!.requirement === list[i]!.requirement) {
        duplicate = true;
        break;
      }
    }
  }
  if (!duplicate) return list;
  const seen = new Set<string>();
  return list.filter((m) => (seen.has(m.requirement) ? false : (seen.add(m.requirement), true)));
}

const SubjectShapeSchema = z.object({
  lifecycle: LifecycleIdSchema,
  from: StageSchema.optional(),
  integrity: IntegritySchema,
});

/**
 * Whether an item may enter `target`, and if not, everything that is missing. Decisions:
 * - The first stage of each lifecycle (Vetting Backlog, Backlog) has no gate: filing the
 *   issue is enough, whatever its record holds.
 * - Moving back to an earlier stage is always allowed (re-grooming is part of the process).
 * - Moving forward, a record whose integrity is not `valid` never passes.
 * - Skipping stages needs the gates of every stage skipped.
 * Never throws: bad input fails with a message instead.
 */
export function evaluateGate(
  target: Stage,
  subject: GateSubject,
  config: GateConfig | GateConfigInput,
  now: Date | number | string,
): GateResult {
  try {
    const t = StageSchema.safeParse(target);
    if (!t.success) return fail('input', `"${safeString(target)}" is not an LCOO stage.`);
    const s = SubjectShapeSchema.safeParse(subject);
    if (!s.success) {
      return fail('input', 'The issue could not be checked: its lifecycle, stage or record state is missing or unknown.');
    }
    const lifecycle = s.data.lifecycle;
    if (lifecycleOfStage(t.data) !== lifecycle) {
      return fail(
        'input',
        `${LIFECYCLES[lifecycle].issueTypeName} issues can't move to "${safeString(target)}": it belongs to the other lifecycle.`,
      );
    }
    if (s.data.from !== undefined && lifecycleOfStage(s.data.from) !== lifecycle) {
      return fail('input', `The current stage "${s.data.from}" is not part of the ${LIFECYCLES[lifecycle].name}.`);
    }
    const c = GateConfigSchema.safeParse(config ?? {});
    if (!c.success) {
      return fail(
        'config',
        `The LCOO gate settings are not valid (${c.error.issues[0]?.message ?? 'unknown problem'}); an LCOO admin must fix them on the admin page.`,
      );
    }
    const nowMs = toTime(now);
    if (Number.isNaN(nowMs)) return fail('input', "The issue could not be checked: today's date is missing.");
    const raw = subject as unknown as Loose;
    return evaluateGateTrusted(
      t.data,
      {
        lifecycle,
        integrity: s.data.integrity,
        vetting: raw.vetting as Vetting | undefined,
        delivery: raw.delivery as Delivery | undefined,
        ...(s.data.from ? { from: s.data.from } : {}),
      },
      c.data,
      nowMs,
    );
  } catch {
    return fail('input', 'The issue could not be checked because its LCOO data is malformed; re-save it from the LCOO panel.');
  }
}

function safeString(v: unknown): string {
  try {
    return typeof v === 'string' ? v.slice(0, 80) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : typeof v;
  } catch {
    return 'unknown';
  }
}

/**
 * What each later stage needs from where the item is now: the panel's readiness list.
 * One entry per stage after `subject.from` (cumulative), stepping over the specification
 * stages when that step is off.
 */
export function readiness(
  subject: GateSubject,
  config: GateConfig | GateConfigInput,
  now: Date | number | string,
): { target: Stage; pass: boolean; missing: MissingRequirement[] }[] {
  const parsed = GateConfigSchema.safeParse(config ?? {});
  const cfg = parsed.success ? parsed.data : defaultGateConfig;
  const lifecycle = LifecycleIdSchema.safeParse(subject?.lifecycle);
  if (!lifecycle.success) return [];
  const stages = stagesOf(lifecycle.data);
  const fi = subject.from ? stages.indexOf(subject.from) : 0;
  return stages
    .slice(Math.max(fi, 0) + 1)
    .filter((s) => cfg.specificationStep || !isSpecificationStage(s))
    .map((target) => ({ target, ...evaluateGate(target, subject, cfg, now) }));
}

/** The checklist item a requirement id names, if any ("checklist:size" -> size). */
export function checklistItemOfRequirement(requirement: string): ChecklistItemId | undefined {
  const m = /^checklist:(.+)$/.exec(requirement);
  const id = m?.[1];
  return id && id in CHECKLIST_ITEM_BY_ID ? (id as ChecklistItemId) : undefined;
}
