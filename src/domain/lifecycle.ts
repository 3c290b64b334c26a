import { z } from 'zod';

/**
 * The two LCOO lifecycles ("Roadmap/Scope Process Flow - Two Layers", slide 7 of the
 * LCOO OpenStack Roadmap Coordination Proposal) as data. Provisioning builds the Jira
 * statuses and workflows from this table, the workflow validator and the panel read the
 * gate descriptions and roles from it, so it is the one place the process is written down.
 */

export const PORTFOLIO_STAGES = ['vetting-backlog', 'being-vetted', 'prioritized', 'development-ready'] as const;
export const DELIVERY_STAGES = [
  'backlog',
  'blueprint-in-progress',
  'blueprint-accepted',
  'spec-in-progress',
  'spec-accepted',
  'coding-in-progress',
  'code-committed',
  'delivered',
] as const;
export const STAGES = [...PORTFOLIO_STAGES, ...DELIVERY_STAGES] as const;

export const PortfolioStageSchema = z.enum(PORTFOLIO_STAGES);
export const DeliveryStageSchema = z.enum(DELIVERY_STAGES);
export const StageSchema = z.enum(STAGES);
export type PortfolioStage = z.infer<typeof PortfolioStageSchema>;
export type DeliveryStage = z.infer<typeof DeliveryStageSchema>;
export type Stage = z.infer<typeof StageSchema>;

export const LifecycleIdSchema = z.enum(['portfolio', 'delivery']);
export type LifecycleId = z.infer<typeof LifecycleIdSchema>;

export type StatusCategory = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface StageDef {
  id: Stage;
  /** The Jira status name: the contract with the provisioned workflow. */
  statusName: string;
  category: StatusCategory;
  /** What must be true for an item to be in this stage, in the committee's words. */
  gate: string;
  /** Who acts in this stage (the "Key Roles" of the source slide). */
  roles: string[];
}

export interface Transition {
  from: Stage;
  to: Stage;
  /**
   * Set on transitions that exist in the Jira workflow but are only usable under a gate
   * setting: Blueprint Accepted -> Coding In Progress is only allowed when the
   * specification step is switched off. The workflow always carries it (so switching the
   * setting needs no workflow change); the stage-gate validator refuses it while the
   * specification step is on.
   */
  onlyWhen?: 'specification-step-off';
}

export interface Lifecycle {
  id: LifecycleId;
  name: string;
  issueTypeName: string;
  workflowName: string;
  stages: StageDef[];
  transitions: Transition[];
}

/** The part of the gate configuration the lifecycle needs (GateConfig satisfies it). */
export interface LifecycleOptions {
  specificationStep: boolean;
}

const FST = 'Functional Specialty Teams';
const DELIVERY_STAKEHOLDERS = 'Delivery stakeholders';
const LRC = 'LCOO Roadmap Committee';

const PORTFOLIO_STAGE_DEFS: StageDef[] = [
  {
    id: 'vetting-backlog',
    statusName: 'Vetting Backlog',
    category: 'TODO',
    gate: 'Proposal filed (an enhancement, a significant bug fix or the open-sourcing of a new project).',
    roles: [FST],
  },
  {
    id: 'being-vetted',
    statusName: 'Being Vetted / Groomed',
    category: 'IN_PROGRESS',
    gate: 'Alignment with the project PTLs/cores under way (IRC, email, Design Summit, mid-cycles).',
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'prioritized',
    statusName: 'Prioritized',
    category: 'IN_PROGRESS',
    gate: 'Vetting checklist complete; prioritized by the Functional Specialty Team, then by the Roadmap Committee.',
    roles: [FST, LRC, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'development-ready',
    statusName: 'Development Ready',
    category: 'DONE',
    gate: 'Assigned to an OpenStack release for delivery; delivery stream determined.',
    roles: [FST, LRC, DELIVERY_STAKEHOLDERS],
  },
];

const DELIVERY_STAGE_DEFS: StageDef[] = [
  {
    id: 'backlog',
    statusName: 'Backlog',
    category: 'TODO',
    gate: 'Awaiting development; further grooming.',
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'blueprint-in-progress',
    statusName: 'Blueprint In Progress',
    category: 'IN_PROGRESS',
    gate: "Feature alignment with the project's PTL/cores; initial design vetting.",
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'blueprint-accepted',
    statusName: 'Blueprint Accepted',
    category: 'IN_PROGRESS',
    gate: 'Delivery date/milestone assigned; community and LCOO stakeholders accept.',
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'spec-in-progress',
    statusName: 'Specification In Progress',
    category: 'IN_PROGRESS',
    gate: "Design alignment with the project's PTL/cores.",
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'spec-accepted',
    statusName: 'Specification Accepted',
    category: 'IN_PROGRESS',
    gate: 'Design approved; ready for coding.',
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'coding-in-progress',
    statusName: 'Coding In Progress',
    category: 'IN_PROGRESS',
    gate: 'Meets the acceptance criteria; community tools and procedures used (changes in Gerrit).',
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'code-committed',
    statusName: 'Code Committed',
    category: 'IN_PROGRESS',
    gate: 'Approval from two cores; all automated tests pass.',
    roles: [FST, DELIVERY_STAKEHOLDERS],
  },
  {
    id: 'delivered',
    statusName: 'Delivered',
    category: 'DONE',
    gate: 'Community and LCOO POD acceptance; delivery tracked (Roadmap Committee involved).',
    roles: [FST, LRC, DELIVERY_STAKEHOLDERS],
  },
];

/** Forward one step, and back to any earlier stage (re-grooming is always allowed). */
function linearTransitions(stages: readonly StageDef[]): Transition[] {
  const forward: Transition[] = [];
  const back: Transition[] = [];
  stages.forEach((from, i) => {
    const next = stages[i + 1];
    if (next) forward.push({ from: from.id, to: next.id });
    for (let j = 0; j < i; j++) {
      const to = stages[j];
      if (to) back.push({ from: from.id, to: to.id });
    }
  });
  return [...forward, ...back];
}

export const LIFECYCLES: Record<LifecycleId, Lifecycle> = {
  portfolio: {
    id: 'portfolio',
    name: 'Roadmap / Scope Vetting Lifecycle',
    issueTypeName: 'Roadmap Item',
    workflowName: 'LCOO Roadmap Item Lifecycle',
    stages: PORTFOLIO_STAGE_DEFS,
    transitions: linearTransitions(PORTFOLIO_STAGE_DEFS),
  },
  delivery: {
    id: 'delivery',
    name: 'OpenStack Upstream Delivery Lifecycle',
    issueTypeName: 'Upstream Deliverable',
    workflowName: 'LCOO Upstream Delivery Lifecycle',
    stages: DELIVERY_STAGE_DEFS,
    transitions: [
      ...linearTransitions(DELIVERY_STAGE_DEFS),
      { from: 'blueprint-accepted', to: 'coding-in-progress', onlyWhen: 'specification-step-off' },
    ],
  },
};

const STAGE_DEF_BY_ID = new Map<Stage, StageDef>([...PORTFOLIO_STAGE_DEFS, ...DELIVERY_STAGE_DEFS].map((s) => [s.id, s]));

/** Lower case, single spaces, no spaces around slashes: "Being Vetted/Groomed" == "being vetted / groomed". */
function normalizeStatusName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ');
}

