// /rest/api/3/issue/{issueIdOrKey}/properties[/{propertyKey}] with Jira's 32 KB limit and
// the entity-property index kept in step with every write.
import { badRequest, notFound } from '../errors';
import { issueFor } from '../issue-store';
import { reindexProperty } from '../property-index';
import { json, noContent, route, type Ctx, type Route } from '../router';
import type { Site } from '../site';

export const MAX_PROPERTY_BYTES = 32768;

export function setProperty(site: Site, issueId: number, key: string, value: unknown): 'created' | 'updated' {
  if (key.length === 0 || key.length > 255) throw badRequest('The property key must be between 1 and 255 characters long.');
  const text = JSON.stringify(value === undefined ? null : value);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PROPERTY_BYTES) {
    throw badRequest(
      `The property '${key}' is ${bytes} bytes; the maximum size of an entity property value is ${MAX_PROPERTY_BYTES} bytes.`,
    );
  }
  const existed = !!site.db.prepare('SELECT 1 FROM issue_properties WHERE issue_id = ? AND key = ?').get(issueId, key);
  site.db.transaction(() => {
    site.db
      .prepare(
        'INSERT INTO issue_properties (issue_id, key, value) VALUES (?, ?, ?) ON CONFLICT(issue_id, key) DO UPDATE SET value = excluded.value',
      )
      .run(issueId, key, text);
    reindexProperty(site.db, site.indexDefs, issueId, key, JSON.parse(text));
  })();
  return existed ? 'updated' : 'created';
}

function keys(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '');
  const rows = ctx.site.db.prepare('SELECT key FROM issue_properties WHERE issue_id = ? ORDER BY key').all(issue.id) as { key: string }[];
  return json(200, {
    keys: rows.map((r) => ({ key: r.key, self: ctx.site.api(`/issue/${issue.id}/properties/${encodeURIComponent(r.key)}`) })),
  });
}

function propertyKey(ctx: Ctx): string {
  return decodeURIComponent(ctx.params[1] ?? '');
}

function getOne(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '');
  const key = propertyKey(ctx);
  const row = ctx.site.db.prepare('SELECT value FROM issue_properties WHERE issue_id = ? AND key = ?').get(issue.id, key) as
    { value: string } | undefined;
  if (!row) throw notFound(`The property with key '${key}' does not exist.`);
  return json(200, { key, value: JSON.parse(row.value) });
}

function putOne(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '', 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
  if (ctx.body === undefined) throw badRequest('The property value is missing: send a JSON value as the request body.');
  const result = setProperty(ctx.site, issue.id, propertyKey(ctx), ctx.body);
  return { status: result === 'created' ? 201 : 200 };
}

function deleteOne(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '', 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
  const key = propertyKey(ctx);
  const info = ctx.site.db.prepare('DELETE FROM issue_properties WHERE issue_id = ? AND key = ?').run(issue.id, key);
  if (info.changes === 0) throw notFound(`The property with key '${key}' does not exist.`);
  reindexProperty(ctx.site.db, ctx.site.indexDefs, issue.id, key, undefined);
  return noContent();
}

export const issuePropertyRoutes: Route[] = [
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/properties', keys),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', getOne),
  route('PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', putOne),
  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', deleteOne),
];
