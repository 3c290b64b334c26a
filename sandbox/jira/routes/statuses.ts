// Statuses: the bulk API (/statuses, /statuses/search) and the classic list (/status).
import { z } from 'zod';
import { badRequest, conflict, notFound, zodToJira } from '../errors';
import { nextId } from '../db';
import type { StatusRow } from '../model';
import { json, route, type Ctx, type Route } from '../router';
import type { Site } from '../site';

const Category = z.enum(['TODO', 'IN_PROGRESS', 'DONE']);
const ScopeSchema = z
  .object({ type: z.enum(['PROJECT', 'GLOBAL']), project: z.object({ id: z.string().regex(/^\d+$/) }).optional() })
  .refine((s) => s.type === 'GLOBAL' || !!s.project, { message: 'A PROJECT scope needs project.id.' });
const CreateBody = z.object({
  scope: ScopeSchema,
  statuses: z
    .array(z.object({ name: z.string().trim().min(1).max(255), statusCategory: Category, description: z.string().optional() }))
    .min(1),
});
export type StatusScopeInput = z.infer<typeof ScopeSchema>;
const UpdateBody = z.object({
  statuses: z
    .array(
      z.object({
        id: z.string().regex(/^\d+$/),
        name: z.string().trim().min(1).max(255, { message: 'The name is too long, maxSize=255' }),
        statusCategory: Category,
        description: z.string().optional(),
      }),
    )
    .min(1),
});

/** Finds a status by name visible in a scope (global ones and the project's own). */
export function statusInScope(site: Site, name: string, projectId: number | null): StatusRow | undefined {
  return site
    .statuses()
    .find((s) => s.name.toLowerCase() === name.toLowerCase() && (s.scope_project_id === null || s.scope_project_id === projectId));
}

export function createStatus(
  site: Site,
  name: string,
  category: StatusRow['category'],
  description: string,
  projectId: number | null,
): StatusRow {
  const id = nextId(site.db, 'status', 10000);
  site.db
    .prepare('INSERT INTO statuses (id, name, category, description, scope_project_id) VALUES (?, ?, ?, ?, ?)')
    .run(id, name, category, description, projectId);
  const row = site.status(id);
  if (!row) throw new Error('status insert failed');
  return row;
}

export function scopeProjectId(site: Site, scope: StatusScopeInput): number | null {
  if (scope.type === 'GLOBAL') return null;
  const p = site.project(scope.project?.id ?? '');
  if (!p) throw notFound(`The project ${scope.project?.id ?? ''} of the scope was not found.`);
  return p.id;
}

function create(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const parsed = CreateBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const projectId = scopeProjectId(ctx.site, parsed.data.scope);
  const names = parsed.data.statuses.map((s) => s.name.toLowerCase());
  if (new Set(names).size !== names.length) throw badRequest('The request names the same status twice.');
  for (const s of parsed.data.statuses) {
    if (statusInScope(ctx.site, s.name, projectId)) throw conflict(`A status with the name '${s.name}' already exists in this scope.`);
  }
  const created = ctx.site.db.transaction(() =>
    parsed.data.statuses.map((s) => createStatus(ctx.site, s.name, s.statusCategory, s.description ?? '', projectId)),
  )();
  return json(
    200,
    created.map((s) => ctx.site.jiraStatus(s)),
  );
}

/** PUT /rest/api/3/statuses (updateStatuses): renames statuses by id; 204, as the OpenAPI document says. */
function update(ctx: Ctx) {
  ctx.site.requireAdmin(ctx.principal);
  const parsed = UpdateBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  for (const s of parsed.data.statuses) {
    const row = ctx.site.status(s.id);
    if (!row) throw notFound(`The status ${s.id} was not found.`);
    const clash = statusInScope(ctx.site, s.name, row.scope_project_id);
    if (clash && String(clash.id) !== s.id) throw conflict(`A status with the name '${s.name}' already exists in this scope.`);
  }
  ctx.site.db.transaction(() => {
    for (const s of parsed.data.statuses) {
      ctx.site.db
        .prepare('UPDATE statuses SET name = ?, category = ?, description = COALESCE(?, description) WHERE id = ?')
        .run(s.name, s.statusCategory, s.description ?? null, Number(s.id));
    }
  })();
  return { status: 204 };
}

function byIds(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const ids = ctx.query.list('id');
  if (!ids || ids.length === 0) throw badRequest("The query parameter 'id' is required.");
  return json(
    200,
    ids
      .map((id) => ctx.site.status(id))
      .filter((s): s is StatusRow => !!s)
      .map((s) => ctx.site.jiraStatus(s)),
  );
}

function searchStatuses(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const q = ctx.query;
  const projectId = q.get('projectId');
  const text = q.get('searchString')?.toLowerCase();
  const category = q.get('statusCategory');
  const all = ctx.site
    .statuses()
    .filter(
      (s) =>
        (projectId === undefined ? true : s.scope_project_id === null || String(s.scope_project_id) === projectId) &&
        (!text || s.name.toLowerCase().includes(text)) &&
        (!category || s.category === category),
    );
  const startAt = q.int('startAt', 0);
  const maxResults = Math.min(q.int('maxResults', 200), 200);
  const page = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= all.length;
  return json(200, {
    self: ctx.site.api(`/statuses/search?startAt=${startAt}&maxResults=${maxResults}`),
    ...(isLast ? {} : { nextPage: ctx.site.api(`/statuses/search?startAt=${startAt + maxResults}&maxResults=${maxResults}`) }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values: page.map((s) => ctx.site.jiraStatus(s)),
  });
}

function classicList(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  return json(
    200,
    ctx.site.statuses().map((s) => ctx.site.statusBean(s)),
  );
}

export const statusRoutes: Route[] = [
  route('POST', '/rest/api/3/statuses', create),
  route('PUT', '/rest/api/3/statuses', update),
  route('GET', '/rest/api/3/statuses', byIds),
  route('GET', '/rest/api/3/statuses/search', searchStatuses),
  route('GET', '/rest/api/3/status', classicList),
];
