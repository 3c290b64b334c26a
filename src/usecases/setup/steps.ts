// The setup steps: each looks at Jira first and only creates what is missing, so running
// setup again creates nothing and a run after a failure carries on where it stopped. No
// Forge module can create issue types, statuses or workflows, so it is done through REST
// (src/jira/workflows.ts); what a step decides and how it words a refusal lives here.
import { AppError } from '../../contract/envelope';
import type { SetupStepId } from '../../contract/admin';
import { SETUP_STEP_IDS } from '../../contract/admin';
import { LIFECYCLES, type LifecycleId, type Stage } from '../../domain/lifecycle';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { createIssueLinkType, DELIVERY_LINK_TYPE, findDeliveryLinkType } from '../../jira/issue-links';
import { FORGE_VALIDATOR_RULE_KEY, gatedStages, workflowCreatePayload, type KnownStatus } from '../../jira/lcoo-workflows';
import type { TaskOutcome } from '../../jira/tasks';
import {
  addIssueTypesToScheme,
  assignWorkflowScheme,
  createIssueType,
  createStatuses,
  createWorkflowScheme,
  createWorkflows,
  findWorkflowByName,
  findWorkflowSchemeByName,
  getProject,
  getWorkflowScheme,
  getWorkflowSchemeOrDraft,
  isCompanyManaged,
  projectIssueTypeIds,
  listIssueTypes,
  listStatuses,
  projectIssueTypeScheme,
  projectWorkflowScheme,
  publishWorkflowSchemeDraft,
  updateWorkflowSchemeMappings,
  switchProjectWorkflowScheme,
  validateWorkflowCreate,
  type JiraWorkflow,
  type JiraWorkflowScheme,
} from '../../jira/workflows';
import { recordStatusStages } from '../../storage/status-stages';

export const WORKFLOW_SCHEME_NAME = 'LCOO Roadmap Workflow Scheme';
/** Jira's built-in workflow; what unmapped issue types follow in a new scheme. */
const JIRA_DEFAULT_WORKFLOW = 'jira';

const ISSUE_TYPE_DESCRIPTIONS: Record<LifecycleId, string> = {
  portfolio:
    'An LCOO roadmap proposal: an enhancement, a significant bug fix or the open-sourcing of a new project, vetted by the FSTs and the LCOO Roadmap Committee.',
  delivery: 'One piece of upstream OpenStack work (blueprint, specification, code) that delivers an LCOO roadmap item.',
};

export const STEP_LABELS: Record<SetupStepId, string> = {
  project: 'Company-managed project',
  'issue-types': 'Issue types Roadmap Item and Upstream Deliverable',
  statuses: 'Statuses of both lifecycles',
  'workflow-portfolio': `Workflow "${LIFECYCLES.portfolio.workflowName}"`,
  'workflow-delivery': `Workflow "${LIFECYCLES.delivery.workflowName}"`,
  'workflow-scheme': `Workflow scheme "${WORKFLOW_SCHEME_NAME}"`,
  'issue-type-scheme': "Issue types in the project's issue type scheme",
  'project-workflow-scheme': 'Workflow scheme used by the project',
  'issue-link-type': `Issue link type "${DELIVERY_LINK_TYPE.name}" between a Roadmap Item and its deliverables`,
};

/** What earlier steps found or created, handed to the later ones. */
export interface Outputs {
  projectId?: string;
  issueTypeIds: Partial<Record<LifecycleId, string>>;
  statuses: Partial<Record<Stage, KnownStatus>>;
  /** Reused statuses whose category differs from the process's, said in the step's detail. */
  statusNote?: string;
  workflowSchemeId?: number;
  workflowScheme?: JiraWorkflowScheme;
  issueTypeSchemeId?: string;
}

export interface StepContext {
  client: JiraClient;
  projectKey: string;
  /** The stage-gate validator's extension ARI (parameters.key of the rule). */
  ari: string;
  out: Outputs;
  created: string[];
}

interface Inspection {
  satisfied: boolean;
  detail: string;
}

