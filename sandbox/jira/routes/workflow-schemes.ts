// Classic workflow schemes: create/read/update and the project association.
import { z } from 'zod';
import { count } from '../../../static/shared/plural';
import { badRequest, notFound, zodToJira } from '../errors';
import { getTask, refuseIfTaskRunning, startedTask } from '../async-tasks';
import { nextId } from '../db';
import type { IssueRow, StoredWorkflowDoc, WorkflowSchemeRow } from '../model';
import { json, noContent, route, type Ctx, type Route } from '../router';
import { DEFAULT_WORKFLOW_SCHEME_ID } from '../seed-site';
import type { Site } from '../site';

const SchemeBody = z.object({
  name: z.string().trim().min(1, 'The workflow scheme name must not be empty.').max(255),
  description: z.string().optional(),
  defaultWorkflow: z.string().optional(),
  issueTypeMappings: z.record(z.string(), z.string()).optional(),
  updateDraftIfNeeded: z.boolean().optional(),
});

function schemeBean(site: Site, s: WorkflowSchemeRow): Record<string, unknown> {
  const mappings = JSON.parse(s.mappings) as Record<string, string>;
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    defaultWorkflow: s.default_workflow,
    issueTypeMappings: mappings,
    draft: false,
    self: site.api(`/workflowscheme/${s.id}`),
  };
}

// ---- drafts of active schemes ----
// Jira: "If the workflow scheme is active (that is, being used by at least one project), then a
// draft workflow scheme is created or updated instead, provided that updateDraftIfNeeded is set
// to true" (PUT /workflowscheme/{id}); the draft changes nothing until it is published
// (POST /workflowscheme/{id}/draft/publish, an asynchronous task).
interface DraftScheme {
  name: string;
  description: string;
  defaultWorkflow: string;
  mappings: Record<string, string>;
  updated: string;
  updatedBy: string;
}
const draftKey = (id: number) => `workflowscheme-draft:${id}`;

function readDraft(site: Site, id: number): DraftScheme | undefined {
  const row = site.db.prepare('SELECT value FROM meta WHERE key = ?').get(draftKey(id)) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as DraftScheme) : undefined;
}

function draftBean(site: Site, s: WorkflowSchemeRow, d: DraftScheme): Record<string, unknown> {
  return {
    id: s.id,
    name: d.name,
    description: d.description,
    defaultWorkflow: d.defaultWorkflow,
    issueTypeMappings: d.mappings,
    originalDefaultWorkflow: s.default_workflow,
    originalIssueTypeMappings: JSON.parse(s.mappings) as Record<string, string>,
    draft: true,
    lastModified: d.updated,
    lastModifiedUser: site.userRef(d.updatedBy),
    self: site.api(`/workflowscheme/${s.id}/draft`),
  };
}

const isActive = (site: Site, id: number): boolean =>
  !!site.db.prepare('SELECT 1 FROM projects WHERE workflow_scheme_id = ? LIMIT 1').get(id);

function checkBody(site: Site, b: z.infer<typeof SchemeBody>, selfId?: number): void {
  const errors: Record<string, string> = {};
  if (b.defaultWorkflow && !site.workflowByName(b.defaultWorkflow))
    errors.defaultWorkflow = `The workflow '${b.defaultWorkflow}' does not exist.`;
  for (const [type, wf] of Object.entries(b.issueTypeMappings ?? {})) {
    if (!site.issueType(type)) errors[`issueTypeMappings.${type}`] = `The issue type ${type} does not exist.`;
    else if (!site.workflowByName(wf)) errors[`issueTypeMappings.${type}`] = `The workflow '${wf}' does not exist.`;
  }
  const clash = site.db.prepare('SELECT id FROM workflow_schemes WHERE name = ?').get(b.name) as { id: number } | undefined;
  if (clash && clash.id !== selfId) errors.name = `A workflow scheme with the name '${b.name}' already exists.`;
  if (Object.keys(errors).length > 0) throw badRequest('', errors);
}

