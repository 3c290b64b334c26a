// Enhanced JQL search (/rest/api/3/search/jql) with nextPageToken paging. The deprecated
// /rest/api/3/search is never used.
import { z } from 'zod';
import { route, type JiraClient } from './client';
import { IssueSchema, type Issue } from './issues';

const SearchPageSchema = z
  .object({
    issues: z.array(IssueSchema).default([]),
    nextPageToken: z.string().optional().nullable(),
    isLast: z.boolean().optional(),
  })
  .loose();

export interface SearchOptions {
  jql: string;
  fields: string[];
  properties?: string[];
  /** Jira caps pages at 100 when fields are asked for; we ask for the most it gives. */
  pageSize?: number;
  /** Stop after this many issues (the gadget's safety net). */
  limit?: number;
  /**
   * Epoch ms after which no further page is requested (the answer is then `truncated`): a
   * slow Jira must not push a resolver past Forge's 25 s. Checked before each page but the first.
   */
  deadline?: number;
  /** Clock for `deadline`; injectable for tests. */
  now?: () => number;
}

/** Every issue matching `jql`, page by page; one REST call per page. */
export async function searchAll(client: JiraClient, opts: SearchOptions): Promise<{ issues: Issue[]; truncated: boolean }> {
  const issues: Issue[] = [];
  let nextPageToken: string | undefined;
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const now = opts.now ?? Date.now;
  for (;;) {
    if (nextPageToken && opts.deadline !== undefined && now() >= opts.deadline) return { issues, truncated: true };
    const page = await client.request('POST', route`/rest/api/3/search/jql`, SearchPageSchema, {
      jql: opts.jql,
      fields: opts.fields,
      ...(opts.properties && opts.properties.length > 0 ? { properties: opts.properties } : {}),
      maxResults: opts.pageSize ?? 100,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    issues.push(...page.issues);
    if (issues.length >= limit) return { issues: issues.slice(0, limit), truncated: true };
    if (page.isLast === true || !page.nextPageToken || page.issues.length === 0) break;
    nextPageToken = page.nextPageToken;
  }
  return { issues, truncated: false };
}
