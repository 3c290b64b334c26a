// The new workflows API: /workflows/create and /workflows/update (each + /validation),
// /workflows (read), /workflows/search and /workflows/capabilities.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, conflict, JiraError, zodToJira } from '../errors';
import type { StatusRow, StoredTransition, StoredWorkflowDoc, WorkflowRow } from '../model';
import { json, route, type Ctx, type Route } from '../router';
import type { Site } from '../site';
import type { ForgeRuleDef } from '../types';
import { createStatus, scopeProjectId, statusInScope } from './statuses';
import { FORGE_VALIDATOR_RULE } from './transitions';

const Str = z.record(z.string(), z.string());
const Rule = z.object({ id: z.string().optional(), ruleKey: z.string().min(1), parameters: Str.optional() });
interface CondGroup {
  operation: 'ANY' | 'ALL';
  conditions?: z.infer<typeof Rule>[];
  conditionGroups?: CondGroup[];
}
const CondGroupSchema: z.ZodType<CondGroup> = z.lazy(() =>
  z.object({
    operation: z.enum(['ANY', 'ALL']),
    conditions: z.array(Rule).optional(),
    conditionGroups: z.array(CondGroupSchema).optional(),
  }),
);
const Layout = z.object({ x: z.number().optional(), y: z.number().optional() }).optional();
const Transition = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  type: z.enum(['INITIAL', 'GLOBAL', 'DIRECTED']),
  toStatusReference: z.string().optional(),
  links: z
    .array(
      z.object({ fromStatusReference: z.string().optional(), fromPort: z.number().int().optional(), toPort: z.number().int().optional() }),
    )
    .optional(),
  // The earlier shape of the same API (`to` / `from`) is still sent by some clients.
  to: z.object({ statusReference: z.string(), port: z.number().int().optional() }).optional(),
  from: z.array(z.object({ statusReference: z.string(), port: z.number().int().optional() })).optional(),
  validators: z.array(Rule).optional(),
  actions: z.array(Rule).optional(),
  conditions: CondGroupSchema.optional(),
  properties: Str.optional(),
  triggers: z.array(z.unknown()).optional(),
  transitionScreen: z.unknown().optional(),
  customIssueEventId: z.string().optional(),
});
const Scope = z.object({ type: z.enum(['PROJECT', 'GLOBAL']), project: z.object({ id: z.string() }).optional() });
const CreateRequest = z.object({
  scope: Scope,
  statuses: z
    .array(
      z.object({
        statusReference: z.string().min(1),
        name: z.string().min(1),
        statusCategory: z.enum(['TODO', 'IN_PROGRESS', 'DONE']),
        id: z.string().optional(),
        description: z.string().optional(),
      }),
    )
    .default([]),
  workflows: z
    .array(
      z.object({
        name: z.string().trim().min(1),
        description: z.string().optional(),
        startPointLayout: Layout,
        loopedTransitionContainerLayout: Layout,
        statuses: z.array(
          z.object({
            statusReference: z.string().min(1),
            properties: Str.default({}),
            layout: Layout,
            approvalConfiguration: z.unknown().optional(),
          }),
        ),
        transitions: z.array(Transition),
      }),
    )
    .min(1),
});
type CreateInput = z.infer<typeof CreateRequest>;

interface ValidationError {
  code: string;
  level: 'ERROR' | 'WARNING';
  message: string;
  type: string;
  elementReference?: Record<string, string | { projectId: string; issueTypeId: string }>;
}

type ErrSink = (type: string, code: string, message: string, elementReference?: Record<string, string>) => void;
type WorkflowShape = { statuses: { statusReference: string }[]; transitions: z.infer<typeof Transition>[] };

/** Every rule of a transition's condition tree. */
function conditionRules(group: CondGroup | undefined): z.infer<typeof Rule>[] {
  if (!group) return [];
  return [...(group.conditions ?? []), ...(group.conditionGroups ?? []).flatMap(conditionRules)];
}

