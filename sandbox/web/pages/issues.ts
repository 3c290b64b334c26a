// The project's issue list with a JQL box. Searches through the emulator as the signed-in
// user (so permissions apply) and shows Jira's 400 message for bad JQL.
import { z } from 'zod';
import { esc } from '../http-util';
import { avatar, statusLozenge } from '../layout';
import type { JiraCall } from './jira-call';

const SearchResult = z.looseObject({
  issues: z.array(
    z.looseObject({
      key: z.string(),
      fields: z.looseObject({
        summary: z.string().optional(),
        status: z.looseObject({ name: z.string(), statusCategory: z.looseObject({ key: z.string() }).optional() }).optional(),
        issuetype: z.looseObject({ name: z.string() }).optional(),
        assignee: z.looseObject({ displayName: z.string() }).nullable().optional(),
        updated: z.string().optional(),
      }),
    }),
  ),
  nextPageToken: z.string().optional(),
});

export function typeIcon(typeName: string | undefined): string {
  const cls = typeName === 'Roadmap Item' ? 'type-roadmap' : typeName === 'Upstream Deliverable' ? 'type-deliverable' : 'type-other';
  return `<span class="type-icon ${cls}" title="${esc(typeName ?? '')}" aria-hidden="true"></span>`;
}

export function errorMessages(body: unknown): string[] {
  const parsed = z
    .looseObject({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() })
    .safeParse(body);
  if (!parsed.success) return [typeof body === 'string' ? body : JSON.stringify(body)];
  return [...(parsed.data.errorMessages ?? []), ...Object.entries(parsed.data.errors ?? {}).map(([k, v]) => `${k}: ${v}`)];
}

export async function issueListPage(jira: JiraCall, projectKey: string, jqlIn: string | null): Promise<{ title: string; body: string }> {
  const jql = jqlIn ?? `project = ${projectKey} ORDER BY key ASC`;
  const reply = await jira('POST', '/rest/api/3/search/jql', {
    jql,
    fields: ['summary', 'status', 'issuetype', 'assignee', 'updated'],
    maxResults: 100,
  });
  let table = '';
  let error = '';
  if (reply.status === 200) {
    const parsed = SearchResult.safeParse(reply.body);
    if (!parsed.success) {
      error = `The emulator's search answer is not what Jira returns: ${esc(z.prettifyError(parsed.error))}`;
    } else {
      const rows = parsed.data.issues
        .map((i) => {
          const f = i.fields;
          return `<tr data-issue-key="${esc(i.key)}">
  <td>${typeIcon(f.issuetype?.name)}<span class="subtle">${esc(f.issuetype?.name ?? '')}</span></td>
  <td><a href="/browse/${esc(i.key)}">${esc(i.key)}</a></td>
  <td><a href="/browse/${esc(i.key)}">${esc(f.summary ?? '')}</a></td>
  <td>${statusLozenge(f.status)}</td>
  <td>${f.assignee ? `${avatar(f.assignee.displayName)} ${esc(f.assignee.displayName)}` : '<span class="subtle">Unassigned</span>'}</td>
  <td class="subtle">${esc(f.updated ? new Date(f.updated).toISOString().slice(0, 10) : '')}</td>
</tr>`;
        })
        .join('\n');
      const more = parsed.data.nextPageToken ? '<p class="subtle">Showing the first 100 issues; refine the JQL to see others.</p>' : '';
      table = parsed.data.issues.length
        ? `<table class="issues" id="issue-table"><thead><tr><th>Type</th><th>Key</th><th>Summary</th><th>Status</th><th>Assignee</th><th>Updated</th></tr></thead><tbody>${rows}</tbody></table>${more}`
        : '<p class="section-message" id="no-issues">No issues match this search.</p>';
    }
  } else {
    error = errorMessages(reply.body).map(esc).join('<br>');
  }
  return {
    title: `${projectKey} issues`,
    body: `<div class="breadcrumbs">Projects / ${esc(projectKey)}</div>
<h1>Issues</h1>
<form class="jql-form" method="get">
  <label for="jql" class="visually-hidden">JQL</label>
  <input type="search" id="jql" name="jql" value="${esc(jql)}" spellcheck="false" autocomplete="off">
  <button class="btn btn-primary" type="submit">Search</button>
</form>
${error ? `<div class="error-box" role="alert" id="jql-error">${error}</div>` : ''}
${table}`,
  };
}