const STAGE_BY_STATUS = new Map<string, Stage>();
for (const def of STAGE_DEF_BY_ID.values()) STAGE_BY_STATUS.set(normalizeStatusName(def.statusName), def.id);
// Names the source slide uses for the same statuses, so a hand-built workflow still maps.
STAGE_BY_STATUS.set(normalizeStatusName('Being Vetted'), 'being-vetted');
STAGE_BY_STATUS.set(normalizeStatusName('Backlog / To Do'), 'backlog');
STAGE_BY_STATUS.set(normalizeStatusName('Blueprint / In Progress'), 'blueprint-in-progress');

export function stageDef(stage: Stage): StageDef {
  const def = STAGE_DEF_BY_ID.get(stage);
  if (!def) throw new Error(`Unknown LCOO stage "${String(stage)}".`);
  return def;
}

/** The stage a Jira status stands for, or undefined for a status outside both lifecycles. */
export function stageByStatusName(name: string): Stage | undefined {
  if (typeof name !== 'string') return undefined;
  return STAGE_BY_STATUS.get(normalizeStatusName(name));
}

/** Which lifecycle an issue type follows: undefined for every other issue type. */
export function lifecycleOfIssueType(name: string): LifecycleId | undefined {
  if (typeof name !== 'string') return undefined;
  const n = name.trim().toLowerCase();
  for (const lc of Object.values(LIFECYCLES)) if (lc.issueTypeName.toLowerCase() === n) return lc.id;
  return undefined;
}

export function lifecycleOfStage(stage: Stage): LifecycleId {
  return (PORTFOLIO_STAGES as readonly string[]).includes(stage) ? 'portfolio' : 'delivery';
}

export function firstStage(lifecycle: LifecycleId): Stage {
  return lifecycle === 'portfolio' ? 'vetting-backlog' : 'backlog';
}

/** 0-based position of a stage within its own lifecycle. */
export function stageIndex(stage: Stage): number {
  const list: readonly string[] = lifecycleOfStage(stage) === 'portfolio' ? PORTFOLIO_STAGES : DELIVERY_STAGES;
  return list.indexOf(stage);
}

/** Whether a stage is one of the two optional specification stages. */
export function isSpecificationStage(stage: Stage): boolean {
  return stage === 'spec-in-progress' || stage === 'spec-accepted';
}

/**
 * The stage an item moves to next: undefined at the end of a lifecycle. With the
 * specification step off, Blueprint Accepted leads straight to Coding In Progress.
 */
export function nextStage(stage: Stage, options: LifecycleOptions = { specificationStep: true }): Stage | undefined {
  if (stage === 'blueprint-accepted' && options.specificationStep === false) return 'coding-in-progress';
  const lc = LIFECYCLES[lifecycleOfStage(stage)];
  const i = lc.stages.findIndex((s) => s.id === stage);
  return lc.stages[i + 1]?.id;
}

/** The transitions usable under the given settings (what the stage-gate validator allows). */
function transitionsFor(lifecycle: LifecycleId, options: LifecycleOptions): Transition[] {
  return LIFECYCLES[lifecycle].transitions.filter((t) => t.onlyWhen !== 'specification-step-off' || options.specificationStep === false);
}

export function isTransitionAllowed(from: Stage, to: Stage, options: LifecycleOptions): boolean {
  return transitionsFor(lifecycleOfStage(from), options).some((t) => t.from === from && t.to === to);
}
