// Users, groups, permissions, projects and server info.
import { z } from 'zod';
import { agree } from '../../../static/shared/plural';
import { badRequest, forbidden, notFound, zodToJira } from '../errors';
import { findIssue } from '../issue-store';
import { PERMISSIONS, type IssueRow, type UserRow } from '../model';
import { json, route, type Ctx, type Route } from '../router';
import type { Principal } from '../types';
import { permissionBean } from '../site';

function withExpand(ctx: Ctx, row: UserRow): Record<string, unknown> {
  const bean = ctx.site.userBean(row);
  const expand = ctx.query.list('expand') ?? [];
  if (expand.includes('groups')) {
    const groups = ctx.site
      .groupsOf(row.account_id)
      .map((name) => ({ name, groupId: ctx.site.groupId(name), self: ctx.site.api(`/group?groupId=${ctx.site.groupId(name) ?? ''}`) }));
    bean.groups = { size: groups.length, items: groups };
  }
  if (expand.includes('applicationRoles')) bean.applicationRoles = { size: 1, items: [{ key: 'jira-software', name: 'Jira Software' }] };
  return bean;
}

function myself(ctx: Ctx) {
  const row = ctx.site.user(ctx.site.actorId(ctx.principal));
  if (!row) throw notFound('The calling user does not exist.');
  return json(200, withExpand(ctx, row));
}

function getUser(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const id = ctx.query.get('accountId');
  if (!id) throw badRequest("The query parameter 'accountId' is required.");
  const row = ctx.site.user(id);
  if (!row) throw notFound(`The user with accountId '${id}' does not exist.`);
  return json(200, withExpand(ctx, row));
}

function searchUsers(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const query = ctx.query.get('query')?.toLowerCase();
  const accountId = ctx.query.get('accountId');
  if (!query && !accountId) throw badRequest("One of the query parameters 'query' or 'accountId' is required.");
  const rows = (ctx.site.db.prepare('SELECT * FROM users ORDER BY display_name').all() as UserRow[]).filter(
    (u) =>
      (accountId === undefined || u.account_id === accountId) &&
      (query === undefined || u.display_name.toLowerCase().includes(query) || (u.email ?? '').toLowerCase().startsWith(query)),
  );
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = Math.min(ctx.query.int('maxResults', 50), 1000);
  return json(
    200,
    rows.slice(startAt, startAt + maxResults).map((u) => ctx.site.userBean(u)),
  );
}

function userGroups(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const id = ctx.query.get('accountId');
  if (!id) throw badRequest("The query parameter 'accountId' is required.");
  if (!ctx.site.user(id)) throw notFound(`The user with accountId '${id}' does not exist.`);
  return json(
    200,
    ctx.site
      .groupsOf(id)
      .map((name) => ({ name, groupId: ctx.site.groupId(name), self: ctx.site.api(`/group?groupId=${ctx.site.groupId(name) ?? ''}`) })),
  );
}

function groupMembers(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const name =
    ctx.query.get('groupname') ??
    (ctx.site.db.prepare('SELECT name FROM groups_ WHERE group_id = ?').get(ctx.query.get('groupId') ?? '') as { name: string } | undefined)
      ?.name;
  if (!name) throw badRequest("One of the query parameters 'groupname' or 'groupId' is required.");
  if (!ctx.site.groupId(name)) throw notFound(`The group '${name}' does not exist.`);
  const rows = ctx.site.db
    .prepare('SELECT u.* FROM group_members m JOIN users u ON u.account_id = m.account_id WHERE m.group_name = ? ORDER BY u.display_name')
    .all(name) as UserRow[];
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = Math.min(ctx.query.int('maxResults', 50), 50);
  const page = rows.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= rows.length;
  return json(200, {
    self: ctx.site.api(`/group/member?groupname=${encodeURIComponent(name)}&startAt=${startAt}&maxResults=${maxResults}`),
    ...(isLast
      ? {}
      : {
          nextPage: ctx.site.api(
            `/group/member?groupname=${encodeURIComponent(name)}&startAt=${startAt + maxResults}&maxResults=${maxResults}`,
          ),
        }),
    maxResults,
    startAt,
    total: rows.length,
    isLast,
    values: page.map((u) => ({
      self: ctx.site.api(`/user?accountId=${u.account_id}`),
      accountId: u.account_id,
      accountType: u.account_type,
      ...(u.email ? { emailAddress: u.email } : {}),
      avatarUrls: ctx.site.avatarUrls(u.account_id),
      displayName: u.display_name,
      active: true,
      timeZone: u.time_zone,
    })),
  });
}

