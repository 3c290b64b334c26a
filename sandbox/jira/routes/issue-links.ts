// Issue link types and issue links (Jira Cloud REST v3, "Issue link types" and "Issue links").
// A link joins an outward issue (where it originates: "outward issue <outward> inward issue")
// to an inward issue; an issue's `issuelinks` field lists each link from its own side, naming
// the other issue as `outwardIssue` (label: the type's outward text) or `inwardIssue` (label:
// the inward text). Sources and the permission answers: docs/platform-facts.md "Issue links".
import { z } from 'zod';
import { badRequest, notFound, zodToJira } from '../errors';
import { nextId } from '../db';
import type { IssueRow } from '../model';
import { json, noContent, route, type Ctx, type Route } from '../router';
import type { Site } from '../site';

interface LinkTypeRow {
  id: number;
  name: string;
  inward: string;
  outward: string;
}
interface LinkRow {
  id: number;
  type_id: number;
  outward_issue_id: number;
  inward_issue_id: number;
}

/** An issue by id or key (issue-store.ts imports this file, so not its findIssue). */
function findIssue(site: Site, idOrKey: string): IssueRow | undefined {
  return (
    /^\d+$/.test(idOrKey)
      ? site.db.prepare('SELECT * FROM issues WHERE id = ?').get(Number(idOrKey))
      : site.db.prepare('SELECT * FROM issues WHERE key = ? COLLATE NOCASE').get(idOrKey)
  ) as IssueRow | undefined;
}

const typeBean = (site: Site, t: LinkTypeRow) => ({
  id: String(t.id),
  name: t.name,
  inward: t.inward,
  outward: t.outward,
  self: site.api(`/issueLinkType/${t.id}`),
});

const linkTypes = (site: Site): LinkTypeRow[] =>
  site.db.prepare('SELECT * FROM issue_link_types ORDER BY name COLLATE NOCASE').all() as LinkTypeRow[];
const linkType = (site: Site, id: number): LinkTypeRow | undefined =>
  site.db.prepare('SELECT * FROM issue_link_types WHERE id = ?').get(id) as LinkTypeRow | undefined;

/** The other issue of a link as Jira shows it: id, key, self and a few fields. */
function linkedIssueBean(site: Site, issue: IssueRow) {
  const status = site.status(issue.status_id);
  const type = site.issueType(issue.issuetype_id);
  return {
    id: String(issue.id),
    key: issue.key,
    self: site.api(`/issue/${issue.id}`),
    fields: {
      summary: issue.summary,
      ...(status ? { status: site.statusBean(status) } : {}),
      ...(type ? { issuetype: site.issueTypeBean(type) } : {}),
    },
  };
}

/** Whether the caller may see the issue (browse its project and its security level). */
const sees = (ctx: Ctx, issue: IssueRow | undefined): issue is IssueRow =>
  !!issue && ctx.site.can(ctx.principal, issue.project_id, 'BROWSE_PROJECTS') && ctx.site.seesIssue(ctx.principal, issue);

/**
 * The `issuelinks` field of an issue as the caller sees it: each link from this issue's side;
 * a link to an issue the caller may not see is left out, as Jira does.
 */
export function issueLinksField(site: Site, issueId: number, canSee: (issue: IssueRow) => boolean): Record<string, unknown>[] {
  const rows = site.db
    .prepare('SELECT * FROM issue_links WHERE outward_issue_id = ? OR inward_issue_id = ? ORDER BY id')
    .all(issueId, issueId) as LinkRow[];
  const out: Record<string, unknown>[] = [];
  for (const l of rows) {
    const type = linkType(site, l.type_id);
    const fromHere = l.outward_issue_id === issueId;
    const other = findIssue(site, String(fromHere ? l.inward_issue_id : l.outward_issue_id));
    if (!type || !other || !canSee(other)) continue;
    out.push({
      id: String(l.id),
      self: site.api(`/issueLink/${l.id}`),
      type: typeBean(site, type),
      // From the outward (originating) issue the link reads "<outward> other", so the other is its outwardIssue.
      ...(fromHere ? { outwardIssue: linkedIssueBean(site, other) } : { inwardIssue: linkedIssueBean(site, other) }),
    });
  }
  return out;
}

function listTypes(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  return json(200, { issueLinkTypes: linkTypes(ctx.site).map((t) => typeBean(ctx.site, t)) });
}

function getType(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const t = /^\d+$/.test(ctx.params[0] ?? '') ? linkType(ctx.site, Number(ctx.params[0])) : undefined;
  if (!t) throw notFound(`No issue link type with ID '${ctx.params[0] ?? ''}' found.`);
  return json(200, typeBean(ctx.site, t));
}

const text = (what: string) =>
  z
    .string({ error: `The ${what} of the issue link type is required.` })
    .trim()
    .min(1, `The ${what} of the issue link type is required.`)
    .max(255, `The ${what} of the issue link type must be 255 characters or fewer.`);
const CreateTypeBody = z.object({ name: text('name'), inward: text('inward description'), outward: text('outward description') });