/** The rule key Jira gives each kind of Forge workflow module ("Forge rules", GET /workflows/capabilities). */
export const FORGE_RULE_KEYS: Record<'Validator' | 'Condition' | 'Function', string> = {
  Validator: FORGE_VALIDATOR_RULE,
  Condition: 'forge:expression-condition',
  Function: 'forge:workflow-post-function',
};
const FORGE_RULE_TYPE_BY_KEY = new Map(Object.entries(FORGE_RULE_KEYS).map(([type, key]) => [key, type]));

/**
 * A Forge rule must be what Atlassian documents ("Forge rules" in the description of GET
 * /rest/api/3/workflows/capabilities): `key` = the extension ARI of an installed Forge module of
 * that kind, `config` = the persistent stringified JSON configuration, `id` = the rule's id,
 * `disabled` = "true" | "false". The documentation does not say what Jira does with a rule that
 * lacks `config`, `id` or `disabled`; the emulator refuses it, so the app is held to the
 * documented shape whichever way Jira treats it.
 */
function checkForgeRule(
  err: ErrSink,
  forgeRules: ForgeRuleDef[],
  r: z.infer<typeof Rule>,
  place: 'Validator' | 'Condition' | 'Function',
  where: string,
  ref: Record<string, string>,
): void {
  const type = FORGE_RULE_TYPE_BY_KEY.get(r.ruleKey);
  if (!r.ruleKey.startsWith('forge:')) return;
  const p = r.parameters ?? {};
  const problem = (what: string) =>
    err('RULE', 'INVALID_RULE_CONFIGURATION', `The Forge rule ${r.ruleKey} on ${where} ${what}`, { ...ref, ruleKey: r.ruleKey });
  if (!type) return problem(`is not a Forge rule key; use one of ${Object.values(FORGE_RULE_KEYS).join(', ')}.`);
  if (type !== place) return problem(`is a ${type.toLowerCase()} rule and cannot be used as a ${place.toLowerCase()}.`);
  const key = p['key'];
  if (!key?.startsWith('ari:cloud:ecosystem::extension/'))
    return problem(
      'needs parameters.key set to the extension ARI (ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}).',
    );
  const installed = forgeRules.find((f) => f.extensionAri === key);
  if (!installed) return problem(`names ${key}, which is not a Forge ${type.toLowerCase()} installed on this site.`);
  const installedType = installed.ruleType ?? 'Validator';
  if (installedType !== type) return problem(`names ${key}, which is a Forge ${installedType}, not a ${type}.`);
  const missing = ['config', 'id', 'disabled'].filter((k) => p[k] === undefined);
  if (missing.length > 0)
    return problem(
      `lacks parameters ${missing.join(', ')}: a Forge rule carries key, config (stringified JSON), id and disabled ("true" or "false").`,
    );
  try {
    JSON.parse(p['config'] ?? '');
  } catch {
    return problem('has a parameters.config that is not stringified JSON.');
  }
  if (p['id'] === '') return problem('has an empty parameters.id.');
  if (p['disabled'] !== 'true' && p['disabled'] !== 'false')
    return problem(`has parameters.disabled "${p['disabled']}"; allowed: "true", "false".`);
}