export interface Step {
  id: SetupStepId;
  /** What the step does, for error messages ("create the statuses"). */
  doing: string;
  /** Reads Jira and fills `out` with what exists; never writes to Jira (it may record the status map in KVS). */
  inspect(ctx: StepContext): Promise<Inspection>;
  /** Creates what inspect found missing; returns what it did. */
  apply(ctx: StepContext): Promise<string>;
}

const norm = (s: string) => s.trim().toLowerCase();
const list = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

// ---------------------------------------------------------------- steps

const projectStep: Step = {
  id: 'project',
  doing: 'read the project',
  async inspect(ctx) {
    let project;
    try {
      project = await getProject(ctx.client, ctx.projectKey);
    } catch (err) {
      if (err instanceof JiraError && err.status === 404) {
        throw new AppError('NOT_FOUND', `There is no project with the key ${ctx.projectKey} (or the app cannot see it). Check the key.`);
      }
      throw err;
    }
    if (!isCompanyManaged(project)) {
      throw new AppError(
        'BAD_REQUEST',
        `${project.key} is a team-managed project. Workflow validators only work in company-managed projects: choose a company-managed project.`,
      );
    }
    ctx.out.projectId = project.id;
    return { satisfied: true, detail: `${project.key}${project.name ? ` (${project.name})` : ''} is company-managed.` };
  },
  apply() {
    return Promise.resolve('Nothing to create.');
  },
};

async function findIssueTypes(ctx: StepContext) {
  const all = await listIssueTypes(ctx.client);
  const found: Partial<Record<LifecycleId, string>> = {};
  const problems: string[] = [];
  for (const lc of Object.values(LIFECYCLES)) {
    // Team-managed projects' types carry a scope; they are not usable by a company-managed project.
    const matches = all.filter((t) => norm(t.name) === norm(lc.issueTypeName) && t.scope === undefined);
    const usable = matches.find((t) => (t.hierarchyLevel ?? 0) === 0);
    if (usable) found[lc.id] = usable.id;
    else if (matches.length > 0) {
      problems.push(
        `An issue type named "${lc.issueTypeName}" already exists but is not a standard issue type (hierarchy level ${String(matches[0]?.hierarchyLevel)}). Rename it in Jira settings > Issue types, then resume.`,
      );
    }
  }
  return { found, problems };
}

const issueTypesStep: Step = {
  id: 'issue-types',
  doing: 'create the issue types',
  async inspect(ctx) {
    const { found, problems } = await findIssueTypes(ctx);
    if (problems.length > 0) throw new AppError('CONFLICT', problems.join(' '));
    ctx.out.issueTypeIds = found;
    const missing = Object.values(LIFECYCLES)
      .filter((lc) => !found[lc.id])
      .map((lc) => lc.issueTypeName);
    const present = Object.values(LIFECYCLES)
      .filter((lc) => found[lc.id])
      .map((lc) => lc.issueTypeName);
    if (missing.length === 0) return { satisfied: true, detail: `Both exist (${list(present)}).` };
    return {
      satisfied: false,
      detail: `Will create ${list(missing)}${present.length ? `; ${list(present)} exists and is reused` : ''}.`,
    };
  },
  async apply(ctx) {
    const made: string[] = [];
    for (const lc of Object.values(LIFECYCLES)) {
      if (ctx.out.issueTypeIds[lc.id]) continue;
      const created = await createIssueType(ctx.client, {
        name: lc.issueTypeName,
        description: ISSUE_TYPE_DESCRIPTIONS[lc.id],
        hierarchyLevel: 0,
      });
      ctx.out.issueTypeIds[lc.id] = created.id;
      made.push(lc.issueTypeName);
      ctx.created.push(`issue type "${lc.issueTypeName}"`);
    }
    return `Created ${list(made)}.`;
  },
};

const allStageDefs = () => [...LIFECYCLES.portfolio.stages, ...LIFECYCLES.delivery.stages];