function groupsPicker(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const query = (ctx.query.get('query') ?? '').toLowerCase();
  const accountId = ctx.query.get('accountId');
  const all = (
    ctx.site.db.prepare('SELECT name, group_id FROM groups_ ORDER BY name').all() as { name: string; group_id: string }[]
  ).filter((g) => g.name.toLowerCase().includes(query) && (!accountId || ctx.site.groupsOf(accountId).includes(g.name)));
  const max = ctx.query.int('maxResults', 20);
  const groups = all.slice(0, max);
  return json(200, {
    header: `Showing ${groups.length} of ${all.length} matching groups`,
    total: all.length,
    groups: groups.map((g) => ({ name: g.name, groupId: g.group_id, html: g.name, labels: [] })),
  });
}

function myPermissions(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const keys = ctx.query.list('permissions');
  if (!keys || keys.length === 0)
    throw badRequest("The query parameter 'permissions' is required, e.g. permissions=BROWSE_PROJECTS,EDIT_ISSUES.");
  const unknown = keys.filter((k) => !PERMISSIONS[k]);
  if (unknown.length > 0) throw badRequest(`Unknown permission ${agree(unknown.length, 'key', 'keys')}: ${unknown.join(', ')}.`);
  let projectId: number | undefined;
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  const projectRef = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  if (issueRef) {
    const issue = findIssue(ctx.site, issueRef);
    if (!issue || !ctx.site.can(ctx.principal, issue.project_id, 'BROWSE_PROJECTS'))
      throw notFound(`No issue with key or id '${issueRef}' could be found.`);
    projectId = issue.project_id;
  } else if (projectRef) {
    const p = ctx.site.project(projectRef);
    if (!p) throw notFound(`No project could be found with key or id '${projectRef}'.`);
    projectId = p.id;
  }
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const def = PERMISSIONS[key];
    const have =
      def?.type === 'GLOBAL' || projectId === undefined
        ? key === 'ADMINISTER'
          ? ctx.site.isSiteAdmin(ctx.principal)
          : ctx.site.projects().some((p) => ctx.site.can(ctx.principal, p.id, key))
        : ctx.site.can(ctx.principal, projectId, key);
    permissions[key] = permissionBean(key, have);
  }
  return json(200, { permissions });
}

const BulkCheck = z.object({
  accountId: z.string().optional(),
  globalPermissions: z.array(z.string().nullable()).optional(),
  projectPermissions: z
    .array(
      z.object({
        permissions: z.array(z.string()),
        projects: z.array(z.number().int().nullable()).max(1000).optional(),
        issues: z.array(z.number().int().nullable()).max(1000).optional(),
      }),
    )
    .optional(),
});