/** The checks create and update share: statuses come from the request, one INITIAL, sound links, Forge rules name their extension. */
function checkWorkflowShape(err: ErrSink, name: string, w: WorkflowShape, refs: Set<string>, forgeRules: ForgeRuleDef[]): void {
  const inWorkflow = new Set(w.statuses.map((s) => s.statusReference));
  for (const s of w.statuses)
    if (!refs.has(s.statusReference))
      err(
        'STATUS',
        'STATUS_REFERENCE_NOT_FOUND',
        `Workflow '${name}' uses status reference '${s.statusReference}', which is not in the request's statuses.`,
        { statusReference: s.statusReference },
      );
  const initials = w.transitions.filter((t) => t.type === 'INITIAL');
  if (initials.length !== 1)
    err(
      'WORKFLOW',
      'INVALID_INITIAL_TRANSITION_COUNT',
      `Workflow '${name}' must have exactly one INITIAL transition; it has ${initials.length}.`,
    );
  const ids = new Set<string>();
  for (const t of w.transitions) {
    const to = t.toStatusReference ?? t.to?.statusReference;
    const ref = { transitionId: t.id ?? t.name };
    if (t.id !== undefined) {
      if (ids.has(t.id)) err('TRANSITION', 'DUPLICATE_TRANSITION_ID', `Workflow '${name}' has two transitions with id ${t.id}.`, ref);
      ids.add(t.id);
    }
    if (!to || !inWorkflow.has(to))
      err(
        'TRANSITION',
        'INVALID_TRANSITION_TARGET',
        `Transition '${t.name}' of workflow '${name}' goes to '${to ?? '(none)'}', which is not a status of the workflow.`,
        ref,
      );
    const from = [...(t.links ?? []).map((l) => l.fromStatusReference), ...(t.from ?? []).map((f) => f.statusReference)].filter(
      (x): x is string => !!x,
    );
    if (t.type === 'DIRECTED' && from.length === 0)
      err(
        'TRANSITION',
        'MISSING_FROM_STATUS',
        `Directed transition '${t.name}' of workflow '${name}' has no source status (links[].fromStatusReference).`,
        ref,
      );
    if (t.type !== 'DIRECTED' && from.length > 0)
      err(
        'TRANSITION',
        'UNEXPECTED_FROM_STATUS',
        `${t.type} transition '${t.name}' of workflow '${name}' cannot have source statuses.`,
        ref,
      );
    for (const f of from)
      if (!inWorkflow.has(f))
        err(
          'TRANSITION',
          'INVALID_TRANSITION_SOURCE',
          `Transition '${t.name}' of workflow '${name}' starts at '${f}', which is not a status of the workflow.`,
          ref,
        );
    const where = `transition '${t.name}' of workflow '${name}'`;
    for (const r of t.validators ?? []) checkForgeRule(err, forgeRules, r, 'Validator', where, ref);
    for (const r of t.actions ?? []) checkForgeRule(err, forgeRules, r, 'Function', where, ref);
    for (const r of conditionRules(t.conditions)) checkForgeRule(err, forgeRules, r, 'Condition', where, ref);
  }
}

function validate(site: Site, input: CreateInput): ValidationError[] {
  const errors: ValidationError[] = [];
  const err: ErrSink = (type, code, message, elementReference) =>
    errors.push({ code, level: 'ERROR', message, type, ...(elementReference ? { elementReference } : {}) });
  const projectId = input.scope.type === 'PROJECT' ? (site.project(input.scope.project?.id ?? '')?.id ?? null) : null;
  if (input.scope.type === 'PROJECT' && projectId === null)
    err('SCOPE', 'INVALID_SCOPE', `The project ${input.scope.project?.id ?? '(none)'} of the scope does not exist.`);
  const refs = new Set<string>();
  for (const s of input.statuses) {
    refs.add(s.statusReference);
    if (s.id !== undefined) {
      if (!site.status(s.id))
        err('STATUS', 'STATUS_NOT_FOUND', `The status with id ${s.id} does not exist.`, { statusReference: s.statusReference });
    } else if (statusInScope(site, s.name, projectId)) {
      err(
        'STATUS',
        'NON_UNIQUE_STATUS_NAME',
        `A status named '${s.name}' already exists; reference it with its "id" instead of creating it again.`,
        { statusReference: s.statusReference },
      );
    }
  }
  const names = new Set<string>();
  for (const w of input.workflows) {
    if (names.has(w.name.toLowerCase()) || site.workflowByName(w.name))
      err('WORKFLOW', 'NON_UNIQUE_WORKFLOW_NAME', `A workflow with the name '${w.name}' already exists.`);
    names.add(w.name.toLowerCase());
    checkWorkflowShape(err, w.name, w, refs, site.forgeRules);
  }
  return errors;
}