const statusesStep: Step = {
  id: 'statuses',
  doing: 'create the statuses',
  async inspect(ctx) {
    const all = await listStatuses(ctx.client);
    // Only global statuses can go into a company-managed workflow.
    const global = all.filter((s) => s.scope === undefined || s.scope.type === 'GLOBAL');
    const found: Partial<Record<Stage, KnownStatus>> = {};
    const reusedOtherCategory: string[] = [];
    for (const def of allStageDefs()) {
      const candidates = global.filter((s) => norm(s.name) === norm(def.statusName));
      const hit = candidates.find((s) => s.statusCategory === def.category) ?? candidates[0];
      if (!hit) continue;
      found[def.id] = { id: hit.id, name: hit.name, category: hit.statusCategory ?? def.category };
      if (hit.statusCategory && hit.statusCategory !== def.category) reusedOtherCategory.push(`${def.statusName} (${hit.statusCategory})`);
    }
    ctx.out.statuses = found;
    const defs = allStageDefs();
    const missing = defs.filter((d) => !found[d.id]).map((d) => d.statusName);
    const reused = defs.length - missing.length;
    ctx.out.statusNote = reusedOtherCategory.length
      ? ` Reused with another category than the LCOO process expects: ${reusedOtherCategory.join(', ')}.`
      : '';
    if (missing.length === 0) {
      await recordStatusStages(idsOf(found));
      return { satisfied: true, detail: `All ${defs.length} exist.${ctx.out.statusNote}` };
    }
    return {
      satisfied: false,
      detail: `Will create ${missing.length}: ${list(missing)}${reused ? `; ${reused} exist and are reused` : ''}.${ctx.out.statusNote}`,
    };
  },
  async apply(ctx) {
    const missing = allStageDefs().filter((d) => !ctx.out.statuses[d.id]);
    const reused = allStageDefs().length - missing.length;
    const created = await createStatuses(
      ctx.client,
      missing.map((d) => ({ name: d.statusName, statusCategory: d.category, description: `LCOO stage: ${d.gate}` })),
    );
    for (const d of missing) {
      const hit = created.find((s) => norm(s.name) === norm(d.statusName));
      if (!hit) {
        throw new AppError('JIRA_ERROR', `Jira did not return the new status "${d.statusName}"; run setup again to pick it up.`);
      }
      ctx.out.statuses[d.id] = { id: hit.id, name: hit.name, category: hit.statusCategory ?? d.category };
      ctx.created.push(`status "${d.statusName}"`);
    }
    await recordStatusStages(idsOf(ctx.out.statuses));
    return `Created ${missing.length}: ${list(missing.map((d) => d.statusName))}${reused ? `; reused ${reused}` : ''}.${ctx.out.statusNote ?? ''}`;
  },
};

const idsOf = (statuses: Partial<Record<Stage, KnownStatus>>): Partial<Record<Stage, string>> =>
  Object.fromEntries(Object.entries(statuses).map(([stage, s]) => [stage, s.id]));

/** Gated stages whose forward transition lacks this app's validator. */
function ungatedStages(
  found: { workflow: JiraWorkflow; statusIdOf(ref: string): string },
  lifecycle: LifecycleId,
  ari: string,
  statuses: Partial<Record<Stage, KnownStatus>>,
): Stage[] {
  return gatedStages(lifecycle).filter((stage) => {
    const id = statuses[stage]?.id;
    const into = found.workflow.transitions.filter((t) => {
      const ref = t.toStatusReference;
      return ref !== undefined && (ref === stage || (id !== undefined && found.statusIdOf(ref) === id));
    });
    return !into.some((t) => t.validators.some((v) => v.ruleKey === FORGE_VALIDATOR_RULE_KEY && v.parameters?.key === ari));
  });
}

