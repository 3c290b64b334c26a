// Classic workflow schemes: create/read/update and the project association.
import { z } from 'zod';
import { badRequest, notFound, zodToJira } from '../errors';
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
    lastModified: s.updated,
    self: site.api(`/workflowscheme/${s.id}`),
  };
}

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
  return json(200, schemeBean(ctx.site, schemeOr404(ctx)));
}

function update(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const row = schemeOr404(ctx);
  const b = parse(ctx.body);
  checkBody(ctx.site, b, row.id);
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
  const count = (ctx.site.db.prepare('SELECT COUNT(*) AS n FROM issues WHERE project_id = ?').get(project.id) as { n: number }).n;
  if (count > 0) {
    throw badRequest(
      `The project ${project.key} has ${count} issue(s): a workflow scheme can only be assigned to a project without issues. Use POST /rest/api/3/workflowscheme/project/switch instead.`,
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
  const mappings = JSON.parse(scheme.mappings) as Record<string, string>;
  const overrides = parsed.data.mappingsByIssueTypeOverride ?? [];
  const moves: { id: number; to: number }[] = [];
  const missing = new Set<string>();
  for (const issue of ctx.site.db.prepare('SELECT * FROM issues WHERE project_id = ?').all(project.id) as IssueRow[]) {
    const wf = ctx.site.workflowByName(mappings[String(issue.issuetype_id)] ?? scheme.default_workflow);
    const doc = wf ? (JSON.parse(wf.doc) as StoredWorkflowDoc) : undefined;
    if (!doc)
      throw badRequest(
        `The workflow '${mappings[String(issue.issuetype_id)] ?? scheme.default_workflow}' of the target scheme does not exist.`,
      );
    if (doc.statuses.some((s) => s.statusReference === String(issue.status_id))) continue;
    const mapping = overrides
      .find((o) => o.issueTypeId === String(issue.issuetype_id))
      ?.statusMappings.find((m) => m.oldStatusId === String(issue.status_id));
    if (!mapping || !doc.statuses.some((s) => s.statusReference === mapping.newStatusId)) {
      missing.add(`issue type ${issue.issuetype_id}: status ${issue.status_id}`);
      continue;
    }
    moves.push({ id: issue.id, to: Number(mapping.newStatusId) });
  }
  if (missing.size > 0) {
    throw badRequest(
      `Issues of ${project.key} are in statuses the target workflows lack; send mappingsByIssueTypeOverride for: ${[...missing].join('; ')}.`,
    );
  }
  const actor = ctx.site.actorId(ctx.principal);
  const now = Date.now();
  const taskId = ctx.site.db.transaction(() => {
    for (const m of moves) ctx.site.db.prepare('UPDATE issues SET status_id = ?, updated = ? WHERE id = ?').run(m.to, now, m.id);
    ctx.site.db.prepare('UPDATE projects SET workflow_scheme_id = ? WHERE id = ?').run(scheme.id, project.id);
    return recordTask(
      ctx.site,
      actor,
      now,
      `Switched ${project.key} to workflow scheme ${scheme.name}; ${moves.length} issue(s) migrated.`,
    );
  })();
  const task = readTask(ctx.site, taskId);
  return { status: 303, body: task, headers: { location: ctx.site.api(`/task/${taskId}`) } };
}

interface TaskRow {
  id: string;
  submitted: number;
  submittedBy: string;
  message: string;
}

function recordTask(site: Site, actor: string, at: number, message: string): string {
  const id = String(nextId(site.db, 'task', 10000));
  site.db
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
    .run(`task:${id}`, JSON.stringify({ id, submitted: at, submittedBy: actor, message }));
  return id;
}

function readTask(site: Site, id: string): Record<string, unknown> | undefined {
  const row = site.db.prepare('SELECT value FROM meta WHERE key = ?').get(`task:${id}`) as { value: string } | undefined;
  if (!row) return undefined;
  const t = JSON.parse(row.value) as TaskRow;
  return {
    self: site.api(`/task/${t.id}`),
    id: t.id,
    description: 'Workflow scheme switch',
    status: 'COMPLETE',
    message: t.message,
    result: t.message,
    submittedBy: 0,
    progress: 100,
    elapsedRuntime: 0,
    submitted: t.submitted,
    started: t.submitted,
    finished: t.submitted,
    lastUpdate: t.submitted,
  };
}

function getTask(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const task = readTask(ctx.site, ctx.params[0] ?? '');
  if (!task) throw notFound(`The task ${ctx.params[0] ?? ''} was not found.`);
  return json(200, task);
}

export const workflowSchemeRoutes: Route[] = [
  route('POST', '/rest/api/3/workflowscheme', create),
  route('GET', '/rest/api/3/workflowscheme', list),
  route('GET', '/rest/api/3/workflowscheme/project', forProjects),
  route('PUT', '/rest/api/3/workflowscheme/project', assign),
  route('POST', '/rest/api/3/workflowscheme/project/switch', switchScheme),
  route('GET', '/rest/api/3/task/{taskId}', getTask),
  route('GET', '/rest/api/3/workflowscheme/{id}', getOne),
  route('PUT', '/rest/api/3/workflowscheme/{id}', update),
];
