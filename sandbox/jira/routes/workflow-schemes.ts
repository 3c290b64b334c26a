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
    id: s.id, name: s.name, description: s.description, defaultWorkflow: s.default_workflow, issueTypeMappings: mappings,
    draft: false, lastModified: s.updated, self: site.api(`/workflowscheme/${s.id}`),
  };
}

function checkBody(site: Site, b: z.infer<typeof SchemeBody>, selfId?: number): void {
  const errors: Record<string, string> = {};
  if (b.defaultWorkflow && !site.workflowByName(b.defaultWorkflow)) errors.defaultWorkflow = `The workflow '${b.defaultWorkflow}' does not exist.`;
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
    ctx.site.db.prepare('INSERT INTO workflow_schemes (id, name, description, default_workflow, mappings, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(newId, b.name, b.description ?? '', b.defaultWorkflow ?? 'jira', JSON.stringify(b.issueTypeMappings ?? {}), new Date().toISOString(), actorOf(ctx));
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
  ctx.site.db.prepare('UPDATE workflow_schemes SET name = ?, description = ?, default_workflow = ?, mappings = ?, updated = ?, updated_by = ? WHERE id = ?')
    .run(b.name, b.description ?? row.description, b.defaultWorkflow ?? row.default_workflow, JSON.stringify(b.issueTypeMappings ?? JSON.parse(row.mappings)), new Date().toISOString(), actorOf(ctx), row.id);
  return json(200, schemeBean(ctx.site, ctx.site.workflowScheme(row.id) ?? row));
}

function list(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const all = ctx.site.db.prepare('SELECT * FROM workflow_schemes ORDER BY id').all() as WorkflowSchemeRow[];
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = ctx.query.int('maxResults', 50);
  const page = all.slice(startAt, startAt + maxResults);
  return json(200, { maxResults, startAt, total: all.length, isLast: startAt + page.length >= all.length, values: page.map((s) => schemeBean(ctx.site, s)) });
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

const AssignBody = z.object({ projectId: z.string().regex(/^\d+$/, 'projectId is a numeric string.'), workflowSchemeId: z.string().regex(/^\d+$/).optional() });

function assign(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const parsed = AssignBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const project = ctx.site.project(parsed.data.projectId);
  if (!project) throw notFound(`The project ${parsed.data.projectId} was not found.`);
  const schemeId = Number(parsed.data.workflowSchemeId ?? DEFAULT_WORKFLOW_SCHEME_ID);
  const scheme = ctx.site.workflowScheme(schemeId);
  if (!scheme) throw notFound(`The workflow scheme ${schemeId} was not found.`);
  // Jira refuses a switch that would strand issues in statuses the new workflows lack (it needs a migration).
  const mappings = JSON.parse(scheme.mappings) as Record<string, string>;
  const stranded = (ctx.site.db.prepare('SELECT * FROM issues WHERE project_id = ?').all(project.id) as IssueRow[]).filter((i) => {
    const wf = ctx.site.workflowByName(mappings[String(i.issuetype_id)] ?? scheme.default_workflow);
    const doc = wf ? (JSON.parse(wf.doc) as StoredWorkflowDoc) : undefined;
    return !doc || !doc.statuses.some((s) => s.statusReference === String(i.status_id));
  });
  if (stranded.length > 0) {
    throw badRequest(`${stranded.length} issue(s) of ${project.key} (e.g. ${stranded.slice(0, 3).map((i) => i.key).join(', ')}) are in statuses the scheme's workflows do not have; migrate them first.`);
  }
  ctx.site.db.prepare('UPDATE projects SET workflow_scheme_id = ? WHERE id = ?').run(schemeId, project.id);
  return noContent();
}

export const workflowSchemeRoutes: Route[] = [
  route('POST', '/rest/api/3/workflowscheme', create),
  route('GET', '/rest/api/3/workflowscheme', list),
  route('GET', '/rest/api/3/workflowscheme/project', forProjects),
  route('PUT', '/rest/api/3/workflowscheme/project', assign),
  route('GET', '/rest/api/3/workflowscheme/{id}', getOne),
  route('PUT', '/rest/api/3/workflowscheme/{id}', update),
];