function workflowStep(lifecycle: LifecycleId): Step {
  const lc = LIFECYCLES[lifecycle];
  return {
    id: lifecycle === 'portfolio' ? 'workflow-portfolio' : 'workflow-delivery',
    doing: `create the workflow "${lc.workflowName}"`,
    async inspect(ctx) {
      const existing = await findWorkflowByName(ctx.client, lc.workflowName);
      if (!existing) {
        return {
          satisfied: false,
          detail: `Will create it with ${lc.stages.length} statuses and the LCOO stage gate on every move forward (${gatedStages(lifecycle).length} gated transitions); moves back stay open.`,
        };
      }
      const ungated = ungatedStages(existing, lifecycle, ctx.ari, ctx.out.statuses);
      if (ungated.length > 0) {
        throw new AppError(
          'CONFLICT',
          `A workflow named "${lc.workflowName}" exists, but the moves into ${ungated.length === 1 ? 'the stage' : `${ungated.length} stages`} ${ungated.join(', ')} do not carry this app's LCOO stage gate. ` +
            'Add the "LCOO stage gate" validator to those transitions in the workflow editor, or rename that workflow so setup can create a fresh one; then resume.',
        );
      }
      return { satisfied: true, detail: `Exists, with the LCOO stage gate on all ${gatedStages(lifecycle).length} moves forward.` };
    },
    async apply(ctx) {
      const payload = workflowCreatePayload(lifecycle, ctx.out.statuses, ctx.ari);
      // The dry run first: Jira's own objections, before anything is written.
      const check = await validateWorkflowCreate(ctx.client, payload);
      const errors = check.errors.filter((e) => e.level !== 'WARNING');
      if (errors.length > 0) {
        throw new AppError(
          'JIRA_ERROR',
          `Jira refused the workflow "${lc.workflowName}" in its dry run: ${errors.map((e) => e.message ?? e.code ?? 'unknown problem').join('; ')}`,
        );
      }
      await createWorkflows(ctx.client, payload);
      ctx.created.push(`workflow "${lc.workflowName}"`);
      const warnings = check.errors.filter((e) => e.level === 'WARNING').map((e) => e.message ?? e.code ?? '');
      return `Created, validated first by Jira${warnings.length ? ` (warnings: ${warnings.join('; ')})` : ''}.`;
    },
  };
}

function wantedMappings(ctx: StepContext): Record<string, string> {
  const m: Record<string, string> = {};
  for (const lc of Object.values(LIFECYCLES)) {
    const id = ctx.out.issueTypeIds[lc.id];
    if (id) m[id] = lc.workflowName;
  }
  return m;
}

const workflowSchemeStep: Step = {
  id: 'workflow-scheme',
  doing: 'set up the workflow scheme',
  async inspect(ctx) {
    const scheme = await findWorkflowSchemeByName(ctx.client, WORKFLOW_SCHEME_NAME);
    if (!scheme)
      return {
        satisfied: false,
        detail:
          'Will create it, mapping Roadmap Item and Upstream Deliverable to their LCOO workflows; every other issue type keeps the workflow it has in the project.',
      };
    ctx.out.workflowSchemeId = scheme.id;
    ctx.out.workflowScheme = scheme;
    const wanted = wantedMappings(ctx);
    const wrong = Object.entries(wanted).filter(([typeId, wf]) => scheme.issueTypeMappings[typeId] !== wf);
    if (wrong.length === 0 && Object.keys(wanted).length === 2)
      return { satisfied: true, detail: 'Exists and maps both issue types to their LCOO workflows.' };
    return { satisfied: false, detail: 'Exists; will map both LCOO issue types to their workflows.' };
  },
  async apply(ctx) {
    const wanted = wantedMappings(ctx);
    if (Object.keys(wanted).length < 2) throw new AppError('INTERNAL', 'The LCOO issue types are not known yet; run setup again.');
    if (ctx.out.workflowSchemeId === undefined) {
      // Every other issue type keeps the workflow it has in the project today, so switching the
      // project to this scheme strands no issue in a status its new workflow lacks.
      const current = ctx.out.projectId ? await projectWorkflowScheme(ctx.client, ctx.out.projectId) : undefined;
      const base = current?.id !== undefined ? await getWorkflowScheme(ctx.client, current.id) : undefined;
      const defaultWorkflow = base?.defaultWorkflow ?? JIRA_DEFAULT_WORKFLOW;
      const scheme = await createWorkflowScheme(ctx.client, {
        name: WORKFLOW_SCHEME_NAME,
        description:
          'LCOO Roadmap for Jira: Roadmap Items and Upstream Deliverables follow the LCOO lifecycles; every other issue type keeps its workflow.',
        defaultWorkflow,
        issueTypeMappings: { ...(base?.issueTypeMappings ?? {}), ...wanted },
      });
      ctx.out.workflowSchemeId = scheme.id;
      ctx.created.push(`workflow scheme "${WORKFLOW_SCHEME_NAME}"`);
      return `Created; other issue types keep their workflows (default "${defaultWorkflow}"${base ? `, copied from "${base.name}"` : ''}).`;
    }
    const scheme = ctx.out.workflowScheme;
    if (!scheme) throw new AppError('INTERNAL', 'The workflow scheme is not known yet; run setup again.');
    const updated = await updateWorkflowSchemeMappings(ctx.client, scheme, { ...scheme.issueTypeMappings, ...wanted });
    ctx.created.push(`issue type mappings in "${WORKFLOW_SCHEME_NAME}"`);
    if (!updated.draft) return 'Mapped both LCOO issue types to their workflows.';
    // The scheme is in use, so Jira only changed its draft: nothing applies until it is published.
    return `Mapped both LCOO issue types to their workflows; ${await publishSchemeDraft(ctx, scheme.id, wanted)}`;
  },
};

