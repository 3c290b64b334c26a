// The issue view: key, summary, type, status lozenge, fields, transition buttons (POSTed to
// the emulator's REST API from the browser, as Jira's own UI does, with a refused
// transition shown as an error flag carrying the validator's message), and the app's
// issue panels as Custom UI frames.
import { z } from 'zod';
import { esc } from '../http-util';
import { avatar, statusLozenge, type FrameSpec } from '../layout';
import { errorMessages, typeIcon } from './issues';
import type { JiraCall } from './jira-call';

const User = z.looseObject({ displayName: z.string() }).nullable().optional();
const Issue = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string().optional(),
    description: z.unknown().optional(),
    status: z.looseObject({ name: z.string(), statusCategory: z.looseObject({ key: z.string() }).optional() }).optional(),
    issuetype: z.looseObject({ name: z.string() }).optional(),
    project: z.looseObject({ key: z.string(), name: z.string().optional() }).optional(),
    assignee: User,
    reporter: User,
    labels: z.array(z.string()).optional(),
    priority: z.looseObject({ name: z.string() }).nullable().optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
  }),
});
const Transitions = z.looseObject({
  transitions: z.array(z.looseObject({ id: z.string(), name: z.string(), to: z.looseObject({ name: z.string() }).optional() })),
});

/** Plain text of an Atlassian Document Format value (paragraph breaks kept). */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: string; text?: string; content?: unknown[] };
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'hardBreak') return '\n';
  const inner = (n.content ?? []).map(adfText).join('');
  return ['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'].includes(n.type ?? '') ? `${inner}\n` : inner;
}

export interface IssuePanelModule {
  moduleKey: string;
  resourceKey: string;
  title: string;
}

export async function issueViewPage(
  jira: JiraCall,
  issueKey: string,
  panels: IssuePanelModule[],
  renderFrame: (f: FrameSpec) => string,
): Promise<{ status: number; title: string; body: string; frames: FrameSpec[] }> {
  const reply = await jira('GET', `/rest/api/3/issue/${encodeURIComponent(issueKey)}`);
  if (reply.status !== 200) {
    return {
      status: reply.status,
      title: issueKey,
      frames: [],
      body: `<h1>${esc(issueKey)}</h1><div class="error-box" role="alert">${errorMessages(reply.body).map(esc).join('<br>')}</div>`,
    };
  }
  const parsed = Issue.safeParse(reply.body);
  if (!parsed.success) throw new Error(`The emulator's issue ${issueKey} is not Jira-shaped: ${z.prettifyError(parsed.error)}`);
  const issue = parsed.data;
  const f = issue.fields;
  const tReply = await jira('GET', `/rest/api/3/issue/${encodeURIComponent(issue.key)}/transitions`);
  const transitions = tReply.status === 200 ? (Transitions.safeParse(tReply.body).data?.transitions ?? []) : [];

  const frames: FrameSpec[] = panels.map((p, i) => ({
    frameId: `panel-${i}`,
    moduleKey: p.moduleKey,
    resourceKey: p.resourceKey,
    title: p.title,
    target: { kind: 'issue', issueKey: issue.key },
  }));
  const person = (u: { displayName: string } | null | undefined) =>
    u ? `${avatar(u.displayName)} ${esc(u.displayName)}` : '<span class="subtle">None</span>';
  const date = (d: string | undefined) => (d ? esc(new Date(d).toISOString().replace('T', ' ').slice(0, 16)) : '');
  const description = adfText(f.description).trim();
  const buttons = transitions
    .map(
      (t) =>
        `<button type="button" class="btn transition-btn" data-transition-id="${esc(t.id)}" title="${esc(t.to ? `to ${t.to.name}` : '')}">${esc(t.name)}</button>`,
    )
    .join('');

  const body = `<div class="breadcrumbs"><a href="/projects/${esc(f.project?.key ?? '')}/issues">Projects</a> / <a href="/projects/${esc(f.project?.key ?? '')}/issues">${esc(f.project?.name ?? f.project?.key ?? '')}</a> / ${typeIcon(f.issuetype?.name)}<a href="/browse/${esc(issue.key)}" id="issue-key">${esc(issue.key)}</a></div>
<h1 id="summary">${esc(f.summary ?? '')}</h1>
<div class="issue-actions">
  <span id="status">${statusLozenge(f.status)}</span>
  ${buttons || '<span class="subtle">No transitions available to you</span>'}
</div>
<div class="issue-layout">
  <section>
    <h2>Description</h2>
    <div class="description">${description ? esc(description) : '<span class="subtle">Add a description...</span>'}</div>
    ${frames
      .map(
        (fr) =>
          `<section class="app-panel" aria-label="${esc(fr.title ?? '')}"><div class="app-panel-head">${esc(fr.title ?? fr.moduleKey)}</div>${renderFrame(fr)}</section>`,
      )
      .join('\n')}
  </section>
  <aside class="details">
    <h2>Details</h2>
    <dl>
      <dt>Type</dt><dd id="issue-type">${typeIcon(f.issuetype?.name)}${esc(f.issuetype?.name ?? '')}</dd>
      <dt>Status</dt><dd>${statusLozenge(f.status)}</dd>
      <dt>Assignee</dt><dd>${person(f.assignee)}</dd>
      <dt>Reporter</dt><dd>${person(f.reporter)}</dd>
      <dt>Priority</dt><dd>${esc(f.priority?.name ?? 'None')}</dd>
      <dt>Labels</dt><dd>${f.labels?.length ? f.labels.map((l) => `<code>${esc(l)}</code>`).join(' ') : '<span class="subtle">None</span>'}</dd>
      <dt>Created</dt><dd class="subtle">${date(f.created)}</dd>
      <dt>Updated</dt><dd class="subtle">${date(f.updated)}</dd>
    </dl>
  </aside>
</div>
<script>
(function () {
  function flag(type, title, lines) {
    var box = document.getElementById('flags');
    var el = document.createElement('div');
    el.className = 'flag flag-' + type;
    el.setAttribute('role', 'alert');
    el.id = 'transition-flag';
    var t = document.createElement('strong'); t.textContent = title; el.appendChild(t);
    var ul = document.createElement('ul');
    lines.forEach(function (l) { var li = document.createElement('li'); li.textContent = l; ul.appendChild(li); });
    el.appendChild(ul);
    var old = document.getElementById('transition-flag'); if (old) old.remove();
    box.appendChild(el);
  }
  document.querySelectorAll('.transition-btn').forEach(function (b) {
    b.addEventListener('click', async function () {
      document.querySelectorAll('.transition-btn').forEach(function (x) { x.disabled = true; });
      try {
        var r = await fetch('/rest/api/3/issue/' + encodeURIComponent(${JSON.stringify(issue.key)}) + '/transitions', {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-atlassian-token': 'no-check' },
          body: JSON.stringify({ transition: { id: b.dataset.transitionId } })
        });
        if (r.status === 204) { location.reload(); return; }
        var j = {}; try { j = await r.json(); } catch (e) {}
        var lines = (j.errorMessages || []).concat(Object.keys(j.errors || {}).map(function (k) { return j.errors[k]; }));
        flag('error', 'We couldn\\'t transition this issue', lines.length ? lines : ['Jira answered HTTP ' + r.status]);
      } finally {
        document.querySelectorAll('.transition-btn').forEach(function (x) { x.disabled = false; });
      }
    });
  });
})();
</script>`;
  return { status: 200, title: `${issue.key} ${f.summary ?? ''}`, body, frames };
}