function parse(body: unknown) {
  const parsed = SchemeBody.safeParse(body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  return parsed.data;
}

function actorOf(ctx: Ctx): string {
  return ctx.site.actorId(ctx.principal);
}

function create(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const b = parse(ctx.body);
  checkBody(ctx.site, b);
  const id = ctx.site.db.transaction(() => {
    const newId = nextId(ctx.site.db, 'workflowscheme', 10000);
    ctx.site.db
      .prepare(
        'INSERT INTO workflow_schemes (id, name, description, default_workflow, mappings, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        newId,
        b.name,
        b.description ?? '',
        b.defaultWorkflow ?? 'jira',
        JSON.stringify(b.issueTypeMappings ?? {}),
        new Date().toISOString(),
        actorOf(ctx),
      );
    return newId;
  })();
  const row = ctx.site.workflowScheme(id);
  return json(201, row ? schemeBean(ctx.site, row) : {});
}

function schemeOr404(ctx: Ctx): WorkflowSchemeRow {
  const row = /^\d+$/.test(ctx.params[0] ?? '') ? ctx.site.workflowScheme(Number(ctx.params[0])) : undefined;
  if (!row) throw notFound(`The workflow scheme ${ctx.params[0] ?? ''} was not found.`);
  return row;
}

function getOne(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const row = schemeOr404(ctx);
  const draft = ctx.query.bool('returnDraftIfExists') ? readDraft(ctx.site, row.id) : undefined;
  return json(200, draft ? draftBean(ctx.site, row, draft) : schemeBean(ctx.site, row));
}

function update(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const row = schemeOr404(ctx);
  const b = parse(ctx.body);
  checkBody(ctx.site, b, row.id);
  if (isActive(ctx.site, row.id)) {
    if (b.updateDraftIfNeeded !== true)
      throw badRequest(
        `The workflow scheme '${row.name}' is used by a project, so it cannot be changed directly: send updateDraftIfNeeded: true to change its draft, then publish the draft.`,
      );
    const before = readDraft(ctx.site, row.id);
    const draft: DraftScheme = {
      name: b.name,
      description: b.description ?? before?.description ?? row.description,
      defaultWorkflow: b.defaultWorkflow ?? before?.defaultWorkflow ?? row.default_workflow,
      mappings: b.issueTypeMappings ?? before?.mappings ?? (JSON.parse(row.mappings) as Record<string, string>),
      updated: new Date().toISOString(),
      updatedBy: actorOf(ctx),
    };
    ctx.site.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(draftKey(row.id), JSON.stringify(draft));
    return json(200, draftBean(ctx.site, row, draft));
  }
  ctx.site.db
    .prepare(
      'UPDATE workflow_schemes SET name = ?, description = ?, default_workflow = ?, mappings = ?, updated = ?, updated_by = ? WHERE id = ?',
    )
    .run(
      b.name,
      b.description ?? row.description,
      b.defaultWorkflow ?? row.default_workflow,
      JSON.stringify(b.issueTypeMappings ?? JSON.parse(row.mappings)),
      new Date().toISOString(),
      actorOf(ctx),
      row.id,
    );
  return json(200, schemeBean(ctx.site, ctx.site.workflowScheme(row.id) ?? row));
}

const PublishBody = z.object({
  statusMappings: z.array(z.object({ issueTypeId: z.string(), statusId: z.string(), newStatusId: z.string() })).optional(),
});

/** Issues of the scheme's projects whose status the workflow they would follow lacks: they need a mapping. */
function issueMoves(
  site: Site,
  projectIds: number[],
  workflowOf: (issueTypeId: number) => string,
  mapping: (issueTypeId: number, statusId: number) => string | undefined,
): { moves: { id: number; to: number }[]; missing: Map<string, Set<number>> } {
  const moves: { id: number; to: number }[] = [];
  const missing = new Map<string, Set<number>>();
  for (const projectId of projectIds) {
    for (const issue of site.db.prepare('SELECT * FROM issues WHERE project_id = ?').all(projectId) as IssueRow[]) {
      const name = workflowOf(issue.issuetype_id);
      const wf = site.workflowByName(name);
      if (!wf) throw badRequest(`The workflow '${name}' of the workflow scheme does not exist.`);
      const doc = JSON.parse(wf.doc) as StoredWorkflowDoc;
      if (doc.statuses.some((st) => st.statusReference === String(issue.status_id))) continue;
      const to = mapping(issue.issuetype_id, issue.status_id);
      if (to !== undefined && doc.statuses.some((st) => st.statusReference === to)) {
        moves.push({ id: issue.id, to: Number(to) });
        continue;
      }
      const type = String(issue.issuetype_id);
      missing.set(type, (missing.get(type) ?? new Set()).add(issue.status_id));
    }
  }
  return { moves, missing };
}

/** POST /workflowscheme/{id}/draft/publish: the draft replaces the scheme, as an asynchronous task. */
function publishDraft(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const row = schemeOr404(ctx);
  const parsed = PublishBody.safeParse(ctx.body ?? {});
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const draft = readDraft(ctx.site, row.id);
  if (!draft) throw notFound('Draft workflow scheme was not found.');
  const projectIds = (ctx.site.db.prepare('SELECT id FROM projects WHERE workflow_scheme_id = ?').all(row.id) as { id: number }[]).map(
    (p) => p.id,
  );
  const given = parsed.data.statusMappings ?? [];
  const { moves, missing } = issueMoves(
    ctx.site,
    projectIds,
    (type) => draft.mappings[String(type)] ?? draft.defaultWorkflow,
    (type, status) => given.find((m) => m.issueTypeId === String(type) && m.statusId === String(status))?.newStatusId,
  );
  if (missing.size > 0) {
    const statuses = [...new Set([...missing.values()].flatMap((set) => [...set]))];
    throw badRequest(
      `Issue type with ID ${[...missing.keys()].map((t) => `'${t}'`).join(',')} is missing the mappings required for statuses with IDs ${statuses.join(', ')}.`,
    );
  }
  if (ctx.query.bool('validateOnly')) return noContent();
  const now = Date.now();
  ctx.site.db.transaction(() => {
    for (const m of moves) ctx.site.db.prepare('UPDATE issues SET status_id = ?, updated = ? WHERE id = ?').run(m.to, now, m.id);
    ctx.site.db
      .prepare(
        'UPDATE workflow_schemes SET name = ?, description = ?, default_workflow = ?, mappings = ?, updated = ?, updated_by = ? WHERE id = ?',
      )
      .run(
        draft.name,
        draft.description,
        draft.defaultWorkflow,
        JSON.stringify(draft.mappings),
        new Date(now).toISOString(),
        actorOf(ctx),
        row.id,
      );
    ctx.site.db.prepare('DELETE FROM meta WHERE key = ?').run(draftKey(row.id));
  })();
  return startedTask(
    ctx,
    'Publish draft workflow scheme',
    `Published the draft of ${draft.name}; ${count(moves.length, 'issue', 'issues')} migrated.`,
  );
}

function list(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const all = ctx.site.db.prepare('SELECT * FROM workflow_schemes ORDER BY id').all() as WorkflowSchemeRow[];
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = ctx.query.int('maxResults', 50);
  const page = all.slice(startAt, startAt + maxResults);
  return json(200, {
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + page.length >= all.length,
    values: page.map((s) => schemeBean(ctx.site, s)),
  });
}

function forProjects(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const ids = ctx.query.list('projectId');
  if (!ids || ids.length === 0) throw badRequest("The query parameter 'projectId' is required.");
  const groups = new Map<number, string[]>();
  for (const id of ids) {
    const p = ctx.site.project(id);
    if (!p) continue;
    groups.set(p.workflow_scheme_id, [...(groups.get(p.workflow_scheme_id) ?? []), String(p.id)]);
  }
  const values = [...groups.entries()].flatMap(([schemeId, projectIds]) => {
    const s = ctx.site.workflowScheme(schemeId);
    return s ? [{ projectIds, workflowScheme: schemeBean(ctx.site, s) }] : [];
  });
  return json(200, { values });
}

const AssignBody = z.object({
  projectId: z.string().regex(/^\d+$/, 'projectId is a numeric string.'),
  workflowSchemeId: z.string().regex(/^\d+$/).optional(),
});

function targetScheme(ctx: Ctx, projectRef: string, schemeRef: string | undefined) {
  const project = ctx.site.project(projectRef);
  if (!project) throw notFound(`The project ${projectRef} was not found.`);
  const schemeId = Number(schemeRef ?? DEFAULT_WORKFLOW_SCHEME_ID);
  const scheme = ctx.site.workflowScheme(schemeId);
  if (!scheme) throw notFound('The workflow scheme was not found.');
  return { project, scheme };
}

/** Jira: "performed only when there are no issues in the project"; projects with issues use /switch. */
function assign(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const parsed = AssignBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const { project, scheme } = targetScheme(ctx, parsed.data.projectId, parsed.data.workflowSchemeId);
  const issues = (ctx.site.db.prepare('SELECT COUNT(*) AS n FROM issues WHERE project_id = ?').get(project.id) as { n: number }).n;
  if (issues > 0) {
    throw badRequest(
      `The project ${project.key} has ${count(issues, 'issue', 'issues')}: a workflow scheme can only be assigned to a project without issues. Use POST /rest/api/3/workflowscheme/project/switch instead.`,
    );
  }
  ctx.site.db.prepare('UPDATE projects SET workflow_scheme_id = ? WHERE id = ?').run(scheme.id, project.id);
  return noContent();
}

const SwitchBody = z.object({
  projectId: z.string().regex(/^\d+$/, 'projectId is a numeric string.'),
  targetSchemeId: z.string().regex(/^\d+$/, 'targetSchemeId is a numeric string.'),
  mappingsByIssueTypeOverride: z
    .array(
      z.object({
        issueTypeId: z.string(),
        statusMappings: z.array(z.object({ oldStatusId: z.string(), newStatusId: z.string() })),
      }),
    )
    .optional(),
});

/**
 * Switches the scheme of a project that has issues. Issues whose status the new workflow
 * lacks need a mapping (issue type + old status -> new status), as in Jira; the migration
 * runs at once and the answer is a finished task (303 to /rest/api/3/task/{id}).
 */
function switchScheme(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const parsed = SwitchBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const { project, scheme } = targetScheme(ctx, parsed.data.projectId, parsed.data.targetSchemeId);
  refuseIfTaskRunning(ctx.site, SWITCH_TASK);
  const mappings = JSON.parse(scheme.mappings) as Record<string, string>;
  const overrides = parsed.data.mappingsByIssueTypeOverride ?? [];
  const { moves, missing } = issueMoves(
    ctx.site,
    [project.id],
    (type) => mappings[String(type)] ?? scheme.default_workflow,
    (type, status) =>
      overrides.find((o) => o.issueTypeId === String(type))?.statusMappings.find((m) => m.oldStatusId === String(status))?.newStatusId,
  );
  if (missing.size > 0) {
    const list = [...missing.entries()].flatMap(([type, statuses]) => [...statuses].map((st) => `issue type ${type}: status ${st}`));
    throw badRequest(
      `Issues of ${project.key} are in statuses the target workflows lack; send mappingsByIssueTypeOverride for: ${list.join('; ')}.`,
    );
  }
  const now = Date.now();
  ctx.site.db.transaction(() => {
    for (const m of moves) ctx.site.db.prepare('UPDATE issues SET status_id = ?, updated = ? WHERE id = ?').run(m.to, now, m.id);
    ctx.site.db.prepare('UPDATE projects SET workflow_scheme_id = ? WHERE id = ?').run(scheme.id, project.id);
  })();
  return startedTask(
    ctx,
    SWITCH_TASK,
    `Switched ${project.key} to workflow scheme ${scheme.name}; ${count(moves.length, 'issue', 'issues')} migrated.`,
  );
}

const SWITCH_TASK = 'Workflow scheme switch';

export const workflowSchemeRoutes: Route[] = [
  route('POST', '/rest/api/3/workflowscheme', create),
  route('GET', '/rest/api/3/workflowscheme', list),
  route('GET', '/rest/api/3/workflowscheme/project', forProjects),
  route('PUT', '/rest/api/3/workflowscheme/project', assign),
  route('POST', '/rest/api/3/workflowscheme/project/switch', switchScheme),
  route('GET', '/rest/api/3/task/{taskId}', getTask),
  route('GET', '/rest/api/3/workflowscheme/{id}', getOne),
  route('PUT', '/rest/api/3/workflowscheme/{id}', update),
  route('POST', '/rest/api/3/workflowscheme/{id}/draft/publish', publishDraft),
];