const SCHEMES_PAGE = 'Jira settings > Issues > Workflow schemes';

/** Publishes the LCOO scheme's draft (a Jira task) or stops with what the admin must do. */
async function publishSchemeDraft(ctx: StepContext, schemeId: number, wanted: Record<string, string>): Promise<string> {
  const byHand = `In ${SCHEMES_PAGE}, open "${WORKFLOW_SCHEME_NAME}" and publish its draft, then run setup again.`;
  let outcome: TaskOutcome;
  try {
    outcome = await publishWorkflowSchemeDraft(ctx.client, schemeId);
  } catch (err) {
    if (err instanceof JiraError && err.status === 400)
      throw new AppError(
        'CONFLICT',
        `Jira did not publish the draft of "${WORKFLOW_SCHEME_NAME}": ${err.jiraMessage} Issues of the LCOO issue types need new statuses, which only an administrator can choose. ${byHand}`,
      );
    // 404: no draft any more (someone published or discarded it meanwhile): look at what Jira has.
    if (!(err instanceof JiraError && err.status === 404)) throw err;
    outcome = { state: 'unknown' };
  }
  if (outcome.state === 'complete') {
    ctx.created.push(`published draft of "${WORKFLOW_SCHEME_NAME}"`);
    return `Jira published the scheme's draft (task ${outcome.taskId}).`;
  }
  if (outcome.state === 'failed')
    throw new AppError(
      'JIRA_ERROR',
      `Jira's task ${outcome.taskId} publishing the draft of "${WORKFLOW_SCHEME_NAME}" failed: ${outcome.message}. ${byHand}`,
    );
  if (outcome.state === 'running')
    throw new AppError(
      'CONFLICT',
      `Jira is still publishing the draft of "${WORKFLOW_SCHEME_NAME}" (task ${outcome.taskId}${outcome.task.progress !== undefined ? `, ${outcome.task.progress}% done` : ''}). Run setup again in a minute to confirm.`,
    );
  // Jira named no task: the scheme itself says whether the mapping is live.
  const now = await getWorkflowSchemeOrDraft(ctx.client, schemeId);
  if (!now.draft && Object.entries(wanted).every(([type, wf]) => now.issueTypeMappings[type] === wf))
    return "Jira published the scheme's draft.";
  throw new AppError('JIRA_ERROR', `Jira did not confirm that the draft of "${WORKFLOW_SCHEME_NAME}" was published. ${byHand}`);
}

