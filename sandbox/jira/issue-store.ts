// Issues: loading with permission checks, the IssueBean Jira returns, field writes with
// a changelog, and the issue events the host turns into Forge triggers.
import { forbidden, notFound } from './errors';
import type { IssueRow, StatusRow } from './model';
import type { Ctx } from './router';
import type { Site } from './site';
import type { Principal } from './types';
import { issueLinksField } from './routes/issue-links';

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
export const SYSTEM_FIELDS = [
  'summary',
  'status',
  'issuetype',
  'project',
  'labels',
  'assignee',
  'reporter',
  'creator',
  'created',
  'updated',
  'description',
  'parent',
  'statuscategorychangedate',
  'issuelinks',
] as const;

/** Jira's timestamp format: 2026-11-25T18:30:00.000+0000 */
export const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export function findIssue(site: Site, idOrKey: string): IssueRow | undefined {
  return (
    /^\d+$/.test(idOrKey)
      ? site.db.prepare('SELECT * FROM issues WHERE id = ?').get(Number(idOrKey))
      : site.db.prepare('SELECT * FROM issues WHERE key = ? COLLATE NOCASE').get(idOrKey)
  ) as IssueRow | undefined;
}

/** Loads an issue the caller may browse (404 otherwise, as Jira hides what you cannot see), then checks `permission` (403). */
export function issueFor(ctx: Ctx, idOrKey: string, permission?: string, deniedMessage?: string): IssueRow {
  ctx.site.actorId(ctx.principal);
  const issue = findIssue(ctx.site, idOrKey);
  if (!issue || !ctx.site.can(ctx.principal, issue.project_id, 'BROWSE_PROJECTS') || !ctx.site.seesIssue(ctx.principal, issue))
    throw notFound(ISSUE_NOT_FOUND);
  if (permission && !ctx.site.can(ctx.principal, issue.project_id, permission)) {
    throw forbidden(deniedMessage ?? `You do not have the permission ${permission} on issue ${issue.key}.`);
  }
  return issue;
}

/** Which fields a `fields` parameter selects (`*all`, `*navigable`, names, `-name`). */
export function selectFields(requested: string[] | undefined, fallback: string[]): Set<string> | 'all' {
  const list = requested && requested.length > 0 ? requested : fallback;
  let all = false;
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const f of list) {
    if (f === '*all' || f === '*navigable') all = true;
    else if (f.startsWith('-')) exclude.add(f.slice(1));
    else include.add(f);
  }
  if (!all) return include;
  if (exclude.size === 0) return 'all';
  const names = new Set<string>(SYSTEM_FIELDS);
  for (const e of exclude) names.delete(e);
  names.add('*custom');
  return names;
}

export interface BeanOptions {
  fields: Set<string> | 'all';
  properties?: string[];
  expand?: string[];
  /** Who reads: `issuelinks` leaves out links to issues they may not see (default: the app, who sees all). */
  viewer?: Principal;
}