function toStored(t: z.infer<typeof Transition>, id: string, resolve: (ref: string) => string): StoredTransition {
  const links =
    t.links?.map((l) => ({ ...l, fromStatusReference: resolve(l.fromStatusReference ?? '') })) ??
    (t.from ?? []).map((f) => ({ fromStatusReference: resolve(f.statusReference), ...(f.port !== undefined ? { fromPort: f.port } : {}) }));
  return {
    id,
    name: t.name,
    ...(t.description !== undefined ? { description: t.description } : {}),
    type: t.type,
    toStatusReference: resolve(t.toStatusReference ?? t.to?.statusReference ?? ''),
    links,
    validators: t.validators ?? [],
    actions: t.actions ?? [],
    ...(t.conditions ? { conditions: t.conditions } : {}),
    properties: t.properties ?? {},
  };
}

interface WorkflowShapeInput {
  statuses: {
    statusReference: string;
    properties: Record<string, string>;
    layout?: { x?: number | undefined; y?: number | undefined } | null | undefined;
  }[];
  transitions: z.infer<typeof Transition>[];
}

/** The stored form of a workflow as create and update receive it: references resolved, new transitions numbered. */
function toStoredDoc(w: WorkflowShapeInput, resolve: (ref: string) => string): StoredWorkflowDoc {
  let next = 1;
  const used = new Set(w.transitions.map((t) => t.id).filter((x): x is string => !!x));
  return {
    statuses: w.statuses.map((s) => ({
      statusReference: resolve(s.statusReference),
      properties: s.properties,
      ...(s.layout ? { layout: s.layout } : {}),
    })),
    transitions: w.transitions.map((t) => {
      let id = t.id;
      if (!id) {
        while (used.has(String(next))) next += 10;
        id = String(next);
        used.add(id);
      }
      return toStored(t, id, resolve);
    }),
  };
}

function scopeBean(projectId: number | null) {
  return projectId === null ? { type: 'GLOBAL' } : { type: 'PROJECT', project: { id: String(projectId) } };
}

export function workflowBean(row: WorkflowRow, withTransitions = true): Record<string, unknown> {
  const doc = JSON.parse(row.doc) as StoredWorkflowDoc;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    scope: scopeBean(row.scope_project_id),
    statuses: doc.statuses.map((s) => ({
      statusReference: s.statusReference,
      properties: s.properties,
      deprecated: false,
      ...(s.layout ? { layout: s.layout } : {}),
    })),
    ...(withTransitions
      ? {
          transitions: doc.transitions.map((t) => ({
            id: t.id,
            name: t.name,
            description: t.description ?? '',
            type: t.type,
            toStatusReference: t.toStatusReference,
            links: t.links,
            validators: t.validators,
            actions: t.actions,
            conditions: t.conditions ?? { operation: 'ALL', conditions: [], conditionGroups: [] },
            properties: t.properties,
            triggers: [],
          })),
        }
      : {}),
    version: { id: versionToken(row), versionNumber: row.version },
    isEditable: true,
    created: row.created,
    updated: row.updated,
  };
}

function statusesOf(site: Site, rows: WorkflowRow[]): Record<string, unknown>[] {
  const ids = new Set(rows.flatMap((r) => (JSON.parse(r.doc) as StoredWorkflowDoc).statuses.map((s) => s.statusReference)));
  return [...ids]
    .map((id) => site.status(id))
    .filter((s): s is StatusRow => !!s)
    .map((s) => ({ ...site.jiraStatus(s), statusReference: String(s.id) }));
}