const issueTypeSchemeStep: Step = {
  id: 'issue-type-scheme',
  doing: "add the issue types to the project's issue type scheme",
  async inspect(ctx) {
    if (!ctx.out.projectId) throw new AppError('INTERNAL', 'The project is not known yet; run setup again.');
    const scheme = await projectIssueTypeScheme(ctx.client, ctx.out.projectId);
    if (!scheme) throw new AppError('JIRA_ERROR', `Jira did not say which issue type scheme ${ctx.projectKey} uses.`);
    // Jira's default scheme holds every issue type of the site, new ones included.
    if (scheme.isDefault) return { satisfied: true, detail: `${ctx.projectKey} uses "${scheme.name}", which includes every issue type.` };
    const present = new Set(await projectIssueTypeIds(ctx.client, ctx.out.projectId));
    const missing = Object.values(LIFECYCLES).filter(
      (lc) => !ctx.out.issueTypeIds[lc.id] || !present.has(ctx.out.issueTypeIds[lc.id] ?? ''),
    );
    ctx.out.issueTypeSchemeId = scheme.id;
    if (missing.length === 0) return { satisfied: true, detail: `"${scheme.name}" includes both.` };
    return { satisfied: false, detail: `Will add ${list(missing.map((m) => m.issueTypeName))} to "${scheme.name}".` };
  },
  async apply(ctx) {
    const schemeId = ctx.out.issueTypeSchemeId;
    if (!schemeId || !ctx.out.projectId) throw new AppError('INTERNAL', 'The issue type scheme is not known yet; run setup again.');
    const present = new Set(await projectIssueTypeIds(ctx.client, ctx.out.projectId));
    const add = Object.values(LIFECYCLES)
      .map((lc) => ctx.out.issueTypeIds[lc.id])
      .filter((id): id is string => !!id && !present.has(id));
    if (add.length > 0) await addIssueTypesToScheme(ctx.client, schemeId, add);
    ctx.created.push(`issue types added to the issue type scheme of ${ctx.projectKey}`);
    return `Added ${add.length === 1 ? '1 issue type' : `${add.length} issue types`}.`;
  },
};

const projectSchemeStep: Step = {
  id: 'project-workflow-scheme',
  doing: 'switch the project to the LCOO workflow scheme',
  async inspect(ctx) {
    if (!ctx.out.projectId) throw new AppError('INTERNAL', 'The project is not known yet; run setup again.');
    const current = await projectWorkflowScheme(ctx.client, ctx.out.projectId);
    const ours = ctx.out.workflowSchemeId;
    if (ours !== undefined && current?.id === ours) return { satisfied: true, detail: `${ctx.projectKey} uses "${WORKFLOW_SCHEME_NAME}".` };
    return {
      satisfied: false,
      detail: `${ctx.projectKey} uses "${current?.name ?? 'Default Workflow Scheme'}"; will switch it to "${WORKFLOW_SCHEME_NAME}" (other issue types keep their workflow).`,
    };
  },
  async apply(ctx) {
    const projectId = ctx.out.projectId;
    const schemeId = ctx.out.workflowSchemeId;
    if (!projectId || schemeId === undefined) throw new AppError('INTERNAL', 'The workflow scheme is not known yet; run setup again.');
    try {
      await assignWorkflowScheme(ctx.client, projectId, schemeId);
    } catch (err) {
      // Jira only assigns directly while the project has no issues; otherwise it switches in a task.
      if (!(err instanceof JiraError) || err.status !== 400) throw err;
      return switchProjectScheme(ctx, projectId, schemeId, err);
    }
    ctx.created.push(`workflow scheme of ${ctx.projectKey}`);
    return `${ctx.projectKey} now uses "${WORKFLOW_SCHEME_NAME}".`;
  },
};