export function issueBean(
  site: Site,
  issue: IssueRow,
  opts: BeanOptions,
  statusCache = new Map<number, StatusRow | undefined>(),
): Record<string, unknown> {
  const want = (f: string) => opts.fields === 'all' || opts.fields.has(f);
  const fields: Record<string, unknown> = {};
  const status = statusCache.has(issue.status_id) ? statusCache.get(issue.status_id) : site.status(issue.status_id);
  statusCache.set(issue.status_id, status);
  if (want('summary')) fields.summary = issue.summary;
  if (want('status') && status) fields.status = site.statusBean(status);
  if (want('issuetype')) {
    const t = site.issueType(issue.issuetype_id);
    if (t) fields.issuetype = site.issueTypeBean(t);
  }
  if (want('project')) {
    const p = site.project(issue.project_id);
    if (p) fields.project = site.projectRef(p);
  }
  if (want('labels')) fields.labels = JSON.parse(issue.labels) as string[];
  if (want('assignee')) fields.assignee = site.userRef(issue.assignee);
  if (want('reporter')) fields.reporter = site.userRef(issue.reporter);
  if (want('creator')) fields.creator = site.userRef(issue.reporter);
  if (want('created')) fields.created = jiraTime(issue.created);
  if (want('updated')) fields.updated = jiraTime(issue.updated);
  if (want('statuscategorychangedate')) fields.statuscategorychangedate = jiraTime(issue.status_changed);
  if (want('description')) fields.description = issue.description === null ? null : JSON.parse(issue.description);
  if (want('parent') && issue.parent_id !== null) {
    const parent = findIssue(site, String(issue.parent_id));
    if (parent)
      fields.parent = {
        id: String(parent.id),
        key: parent.key,
        self: site.api(`/issue/${parent.id}`),
        fields: { summary: parent.summary },
      };
  }
  if (want('issuelinks')) {
    const viewer = opts.viewer ?? { kind: 'app' };
    fields.issuelinks = issueLinksField(
      site,
      issue.id,
      (other) => site.can(viewer, other.project_id, 'BROWSE_PROJECTS') && site.seesIssue(viewer, other),
    );
  }
  const extra = JSON.parse(issue.extra) as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) if (want(k) || want('*custom')) fields[k] = v;

  const bean: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: String(issue.id),
    self: site.api(`/issue/${issue.id}`),
    key: issue.key,
    fields,
  };
  if (opts.properties && opts.properties.length > 0) bean.properties = readProperties(site, issue.id, opts.properties);
  const expand = opts.expand ?? [];
  if (expand.includes('names'))
    bean.names = Object.fromEntries(Object.keys(fields).map((k) => [k, k.charAt(0).toUpperCase() + k.slice(1)]));
  if (expand.includes('changelog')) bean.changelog = changelogPage(site, issue.id);
  return bean;
}

/** `properties` parameter: `*all`, keys, `-key`. */
export function readProperties(site: Site, issueId: number, requested: string[]): Record<string, unknown> {
  const rows = site.db.prepare('SELECT key, value FROM issue_properties WHERE issue_id = ? ORDER BY key').all(issueId) as {
    key: string;
    value: string;
  }[];
  const all = requested.includes('*all');
  const excluded = new Set(requested.filter((r) => r.startsWith('-')).map((r) => r.slice(1)));
  const out: Record<string, unknown> = {};
  for (const r of rows) if ((all || requested.includes(r.key)) && !excluded.has(r.key)) out[r.key] = JSON.parse(r.value);
  return out;
}

export function changelogPage(site: Site, issueId: number): Record<string, unknown> {
  const rows = site.db.prepare('SELECT * FROM changelog WHERE issue_id = ? ORDER BY id').all(issueId) as {
    id: number;
    author: string | null;
    created: number;
    items: string;
  }[];
  return {
    startAt: 0,
    maxResults: rows.length,
    total: rows.length,
    histories: rows.map((r) => ({
      id: String(r.id),
      author: site.userRef(r.author) ?? undefined,
      created: jiraTime(r.created),
      items: JSON.parse(r.items),
    })),
  };
}

export interface ChangeItem {
  field: string;
  fieldtype: string;
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export function recordChangelog(site: Site, issueId: number, author: string, items: ChangeItem[], at: number): Record<string, unknown> {
  const info = site.db
    .prepare('INSERT INTO changelog (issue_id, author, created, items) VALUES (?, ?, ?, ?)')
    .run(issueId, author, at, JSON.stringify(items));
  return { id: String(info.lastInsertRowid), items };
}

export function emitIssueEvent(
  ctx: Ctx,
  webhookEvent: 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted',
  issueId: number,
  changelog?: unknown,
): void {
  const hook = ctx.hooks.onIssueEvent;
  if (!hook) return;
  const issue = findIssue(ctx.site, String(issueId));
  if (!issue) return;
  const accountId = ctx.principal.kind === 'user' ? ctx.principal.accountId : undefined;
  // A failing listener must not turn a successful Jira write into an error.
  try {
    hook({
      webhookEvent,
      issue: issueBean(ctx.site, issue, { fields: 'all' }),
      ...(changelog ? { changelog } : {}),
      ...(accountId ? { accountId } : {}),
    });
  } catch (err) {
    console.error(`[jira-emulator] onIssueEvent listener threw for ${issue.key}:`, err);
  }
}