function parseCreate(body: unknown): CreateInput {
  const parsed = CreateRequest.safeParse(body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  return parsed.data;
}

const ValidationRequest = z.object({
  payload: z.unknown(),
  validationOptions: z.object({ levels: z.array(z.enum(['WARNING', 'ERROR'])).max(2) }).optional(),
});

/** The dry runs of create and update: the same checks as the write, answered as a list. */
function validationEndpoint<T>(parse: (payload: unknown) => T, check: (site: Site, input: T) => ValidationError[]) {
  return (ctx: Ctx) => {
    ctx.site.requireAdmin(ctx.principal);
    const wrapper = ValidationRequest.safeParse(ctx.body);
    if (!wrapper.success) throw zodToJira(wrapper.error.issues);
    const levels = wrapper.data.validationOptions?.levels ?? ['ERROR', 'WARNING'];
    const errors = check(ctx.site, parse(wrapper.data.payload)).filter((e) => levels.includes(e.level));
    return json(200, { errors });
  };
}

function create(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const input = parseCreate(ctx.body);
  const errors = validate(ctx.site, input);
  if (errors.length > 0) {
    if (errors.every((e) => e.code === 'NON_UNIQUE_WORKFLOW_NAME')) throw conflict(errors.map((e) => e.message).join(' '));
    throw new JiraError(
      400,
      errors.map((e) => e.message),
    );
  }
  const site = ctx.site;
  const projectId = scopeProjectId(site, input.scope);
  const now = new Date().toISOString();
  const rows = site.db.transaction(() => {
    const refToId = new Map<string, string>();
    for (const s of input.statuses) {
      refToId.set(s.statusReference, s.id ?? String(createStatus(site, s.name, s.statusCategory, s.description ?? '', projectId).id));
    }
    const resolve = (ref: string) => refToId.get(ref) ?? ref;
    return input.workflows.map((w) => {
      const doc = toStoredDoc(w, resolve);
      const id = randomUUID();
      site.db
        .prepare(
          'INSERT INTO workflows (id, name, description, scope_project_id, doc, created, updated, version) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
        )
        .run(id, w.name, w.description ?? '', projectId, JSON.stringify(doc), now, now);
      const row = site.workflowById(id);
      if (!row) throw new Error('workflow insert failed');
      return row;
    });
  })();
  return json(200, { statuses: statusesOf(site, rows), workflows: rows.map((r) => workflowBean(r)) });
}

// ---- /workflows/update (+ /validation) ----
// Jira replaces a workflow's statuses and transitions as sent, guarded by the version the
// caller read: a stale `version` is a 409 ("Workflow version and version token must match"),
// so two admins editing the same rule cannot silently overwrite each other.
const StatusMigration = z.object({ oldStatusReference: z.string().min(1), newStatusReference: z.string().min(1) });
const UpdateRequest = z.object({
  statuses: z
    .array(
      z.object({
        statusReference: z.string().min(1),
        name: z.string().min(1),
        statusCategory: z.enum(['TODO', 'IN_PROGRESS', 'DONE']),
        id: z.string().optional(),
        description: z.string().optional(),
      }),
    )
    .default([]),
  workflows: z
    .array(
      z.object({
        id: z.string().min(1),
        // Both parts are required here although the schema leaves them optional: Jira refuses an update it cannot match to a version.
        version: z.object({ id: z.string().min(1), versionNumber: z.number().int() }),
        description: z.string().optional(),
        startPointLayout: Layout.nullable(),
        loopedTransitionContainerLayout: Layout.nullable(),
        statuses: z.array(
          z.object({
            statusReference: z.string().min(1),
            properties: Str,
            layout: Layout.nullable(),
            approvalConfiguration: z.unknown().optional(),
          }),
        ),
        transitions: z.array(Transition),
        statusMappings: z
          .array(z.object({ projectId: z.string(), issueTypeId: z.string(), statusMigrations: z.array(StatusMigration) }))
          .optional(),
        defaultStatusMappings: z.array(StatusMigration).optional(),
      }),
    )
    .min(1)
    .max(20),
});
type UpdateInput = z.infer<typeof UpdateRequest>;
type WorkflowUpdateInput = UpdateInput['workflows'][number];

const versionToken = (row: WorkflowRow) => `${row.id}-v${row.version}`;

/** Issues governed by the workflow whose status it no longer has, grouped by project and issue type. */
function strandedIssues(
  site: Site,
  row: WorkflowRow,
  keptStatusIds: Set<string>,
): { projectId: number; issueTypeId: number; statusId: number }[] {
  const groups = site.db
    .prepare('SELECT DISTINCT project_id AS projectId, issuetype_id AS issueTypeId, status_id AS statusId FROM issues')
    .all() as { projectId: number; issueTypeId: number; statusId: number }[];
  return groups.filter((g) => !keptStatusIds.has(String(g.statusId)) && site.workflowFor(g.projectId, g.issueTypeId).row.id === row.id);
}

/** Where Jira moves an issue of a removed status: the project/issue type mapping first, then the default mapping. */
function migrationTarget(w: WorkflowUpdateInput, g: { projectId: number; issueTypeId: number; statusId: number }): string | undefined {
  const old = String(g.statusId);
  const specific = w.statusMappings?.find((m) => m.projectId === String(g.projectId) && m.issueTypeId === String(g.issueTypeId));
  return (
    specific?.statusMigrations.find((m) => m.oldStatusReference === old)?.newStatusReference ??
    w.defaultStatusMappings?.find((m) => m.oldStatusReference === old)?.newStatusReference
  );
}

function validateUpdate(site: Site, input: UpdateInput): ValidationError[] {
  const errors: ValidationError[] = [];
  const err: ErrSink = (type, code, message, elementReference) =>
    errors.push({ code, level: 'ERROR', message, type, ...(elementReference ? { elementReference } : {}) });
  const refs = new Set(input.statuses.map((s) => s.statusReference));
  const seen = new Set<string>();
  for (const w of input.workflows) {
    const row = site.workflowById(w.id);
    if (!row) {
      err('WORKFLOW', 'WORKFLOW_NOT_FOUND', `The workflow ${w.id} does not exist.`);
      continue;
    }
    if (seen.has(w.id)) err('WORKFLOW', 'DUPLICATE_WORKFLOW', `Workflow ${w.id} is in the request twice.`);
    seen.add(w.id);
    for (const s of input.statuses) {
      if (s.id !== undefined) {
        if (!site.status(s.id))
          err('STATUS', 'STATUS_NOT_FOUND', `The status with id ${s.id} does not exist.`, { statusReference: s.statusReference });
      } else if (statusInScope(site, s.name, row.scope_project_id)) {
        err(
          'STATUS',
          'NON_UNIQUE_STATUS_NAME',
          `A status named '${s.name}' already exists; reference it with its "id" instead of creating it again.`,
          { statusReference: s.statusReference },
        );
      }
    }
    checkWorkflowShape(err, row.name, w, refs, site.forgeRules);
    // A status may only leave a workflow when its issues have somewhere to go.
    const byRef = new Map(input.statuses.map((s) => [s.statusReference, s.id ?? s.statusReference]));
    const kept = new Set(w.statuses.map((s) => byRef.get(s.statusReference) ?? s.statusReference));
    const inWorkflow = new Set(w.statuses.map((s) => s.statusReference));
    for (const g of strandedIssues(site, row, kept)) {
      const target = migrationTarget(w, g);
      const pair = { projectId: String(g.projectId), issueTypeId: String(g.issueTypeId) };
      if (target === undefined) {
        errors.push({
          code: 'MISSING_STATUS_MAPPING',
          level: 'ERROR',
          type: 'STATUS_MAPPING',
          elementReference: { statusMappingReference: pair },
          message: `Issues of project ${pair.projectId} and issue type ${pair.issueTypeId} are in status ${g.statusId}, which workflow '${row.name}' no longer has: add a status mapping for them.`,
        });
      } else if (!inWorkflow.has(target)) {
        err(
          'STATUS_MAPPING',
          'INVALID_STATUS_MAPPING',
          `Status ${g.statusId} is mapped to '${target}', which is not a status of workflow '${row.name}'.`,
        );
      }
    }
  }
  return errors;
}

function parseUpdate(body: unknown): UpdateInput {
  const parsed = UpdateRequest.safeParse(body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  return parsed.data;
}

function update(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const input = parseUpdate(ctx.body);
  const site = ctx.site;
  for (const w of input.workflows) {
    const row = site.workflowById(w.id);
    if (row && (w.version.versionNumber !== row.version || w.version.id !== versionToken(row))) {
      throw conflict(
        `Workflow version and version token must match the current version of workflow '${row.name}' (version ${row.version}); you sent version ${w.version.versionNumber}. Read the workflow again and retry.`,
      );
    }
  }
  const errors = validateUpdate(site, input);
  if (errors.length > 0)
    throw new JiraError(
      400,
      errors.map((e) => e.message),
    );
  const now = new Date().toISOString();
  const rows = site.db.transaction(() => {
    const refToId = new Map<string, string>();
    return input.workflows.map((w) => {
      const row = site.workflowById(w.id);
      if (!row) throw new Error(`workflow ${w.id} vanished during the update`);
      for (const s of input.statuses) {
        if (!refToId.has(s.statusReference))
          refToId.set(
            s.statusReference,
            s.id ?? String(createStatus(site, s.name, s.statusCategory, s.description ?? '', row.scope_project_id).id),
          );
      }
      const resolve = (ref: string) => refToId.get(ref) ?? ref;
      const doc = toStoredDoc(w, resolve);
      const kept = new Set(doc.statuses.map((s) => s.statusReference));
      for (const g of strandedIssues(site, row, kept)) {
        const target = resolve(migrationTarget(w, g) ?? '');
        site.db
          .prepare('UPDATE issues SET status_id = ? WHERE project_id = ? AND issuetype_id = ? AND status_id = ?')
          .run(Number(target), g.projectId, g.issueTypeId, g.statusId);
      }
      // The version guard is repeated in the write so a concurrent update cannot slip in between check and write.
      const written = site.db
        .prepare('UPDATE workflows SET doc = ?, description = ?, updated = ?, version = version + 1 WHERE id = ? AND version = ?')
        .run(JSON.stringify(doc), w.description ?? row.description, now, row.id, w.version.versionNumber);
      if (written.changes !== 1) throw conflict(`Workflow '${row.name}' changed while it was being updated; read it again and retry.`);
      const updated = site.workflowById(row.id);
      if (!updated) throw new Error('workflow update failed');
      return updated;
    });
  })();
  return json(200, { statuses: statusesOf(site, rows), workflows: rows.map((r) => workflowBean(r)) });
}

const ReadRequest = z.object({
  workflowIds: z.array(z.string()).optional(),
  workflowNames: z.array(z.string()).optional(),
  projectAndIssueTypes: z.array(z.object({ projectId: z.string(), issueTypeId: z.string() })).optional(),
});

function read(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const parsed = ReadRequest.safeParse(ctx.body ?? {});
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const b = parsed.data;
  const found = new Map<string, WorkflowRow>();
  for (const id of b.workflowIds ?? []) {
    const r = ctx.site.workflowById(id);
    if (r) found.set(r.id, r);
  }
  for (const n of b.workflowNames ?? []) {
    const r = ctx.site.workflowByName(n);
    if (r) found.set(r.id, r);
  }
  for (const pair of b.projectAndIssueTypes ?? []) {
    if (!ctx.site.project(pair.projectId) || !ctx.site.issueType(pair.issueTypeId))
      throw badRequest(`Project ${pair.projectId} or issue type ${pair.issueTypeId} does not exist.`);
    const { row } = ctx.site.workflowFor(Number(pair.projectId), Number(pair.issueTypeId));
    found.set(row.id, row);
  }
  const rows = [...found.values()];
  return json(200, { statuses: statusesOf(ctx.site, rows), workflows: rows.map((r) => workflowBean(r)) });
}

function activeWorkflowNames(site: Site): Set<string> {
  const names = new Set<string>();
  for (const p of site.projects()) {
    const scheme = site.workflowScheme(p.workflow_scheme_id);
    if (!scheme) continue;
    names.add(scheme.default_workflow);
    for (const n of Object.values(JSON.parse(scheme.mappings) as Record<string, string>)) names.add(n);
  }
  return names;
}

function searchWorkflows(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const q = ctx.query;
  const text = q.get('queryString')?.toLowerCase();
  const scope = q.get('scope');
  const isActive = q.get('isActive');
  const active = activeWorkflowNames(ctx.site);
  const all = (ctx.site.db.prepare('SELECT * FROM workflows ORDER BY name').all() as WorkflowRow[]).filter(
    (r) =>
      (!text || r.name.toLowerCase().includes(text)) &&
      (!scope || (scope === 'GLOBAL') === (r.scope_project_id === null)) &&
      (isActive === undefined || (isActive === 'true') === active.has(r.name)),
  );
  const startAt = q.int('startAt', 0);
  const maxResults = Math.min(q.int('maxResults', 50), 50);
  const page = all.slice(startAt, startAt + maxResults);
  const withTransitions = (q.list('expand') ?? []).some((e) => e.endsWith('transitions'));
  const isLast = startAt + page.length >= all.length;
  return json(200, {
    self: ctx.site.api(`/workflows/search?startAt=${startAt}&maxResults=${maxResults}`),
    ...(isLast ? {} : { nextPage: ctx.site.api(`/workflows/search?startAt=${startAt + maxResults}&maxResults=${maxResults}`) }),
    startAt,
    maxResults,
    total: all.length,
    isLast,
    values: page.map((r) => workflowBean(r, withTransitions)),
    statuses: statusesOf(ctx.site, page),
  });
}

const SYSTEM_RULES = [
  {
    ruleKey: 'system:check-field-value',
    ruleType: 'Validator',
    name: 'Field required',
    description: 'Checks that a field has a value.',
    isAvailableForInitialTransition: true,
  },
  {
    ruleKey: 'system:restrict-issue-transition',
    ruleType: 'Condition',
    name: 'Restrict transition',
    description: 'Only selected people can move the issue.',
    isAvailableForInitialTransition: false,
  },
  {
    ruleKey: 'system:update-field',
    ruleType: 'Function',
    name: 'Update an issue field',
    description: 'Sets a field when the transition happens.',
    isAvailableForInitialTransition: true,
  },
] as const;

function capabilities(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const workflowId = ctx.query.get('workflowId');
  const projectId = ctx.query.get('projectId');
  const issueTypeId = ctx.query.get('issueTypeId');
  if (workflowId && !ctx.site.workflowById(workflowId)) throw badRequest(`The workflow ${workflowId} does not exist.`);
  if ((projectId && !ctx.site.project(projectId)) || (issueTypeId && !ctx.site.issueType(issueTypeId)))
    throw badRequest('The project or issue type does not exist.');
  return json(200, {
    editorScope: 'GLOBAL',
    projectTypes: ['software', 'business'],
    systemRules: SYSTEM_RULES.map((r) => ({ ...r, incompatibleRuleKeys: [], isVisible: true })),
    connectRules: [],
    forgeRules: ctx.site.forgeRules.map((r) => ({
      id: r.extensionAri,
      name: r.name,
      description: r.description ?? '',
      ruleKey: FORGE_RULE_KEYS[r.ruleType ?? 'Validator'],
      ruleType: r.ruleType ?? 'Validator',
    })),
    triggerRules: [],
  });
}

export const workflowRoutes: Route[] = [
  route('POST', '/rest/api/3/workflows/create', create),
  route('POST', '/rest/api/3/workflows/create/validation', validationEndpoint(parseCreate, validate)),
  route('POST', '/rest/api/3/workflows/update', update),
  route('POST', '/rest/api/3/workflows/update/validation', validationEndpoint(parseUpdate, validateUpdate)),
  route('POST', '/rest/api/3/workflows', read),
  route('GET', '/rest/api/3/workflows/search', searchWorkflows),
  route('GET', '/rest/api/3/workflows/capabilities', capabilities),
];