/** POST /permissions/check: what a user (the caller by default) may do, globally and per project/issue. */
function bulkCheck(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const parsed = BulkCheck.safeParse(ctx.body ?? {});
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const b = parsed.data;
  let who: Principal = ctx.principal;
  if (b.accountId !== undefined && !(ctx.principal.kind === 'user' && ctx.principal.accountId === b.accountId)) {
    if (!ctx.site.isSiteAdmin(ctx.principal)) throw forbidden('Only Jira administrators can check the permissions of other users.');
    if (!ctx.site.user(b.accountId)) throw badRequest(`The user with accountId '${b.accountId}' does not exist.`);
    who = { kind: 'user', accountId: b.accountId };
  }
  const keys = [
    ...(b.globalPermissions ?? []).filter((k): k is string => !!k),
    ...(b.projectPermissions ?? []).flatMap((p) => p.permissions.filter((k) => k !== '')),
  ];
  const unknown = keys.filter((k) => !PERMISSIONS[k]);
  if (unknown.length > 0) throw badRequest(`Unknown permission ${agree(unknown.length, 'key', 'keys')}: ${unknown.join(', ')}.`);
  const globalPermissions = (b.globalPermissions ?? [])
    .filter((k): k is string => !!k)
    .filter((k) => (k === 'ADMINISTER' ? ctx.site.isSiteAdmin(who) : ctx.site.projects().some((p) => ctx.site.can(who, p.id, k))));
  const projectPermissions = (b.projectPermissions ?? []).flatMap((pp) =>
    pp.permissions
      .filter((k) => k !== '')
      .map((permission) => ({
        permission,
        projects: (pp.projects ?? []).filter(
          (id): id is number => id !== null && !!ctx.site.project(id) && ctx.site.can(who, id, permission),
        ),
        issues: (pp.issues ?? []).filter((id): id is number => {
          if (id === null) return false;
          const issue = ctx.site.db.prepare('SELECT * FROM issues WHERE id = ?').get(id) as IssueRow | undefined;
          return (
            !!issue &&
            ctx.site.can(who, issue.project_id, 'BROWSE_PROJECTS') &&
            ctx.site.seesIssue(who, issue) &&
            ctx.site.can(who, issue.project_id, permission)
          );
        }),
      })),
  );
  return json(200, { globalPermissions, projectPermissions });
}

function getProject(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  return json(200, ctx.site.projectBean(ctx.site.projectOrThrow(ctx.params[0] ?? '', ctx.principal)));
}

function searchProjects(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const keys = ctx.query.list('keys')?.map((k) => k.toUpperCase());
  const ids = ctx.query.list('id');
  const query = ctx.query.get('query')?.toLowerCase();
  const all = ctx.site
    .projects()
    .filter(
      (p) =>
        ctx.site.can(ctx.principal, p.id, 'BROWSE_PROJECTS') &&
        (!keys || keys.includes(p.key)) &&
        (!ids || ids.includes(String(p.id))) &&
        (!query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)),
    );
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = Math.min(ctx.query.int('maxResults', 50), 100);
  const page = all.slice(startAt, startAt + maxResults);
  const expand = ctx.query.list('expand') ?? [];
  return json(200, {
    self: ctx.site.api(`/project/search?startAt=${startAt}&maxResults=${maxResults}`),
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + page.length >= all.length,
    values: page.map((p) =>
      expand.length > 0
        ? ctx.site.projectBean(p)
        : {
            ...ctx.site.projectRef(p),
            expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
            style: 'classic',
            isPrivate: false,
            properties: {},
          },
    ),
  });
}

function serverInfo(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  return json(200, {
    baseUrl: ctx.site.baseUrl,
    displayUrl: ctx.site.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100289,
    buildDate: '2026-11-01T00:00:00.000+0000',
    serverTime: new Date().toISOString().replace('Z', '+0000'),
    scmInfo: 'local-emulator',
    serverTitle: 'LCOO Jira (local sandbox)',
    serverTimeZone: 'Etc/UTC',
  });
}

export const peopleAndProjectRoutes: Route[] = [
  route('GET', '/rest/api/3/myself', myself),
  route('GET', '/rest/api/3/user', getUser),
  route('GET', '/rest/api/3/user/search', searchUsers),
  route('GET', '/rest/api/3/user/groups', userGroups),
  route('GET', '/rest/api/3/group/member', groupMembers),
  route('GET', '/rest/api/3/groups/picker', groupsPicker),
  route('GET', '/rest/api/3/mypermissions', myPermissions),
  route('POST', '/rest/api/3/permissions/check', bulkCheck),
  route('GET', '/rest/api/3/project/search', searchProjects),
  route('GET', '/rest/api/3/project/{projectIdOrKey}', getProject),
  route('GET', '/rest/api/3/serverInfo', serverInfo),
];
