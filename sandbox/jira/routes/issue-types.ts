// Issue types and issue type schemes (company-managed projects).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, conflict, notFound, zodToJira } from '../errors';
import { nextId } from '../db';
import { json, noContent, route, type Ctx, type Route } from '../router';
import { DEFAULT_ISSUETYPE_SCHEME_ID } from '../seed-site';

function listAll(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  return json(
    200,
    ctx.site.issueTypes().map((t) => ctx.site.issueTypeBean(t)),
  );
}

const CreateBody = z.object({
  name: z.string().trim().min(1, 'The issue type name must not be empty.').max(60, 'The issue type name must be 60 characters or fewer.'),
  description: z.string().optional(),
  hierarchyLevel: z.number().int().optional(),
  type: z.enum(['subtask', 'standard']).optional(),
});

function create(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const parsed = CreateBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const b = parsed.data;
  const level = b.hierarchyLevel ?? (b.type === 'subtask' ? -1 : 0);
  if (level !== 0 && level !== -1) throw badRequest(`hierarchyLevel ${level} is not allowed: use 0 (standard) or -1 (subtask).`);
  if (ctx.site.issueTypes().some((t) => t.name.toLowerCase() === b.name.toLowerCase()))
    throw conflict(`An issue type with the name '${b.name}' already exists.`);
  const db = ctx.site.db;
  const id = db.transaction(() => {
    const newId = nextId(db, 'issuetype', 10000);
    db.prepare('INSERT INTO issuetypes (id, name, description, hierarchy_level, avatar_id, entity_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      newId,
      b.name,
      b.description ?? '',
      level,
      level === -1 ? 10316 : 10318,
      randomUUID(),
    );
    // Like Jira, every new issue type joins the default issue type scheme.
    const pos = (
      db
        .prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM issuetype_scheme_items WHERE scheme_id = ?')
        .get(DEFAULT_ISSUETYPE_SCHEME_ID) as { p: number }
    ).p;
    db.prepare('INSERT INTO issuetype_scheme_items (scheme_id, issuetype_id, position) VALUES (?, ?, ?)').run(
      DEFAULT_ISSUETYPE_SCHEME_ID,
      newId,
      pos,
    );
    return newId;
  })();
  const row = ctx.site.issueType(id);
  return json(201, row ? ctx.site.issueTypeBean(row) : {});
}

function forProject(ctx: Ctx) {
  const raw = ctx.query.get('projectId');
  if (!raw || !/^\d+$/.test(raw)) throw badRequest("The query parameter 'projectId' is required and must be a number.");
  const project = ctx.site.projectOrThrow(raw, ctx.principal);
  const level = ctx.query.get('level');
  return json(
    200,
    ctx.site
      .projectIssueTypes(project.id)
      .filter((t) => level === undefined || String(t.hierarchy_level) === level)
      .map((t) => ctx.site.issueTypeBean(t)),
  );
}

interface SchemeRow {
  id: number;
  name: string;
  description: string;
  is_default: number;
  default_issuetype_id: number | null;
}
const schemeBean = (s: SchemeRow) => ({
  id: String(s.id),
  name: s.name,
  description: s.description,
  ...(s.is_default ? { isDefault: true } : {}),
  ...(s.default_issuetype_id !== null ? { defaultIssueTypeId: String(s.default_issuetype_id) } : {}),
});

function schemeForProjects(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const ids = ctx.query.list('projectId');
  if (!ids || ids.length === 0) throw badRequest("The query parameter 'projectId' is required.");
  const groups = new Map<number, { scheme: SchemeRow; projectIds: string[] }>();
  for (const id of ids) {
    const p = ctx.site.project(id);
    if (!p) continue;
    const scheme = ctx.site.db.prepare('SELECT * FROM issuetype_schemes WHERE id = ?').get(p.issuetype_scheme_id) as SchemeRow;
    const g = groups.get(scheme.id) ?? { scheme, projectIds: [] };
    g.projectIds.push(String(p.id));
    groups.set(scheme.id, g);
  }
  const values = [...groups.values()].map((g) => ({ issueTypeScheme: schemeBean(g.scheme), projectIds: g.projectIds }));
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = ctx.query.int('maxResults', 50);
  const page = values.slice(startAt, startAt + maxResults);
  return json(200, { maxResults, startAt, total: values.length, isLast: startAt + page.length >= values.length, values: page });
}

const AddTypesBody = z.object({ issueTypeIds: z.array(z.string().regex(/^\d+$/, 'Issue type ids are numeric strings.')).min(1) });

function addTypes(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const schemeId = Number(ctx.params[0]);
  const db = ctx.site.db;
  if (!db.prepare('SELECT 1 FROM issuetype_schemes WHERE id = ?').get(schemeId))
    throw notFound(`The issue type scheme ${ctx.params[0] ?? ''} was not found.`);
  const parsed = AddTypesBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const present = new Set(
    (db.prepare('SELECT issuetype_id FROM issuetype_scheme_items WHERE scheme_id = ?').all(schemeId) as { issuetype_id: number }[]).map(
      (r) => String(r.issuetype_id),
    ),
  );
  for (const id of parsed.data.issueTypeIds) {
    if (!ctx.site.issueType(id)) throw notFound(`The issue type ${id} was not found.`);
  }
  const dup = parsed.data.issueTypeIds.filter((id) => present.has(id));
  if (dup.length > 0) throw badRequest(`These issue types are already in the issue type scheme: ${dup.join(', ')}.`);
  db.transaction(() => {
    let pos = (
      db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM issuetype_scheme_items WHERE scheme_id = ?').get(schemeId) as {
        p: number;
      }
    ).p;
    for (const id of parsed.data.issueTypeIds)
      db.prepare('INSERT INTO issuetype_scheme_items (scheme_id, issuetype_id, position) VALUES (?, ?, ?)').run(
        schemeId,
        Number(id),
        pos++,
      );
  })();
  return noContent();
}

export const issueTypeRoutes: Route[] = [
  route('GET', '/rest/api/3/issuetype', listAll),
  route('POST', '/rest/api/3/issuetype', create),
  route('GET', '/rest/api/3/issuetype/project', forProject),
  route('GET', '/rest/api/3/issuetypescheme/project', schemeForProjects),
  route('PUT', '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype', addTypes),
];