function createType(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  // Jira answers 404 (not 403) to a caller without Administer Jira, and to a name in use.
  if (!ctx.site.isSiteAdmin(ctx.principal)) throw notFound('You do not have the permission to create an issue link type.');
  const parsed = CreateTypeBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const b = parsed.data;
  if (linkTypes(ctx.site).some((t) => t.name.toLowerCase() === b.name.toLowerCase()))
    throw notFound(`The issue link type name '${b.name}' is already in use.`);
  const db = ctx.site.db;
  const id = db.transaction(() => {
    const newId = nextId(db, 'issuelinktype', 10000);
    db.prepare('INSERT INTO issue_link_types (id, name, inward, outward) VALUES (?, ?, ?, ?)').run(newId, b.name, b.inward, b.outward);
    return newId;
  })();
  return json(201, typeBean(ctx.site, linkType(ctx.site, id)!));
}

const IssueRef = z
  .object({ id: z.string().optional(), key: z.string().optional() })
  .refine((r) => r.id !== undefined || r.key !== undefined, {
    error: 'Give the id or the key of the issue.',
  });
const LinkBody = z.object({
  type: z.object({ id: z.string().optional(), name: z.string().optional() }),
  inwardIssue: IssueRef,
  outwardIssue: IssueRef,
  comment: z.unknown().optional(),
});

function createLink(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const parsed = LinkBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const b = parsed.data;
  const type =
    b.type.id !== undefined
      ? /^\d+$/.test(b.type.id)
        ? linkType(ctx.site, Number(b.type.id))
        : undefined
      : linkTypes(ctx.site).find((t) => t.name.toLowerCase() === (b.type.name ?? '').toLowerCase());
  if (!type) throw notFound(`No issue link type named '${b.type.name ?? b.type.id ?? ''}' found.`);
  const find = (r: { id?: string | undefined; key?: string | undefined }) => findIssue(ctx.site, r.id ?? r.key ?? '');
  const outward = find(b.outwardIssue);
  const inward = find(b.inwardIssue);
  // Jira answers 404 for an issue the caller can't see and for a missing Link issues permission alike.
  if (!sees(ctx, outward) || !sees(ctx, inward)) throw notFound('Issue does not exist or you do not have permission to see it.');
  if (!ctx.site.can(ctx.principal, outward.project_id, 'LINK_ISSUES'))
    throw notFound(`You do not have the permission to link issues in the project of ${outward.key}.`);
  if (outward.id === inward.id) throw badRequest('You cannot link an issue to itself.');
  const db = ctx.site.db;
  db.transaction(() => {
    // A duplicate of an existing link answers 201 and adds nothing.
    const exists = db
      .prepare('SELECT 1 FROM issue_links WHERE type_id = ? AND outward_issue_id = ? AND inward_issue_id = ?')
      .get(type.id, outward.id, inward.id);
    if (exists) return;
    db.prepare('INSERT INTO issue_links (id, type_id, outward_issue_id, inward_issue_id) VALUES (?, ?, ?, ?)').run(
      nextId(db, 'issuelink', 10000),
      type.id,
      outward.id,
      inward.id,
    );
  })();
  return { status: 201 };
}

function linkOrThrow(ctx: Ctx): { link: LinkRow; outward: IssueRow; inward: IssueRow } {
  ctx.site.actorId(ctx.principal);
  const raw = ctx.params[0] ?? '';
  if (!/^\d+$/.test(raw)) throw badRequest(`The issue link ID '${raw}' is not valid.`);
  const link = ctx.site.db.prepare('SELECT * FROM issue_links WHERE id = ?').get(Number(raw)) as LinkRow | undefined;
  const outward = link ? findIssue(ctx.site, String(link.outward_issue_id)) : undefined;
  const inward = link ? findIssue(ctx.site, String(link.inward_issue_id)) : undefined;
  if (!link || !sees(ctx, outward) || !sees(ctx, inward)) throw notFound(`No issue link with id '${raw}' exists.`);
  return { link, outward, inward };
}

function getLink(ctx: Ctx) {
  const { link, outward, inward } = linkOrThrow(ctx);
  const type = linkType(ctx.site, link.type_id);
  return json(200, {
    id: String(link.id),
    self: ctx.site.api(`/issueLink/${link.id}`),
    ...(type ? { type: typeBean(ctx.site, type) } : {}),
    inwardIssue: linkedIssueBean(ctx.site, inward),
    outwardIssue: linkedIssueBean(ctx.site, outward),
  });
}

function deleteLink(ctx: Ctx) {
  const { link, outward, inward } = linkOrThrow(ctx);
  if (!ctx.site.can(ctx.principal, outward.project_id, 'LINK_ISSUES') && !ctx.site.can(ctx.principal, inward.project_id, 'LINK_ISSUES'))
    throw notFound(`No issue link with id '${link.id}' exists.`);
  ctx.site.db.prepare('DELETE FROM issue_links WHERE id = ?').run(link.id);
  return noContent();
}

export const issueLinkRoutes: Route[] = [
  route('GET', '/rest/api/3/issueLinkType', listTypes),
  route('POST', '/rest/api/3/issueLinkType', createType),
  route('GET', '/rest/api/3/issueLinkType/{id}', getType),
  route('POST', '/rest/api/3/issueLink', createLink),
  route('GET', '/rest/api/3/issueLink/{id}', getLink),
  route('DELETE', '/rest/api/3/issueLink/{id}', deleteLink),
];