/** The switch of a project with issues: a Jira task, polled to its end, or a message saying what the admin must do. */
async function switchProjectScheme(ctx: StepContext, projectId: string, schemeId: number, assignRefusal: JiraError): Promise<string> {
  const byHand = `In Jira, open ${ctx.projectKey}'s project settings > Workflows, switch it to "${WORKFLOW_SCHEME_NAME}", then run setup again.`;
  let outcome: TaskOutcome;
  try {
    outcome = await switchProjectWorkflowScheme(ctx.client, projectId, schemeId);
  } catch (err) {
    // A Jira without the switch operation: its refusal of the direct assignment says more.
    if (err instanceof JiraError && (err.status === 404 || err.status === 405)) throw assignRefusal;
    if (err instanceof JiraError && err.status === 409)
      throw new AppError(
        'CONFLICT',
        `Jira is busy with another scheme task (${err.jiraMessage}). Wait until it ends, then run setup again.`,
      );
    if (err instanceof JiraError && err.status === 400)
      throw new AppError('CONFLICT', `Jira did not switch ${ctx.projectKey} to "${WORKFLOW_SCHEME_NAME}": ${err.jiraMessage} ${byHand}`);
    throw err;
  }
  if (outcome.state === 'complete') {
    ctx.created.push(`workflow scheme of ${ctx.projectKey}`);
    return `${ctx.projectKey} now uses "${WORKFLOW_SCHEME_NAME}" (Jira's task ${outcome.taskId} finished).`;
  }
  if (outcome.state === 'failed')
    throw new AppError(
      'JIRA_ERROR',
      `Jira's task ${outcome.taskId} switching ${ctx.projectKey} to "${WORKFLOW_SCHEME_NAME}" failed: ${outcome.message}. ${byHand}`,
    );
  if (outcome.state === 'running')
    throw new AppError(
      'CONFLICT',
      `Jira is still switching ${ctx.projectKey} to "${WORKFLOW_SCHEME_NAME}" (task ${outcome.taskId}${outcome.task.progress !== undefined ? `, ${outcome.task.progress}% done` : ''}). Run setup again in a minute to confirm.`,
    );
  // Jira named no task: the project itself says whether the switch happened.
  if ((await projectWorkflowScheme(ctx.client, projectId))?.id === schemeId) {
    ctx.created.push(`workflow scheme of ${ctx.projectKey}`);
    return `${ctx.projectKey} now uses "${WORKFLOW_SCHEME_NAME}".`;
  }
  throw new AppError('JIRA_ERROR', `Jira did not confirm that ${ctx.projectKey} was switched to "${WORKFLOW_SCHEME_NAME}". ${byHand}`);
}

const LINKING_PAGE = 'Jira settings > Issues > Issue linking';

/** The link type a deliverable's save writes between it and its Roadmap Item (src/usecases/record-writes/delivery-link.ts). */
export const issueLinkTypeStep: Step = {
  id: 'issue-link-type',
  doing: `create the issue link type "${DELIVERY_LINK_TYPE.name}"`,
  async inspect(ctx) {
    let found;
    try {
      found = await findDeliveryLinkType(ctx.client);
    } catch (err) {
      // Jira answers 404 when issue linking is switched off for the site.
      if (err instanceof JiraError && err.status === 404)
        throw new AppError('CONFLICT', `Issue linking is turned off on this Jira site. Turn it on in ${LINKING_PAGE}, then resume.`);
      throw err;
    }
    const wanted = `"${DELIVERY_LINK_TYPE.outward}" / "${DELIVERY_LINK_TYPE.inward}"`;
    if (!found)
      return {
        satisfied: false,
        detail: `Will create it: a Roadmap Item "${DELIVERY_LINK_TYPE.outward}" each of its Upstream Deliverables, which "${DELIVERY_LINK_TYPE.inward}" it.`,
      };
    if (norm(found.outward) !== norm(DELIVERY_LINK_TYPE.outward) || norm(found.inward) !== norm(DELIVERY_LINK_TYPE.inward))
      throw new AppError(
        'CONFLICT',
        `An issue link type named "${found.name}" exists, but it reads "${found.outward}" / "${found.inward}" instead of ${wanted}, so links would read the wrong way round. ` +
          `In ${LINKING_PAGE}, change its descriptions to ${wanted} or rename it, then resume.`,
      );
    return { satisfied: true, detail: `Exists (${wanted}).` };
  },
  async apply(ctx) {
    await createIssueLinkType(ctx.client, { ...DELIVERY_LINK_TYPE });
    ctx.created.push(`issue link type "${DELIVERY_LINK_TYPE.name}"`);
    return `Created: a Roadmap Item "${DELIVERY_LINK_TYPE.outward}" each Upstream Deliverable.`;
  },
};

export const SETUP_STEPS: Step[] = [
  projectStep,
  issueTypesStep,
  statusesStep,
  workflowStep('portfolio'),
  workflowStep('delivery'),
  workflowSchemeStep,
  issueTypeSchemeStep,
  projectSchemeStep,
  issueLinkTypeStep,
];
// Keep the contract's list and the steps in the same order.
if (SETUP_STEPS.map((s) => s.id).join() !== SETUP_STEP_IDS.join()) throw new Error('SETUP_STEPS and SETUP_STEP_IDS disagree.');
