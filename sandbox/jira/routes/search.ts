// /rest/api/3/search/jql (GET and POST) with nextPageToken paging, and /rest/api/3/jql/parse.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { badRequest, JiraError, zodToJira } from '../errors';
import { issueBean, selectFields } from '../issue-store';
import { compileJql } from '../jql/compile';
import type { IssueRow, StatusRow } from '../model';
import { json, route, type Ctx, type Route } from '../router';

const DEFAULT_MAX = 50;
const MAX_WITH_FIELDS = 100;
const MAX_ID_ONLY = 5000;

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  properties?: string[];
  expand?: string[];
}

const hashJql = (jql: string) => createHash('sha256').update(jql).digest('base64url').slice(0, 12);

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, h: hashJql(jql) })).toString('base64url');
}
function decodeToken(token: string, jql: string): number {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; h?: unknown };
    if (typeof t.o === 'number' && Number.isInteger(t.o) && t.o >= 0 && t.h === hashJql(jql)) return t.o;
  } catch {
    /* fall through to the error below */
  }
  throw badRequest('The nextPageToken is not valid for this query: pass the token of the previous page of the same JQL.');
}

export function search(ctx: Ctx, input: SearchInput) {
  ctx.site.actorId(ctx.principal);
  const fieldList = input.fields && input.fields.length > 0 ? input.fields : ['id'];
  const idOnly = fieldList.every((f) => f === 'id' || f === 'key');
  const cap = idOnly ? MAX_ID_ONLY : MAX_WITH_FIELDS;
  const max = Math.min(Math.max(input.maxResults ?? DEFAULT_MAX, 1), cap);
  const offset = input.nextPageToken ? decodeToken(input.nextPageToken, input.jql) : 0;
  const compiled = compileJql(ctx.site, ctx.principal, input.jql);
  const rows = ctx.site.db
    .prepare(`SELECT i.* FROM issues i WHERE ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT @limit OFFSET @offset`)
    .all({ ...compiled.params, limit: max + 1, offset }) as IssueRow[];
  const isLast = rows.length <= max;
  const page = rows.slice(0, max);
  const selection = selectFields(fieldList, ['id']);
  const cache = new Map<number, StatusRow | undefined>();
  const issues = page.map((row) => {
    if (idOnly && !input.properties?.length) return { id: String(row.id), ...(fieldList.includes('key') ? { key: row.key } : {}) };
    return issueBean(
      ctx.site,
      row,
      {
        fields: selection,
        viewer: ctx.principal,
        ...(input.properties ? { properties: input.properties } : {}),
        ...(input.expand ? { expand: input.expand } : {}),
      },
      cache,
    );
  });
  return json(200, { issues, ...(isLast ? {} : { nextPageToken: encodeToken(offset + max, input.jql) }), isLast });
}

function searchGet(ctx: Ctx) {
  const q = ctx.query;
  const max = q.get('maxResults');
  if (max !== undefined && !/^\d+$/.test(max)) throw badRequest(`maxResults must be a whole number, not '${max}'.`);
  const input: SearchInput = { jql: q.get('jql') ?? '' };
  const token = q.get('nextPageToken');
  const fields = q.list('fields');
  const properties = q.list('properties');
  const expand = q.list('expand');
  if (token) input.nextPageToken = token;
  if (max !== undefined) input.maxResults = Number(max);
  if (fields) input.fields = fields;
  if (properties) input.properties = properties;
  if (expand) input.expand = expand;
  return search(ctx, input);
}

const SearchBody = z.object({
  jql: z.string().default(''),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().min(0).optional(),
  fields: z.array(z.string()).optional(),
  properties: z.array(z.string()).max(5).optional(),
  expand: z.string().optional(),
  fieldsByKeys: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).optional(),
});

function searchPost(ctx: Ctx) {
  const parsed = SearchBody.safeParse(ctx.body ?? {});
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  const b = parsed.data;
  const input: SearchInput = { jql: b.jql };
  if (b.nextPageToken) input.nextPageToken = b.nextPageToken;
  if (b.maxResults !== undefined) input.maxResults = b.maxResults;
  if (b.fields) input.fields = b.fields;
  if (b.properties) input.properties = b.properties;
  if (b.expand) input.expand = b.expand.split(',').map((s) => s.trim());
  return search(ctx, input);
}

const ParseBody = z.object({ queries: z.array(z.string()).min(1) });

/** POST /search/approximate-count: how many issues match (bounded JQL), as the caller sees them. */
function approximateCount(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const parsed = z.object({ jql: z.string() }).safeParse(ctx.body ?? {});
  if (!parsed.success || parsed.data.jql.trim() === '') throw badRequest('The JQL query is required and must be bounded.');
  const compiled = compileJql(ctx.site, ctx.principal, parsed.data.jql);
  const row = ctx.site.db.prepare(`SELECT COUNT(*) AS n FROM issues i WHERE ${compiled.where}`).get(compiled.params) as { n: number };
  return json(200, { count: row.n });
}

function parse(ctx: Ctx) {
  ctx.site.actorId(ctx.principal);
  const validation = ctx.query.get('validation');
  if (!validation || !['strict', 'warn', 'none'].includes(validation))
    throw badRequest("The query parameter 'validation' is required: strict, warn or none.");
  const parsed = ParseBody.safeParse(ctx.body);
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  return json(200, {
    queries: parsed.data.queries.map((query) => {
      try {
        compileJql(ctx.site, ctx.principal, query);
        return { query, errors: [] };
      } catch (err) {
        if (err instanceof JiraError) return { query, errors: err.errorMessages };
        throw err;
      }
    }),
  });
}

export const searchRoutes: Route[] = [
  route('GET', '/rest/api/3/search/jql', searchGet),
  route('POST', '/rest/api/3/search/jql', searchPost),
  route('POST', '/rest/api/3/jql/parse', parse),
  route('POST', '/rest/api/3/search/approximate-count', approximateCount),
];
