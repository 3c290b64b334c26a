// POST/GET/PUT/DELETE /rest/api/3/issue[/{issueIdOrKey}]
import { z } from 'zod';
import { badRequest, fieldErrors, JiraError, zodToJira } from '../errors';
import {
  ISSUE_NOT_FOUND,
  emitIssueEvent,
  findIssue,
  issueBean,
  issueFor,
  recordChangelog,
  selectFields,
  type ChangeItem,
} from '../issue-store';
import type { IssueRow } from '../model';
import { json, noContent, route, type Ctx, type Route } from '../router';
import { setProperty } from './issue-properties';

const EntityPropertySchema = z.object({ key: z.string().min(1), value: z.unknown() });
const IssueUpdateSchema = z.object({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  properties: z.array(EntityPropertySchema).optional(),
  transition: z.object({ id: z.string().optional() }).passthrough().optional(),
  historyMetadata: z.unknown().optional(),
});
type IssueUpdate = z.infer<typeof IssueUpdateSchema>;

export function parseIssueUpdate(body: unknown): IssueUpdate {
  const parsed = IssueUpdateSchema.safeParse(body ?? {});
  if (!parsed.success) throw zodToJira(parsed.error.issues);
  return parsed.data;
}

const Ref = z.union([
  z.object({ id: z.union([z.string(), z.number()]) }).passthrough(),
  z.object({ key: z.string() }).passthrough(),
  z.object({ name: z.string() }).passthrough(),
]);
const UserRef = z.union([z.object({ accountId: z.string() }).passthrough(), z.null()]);
const LabelSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((l) => !/\s/.test(l), { message: 'Labels cannot contain spaces.' });

/** Field values after validation, ready to store; only keys present are changed. */
interface FieldChanges {
  summary?: string;
  description?: string | null;
  labels?: string[];
  assignee?: string | null;
  reporter?: string | null;
  parentId?: number | null;
  extra?: Record<string, unknown>;
}

function refValue(v: unknown): string | undefined {
  const r = Ref.safeParse(v);
  if (!r.success) return typeof v === 'string' ? v : undefined;
  const o = r.data as Record<string, unknown>;
  return String(o.id ?? o.key ?? o.name);
}

/** Validates `fields` + `update` the way Jira reports problems: one message per field. */
function collectChanges(
  ctx: Ctx,
  fields: Record<string, unknown>,
  update: IssueUpdate['update'],
  current: IssueRow | undefined,
): FieldChanges {
  const errors: Record<string, string> = {};
  const out: FieldChanges = {};
  const user = (name: string, v: unknown): string | null | undefined => {
    const r = UserRef.safeParse(v);
    if (!r.success) {
      errors[name] = `Specify a valid value for ${name}: {"accountId": "..."} or null.`;
      return undefined;
    }
    if (r.data === null) return null;
    if (!ctx.site.user(r.data.accountId)) {
      errors[name] = `User '${r.data.accountId}' does not exist.`;
      return undefined;
    }
    return r.data.accountId;
  };
  for (const [name, value] of Object.entries(fields)) {
    switch (name) {
      case 'project':
      case 'issuetype':
        break; // handled by create; Jira ignores them on edit of the same value
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '') errors.summary = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors.summary = 'Summary must be less than 255 characters.';
        else out.summary = value;
        break;
      case 'description':
        if (value !== null && (typeof value !== 'object' || (value as { type?: unknown }).type !== 'doc'))
          errors.description = 'Operation value must be an Atlassian Document (ADF) object with type "doc".';
        else out.description = value as null;
        break;
      case 'labels': {
        const r = z.array(LabelSchema).safeParse(value);
        if (!r.success) errors.labels = r.error.issues[0]?.message ?? 'Labels must be an array of strings.';
        else out.labels = [...new Set(r.data)];
        break;
      }
      case 'assignee':
      case 'reporter': {
        const u = user(name, value);
        if (u !== undefined) out[name] = u;
        break;
      }
      case 'parent': {
        if (value === null) {
          out.parentId = null;
          break;
        }
        const ref = refValue(value);
        const parent = ref ? findIssue(ctx.site, ref) : undefined;
        if (!parent) errors.parent = `Could not find issue by id or key '${ref ?? ''}'.`;
        else out.parentId = parent.id;
        break;
      }
      case 'security': {
        // An issue security level by id, or null to remove it (sandbox/jira/site.ts SECURITY_LEVELS).
        const id = value === null ? null : refValue(value);
        const level = id === null ? undefined : id ? ctx.site.securityLevel(id) : undefined;
        if (id !== null && !level) errors.security = `Security level '${id ?? ''}' does not exist.`;
        else
          (out.extra ??= {}).security = level
            ? { self: ctx.site.api(`/securitylevel/${level.id}`), id: level.id, name: level.name, description: level.description }
            : null;
        break;
      }
      default:
        if (/^customfield_\d+$/.test(name)) (out.extra ??= {})[name] = value;
        else errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
  }
  for (const [name, ops] of Object.entries(update ?? {})) {
    if (name !== 'labels' && name !== 'summary') {
      errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    if (name === 'summary') {
      const set = ops.find((o) => 'set' in o)?.set;
      if (typeof set === 'string' && set.trim() !== '') out.summary = set;
      else errors.summary = 'You must specify a summary of the issue.';
      continue;
    }
    let labels = out.labels ?? (current ? (JSON.parse(current.labels) as string[]) : []);
    for (const op of ops) {
      const [verb, arg] = Object.entries(op)[0] ?? [];
      if (verb === 'set') {
        const r = z.array(LabelSchema).safeParse(arg);
        if (r.success) labels = r.data;
        else errors.labels = 'set needs an array of labels without spaces.';
      } else if (verb === 'add') {
        const r = LabelSchema.safeParse(arg);
        if (r.success) labels = [...labels, r.data];
        else errors.labels = `The label '${String(arg)}' is not valid: labels cannot contain spaces.`;
      } else if (verb === 'remove') labels = labels.filter((l) => l !== arg);
      else errors.labels = `Unsupported operation '${String(verb)}' on labels; use set, add or remove.`;
    }
    out.labels = [...new Set(labels)];
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return out;
}

function writeLabels(ctx: Ctx, issueId: number, labels: string[]): void {
  ctx.site.db.prepare('DELETE FROM issue_labels WHERE issue_id = ?').run(issueId);
  const ins = ctx.site.db.prepare('INSERT OR IGNORE INTO issue_labels (issue_id, label) VALUES (?, ?)');
  for (const l of labels) ins.run(issueId, l);
}

async function createIssue(ctx: Ctx) {
  const actor = ctx.site.actorId(ctx.principal);
  const body = parseIssueUpdate(ctx.body);
  const fields = body.fields ?? {};
  const projectRef = refValue(fields.project);
  const project = projectRef ? ctx.site.project(projectRef) : undefined;
  if (!project || !ctx.site.can(ctx.principal, project.id, 'BROWSE_PROJECTS'))
    throw fieldErrors({ project: 'Specify a valid project ID or key' });
  if (!ctx.site.can(ctx.principal, project.id, 'CREATE_ISSUES'))
    throw fieldErrors({ project: 'You do not have permission to create issues in this project.' });
  const typeRef = refValue(fields.issuetype);
  if (!typeRef) throw fieldErrors({ issuetype: 'Specify an issue type' });
  const types = ctx.site.projectIssueTypes(project.id);
  const type = types.find((t) => String(t.id) === typeRef || t.name.toLowerCase() === typeRef.toLowerCase());
  if (!type) throw fieldErrors({ issuetype: 'The issue type selected is invalid.' });
  if (!('summary' in fields)) throw fieldErrors({ summary: 'You must specify a summary of the issue.' });
  const changes = collectChanges(ctx, fields, body.update, undefined);
  for (const p of body.properties ?? [])
    if (JSON.stringify(p.value ?? null).length > 32768)
      throw badRequest(`The property '${p.key}' exceeds the maximum size of 32768 bytes.`);

  const { doc } = ctx.site.workflowFor(project.id, type.id);
  const initial = doc.transitions.find((t) => t.type === 'INITIAL');
  const statusId = Number(initial?.toStatusReference ?? doc.statuses[0]?.statusReference);
  const now = Date.now();
  const db = ctx.site.db;
  const issueId = db.transaction(() => {
    db.prepare('UPDATE projects SET issue_counter = issue_counter + 1 WHERE id = ?').run(project.id);
    const num = (db.prepare('SELECT issue_counter FROM projects WHERE id = ?').get(project.id) as { issue_counter: number }).issue_counter;
    const idRow = db.prepare("UPDATE seq SET value = value + 1 WHERE name = 'issue' RETURNING value").get() as { value: number };
    const labels = changes.labels ?? [];
    db.prepare(
      `INSERT INTO issues (id, key, project_id, num, issuetype_id, status_id, summary, description, labels, assignee, reporter, parent_id, created, updated, status_changed, extra)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      idRow.value,
      `${project.key}-${num}`,
      project.id,
      num,
      type.id,
      statusId,
      changes.summary ?? '',
      changes.description === undefined || changes.description === null ? null : JSON.stringify(changes.description),
      JSON.stringify(labels),
      changes.assignee ?? null,
      changes.reporter === undefined ? actor : changes.reporter,
      changes.parentId ?? null,
      now,
      now,
      now,
      JSON.stringify(changes.extra ?? {}),
    );
    writeLabels(ctx, idRow.value, labels);
    for (const p of body.properties ?? []) setProperty(ctx.site, idRow.value, p.key, p.value);
    return idRow.value;
  })();
  emitIssueEvent(ctx, 'jira:issue_created', issueId);
  const issue = findIssue(ctx.site, String(issueId));
  return json(201, { id: String(issueId), key: issue?.key, self: ctx.site.api(`/issue/${issueId}`) });
}

function getIssue(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '');
  return json(
    200,
    issueBean(ctx.site, issue, {
      fields: selectFields(ctx.query.list('fields'), ['*all']),
      properties: ctx.query.list('properties'),
      expand: ctx.query.list('expand'),
      viewer: ctx.principal,
    }),
  );
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
}

async function editIssue(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '', 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
  const actor = ctx.site.actorId(ctx.principal);
  const body = parseIssueUpdate(ctx.body);
  const fields = { ...(body.fields ?? {}) };
  for (const f of ['project', 'issuetype'] as const) {
    if (f in fields && refValue(fields[f]) !== String(f === 'project' ? issue.project_id : issue.issuetype_id)) {
      throw fieldErrors({
        [f]:
          f === 'project'
            ? 'Moving an issue to another project is not supported by this API; use the Jira UI move.'
            : 'Changing the issue type needs the move operation, not an edit.',
      });
    }
  }
  const changes = collectChanges(ctx, fields, body.update, issue);
  const items: ChangeItem[] = [];
  const now = Date.now();
  const db = ctx.site.db;
  db.transaction(() => {
    const set = (col: string, value: unknown) => db.prepare(`UPDATE issues SET ${col} = ? WHERE id = ?`).run(value, issue.id);
    if (changes.summary !== undefined && changes.summary !== issue.summary) {
      items.push({
        field: 'summary',
        fieldtype: 'jira',
        fieldId: 'summary',
        from: null,
        fromString: issue.summary,
        to: null,
        toString: changes.summary,
      });
      set('summary', changes.summary);
    }
    if (changes.description !== undefined) {
      const next = changes.description === null ? null : JSON.stringify(changes.description);
      if (next !== issue.description) {
        items.push({
          field: 'description',
          fieldtype: 'jira',
          fieldId: 'description',
          from: null,
          fromString: issue.description,
          to: null,
          toString: next,
        });
        set('description', next);
      }
    }
    if (changes.labels !== undefined) {
      const before = JSON.parse(issue.labels) as string[];
      if (before.join(' ') !== changes.labels.join(' ')) {
        items.push({
          field: 'labels',
          fieldtype: 'jira',
          fieldId: 'labels',
          from: null,
          fromString: before.join(' '),
          to: null,
          toString: changes.labels.join(' '),
        });
        set('labels', JSON.stringify(changes.labels));
        writeLabels(ctx, issue.id, changes.labels);
      }
    }
    for (const f of ['assignee', 'reporter'] as const) {
      const next = changes[f];
      if (next !== undefined && next !== issue[f]) {
        items.push({ field: f, fieldtype: 'jira', fieldId: f, from: issue[f], fromString: issue[f], to: next, toString: next });
        set(f, next);
      }
    }
    if (changes.parentId !== undefined && changes.parentId !== issue.parent_id) {
      items.push({
        field: 'IssueParentAssociation',
        fieldtype: 'jira',
        fieldId: 'parent',
        from: str(issue.parent_id),
        fromString: null,
        to: str(changes.parentId),
        toString: null,
      });
      set('parent_id', changes.parentId);
    }
    if (changes.extra) {
      const extra = JSON.parse(issue.extra) as Record<string, unknown>;
      for (const [k, v] of Object.entries(changes.extra)) {
        if (JSON.stringify(extra[k]) !== JSON.stringify(v))
          items.push({ field: k, fieldtype: 'custom', fieldId: k, from: null, fromString: str(extra[k]), to: null, toString: str(v) });
        extra[k] = v;
      }
      set('extra', JSON.stringify(extra));
    }
    for (const p of body.properties ?? []) setProperty(ctx.site, issue.id, p.key, p.value);
    if (items.length > 0) set('updated', now);
  })();
  if (items.length > 0) {
    const changelog = recordChangelog(ctx.site, issue.id, actor, items, now);
    emitIssueEvent(ctx, 'jira:issue_updated', issue.id, changelog);
  }
  if (ctx.query.bool('returnIssue')) {
    const fresh = findIssue(ctx.site, String(issue.id));
    if (!fresh) throw new JiraError(404, [ISSUE_NOT_FOUND]);
    return json(200, issueBean(ctx.site, fresh, { fields: 'all' }));
  }
  return noContent();
}

function deleteIssue(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '', 'DELETE_ISSUES', 'You do not have permission to delete issues in this project.');
  const db = ctx.site.db;
  const children = db.prepare('SELECT COUNT(*) AS n FROM issues WHERE parent_id = ?').get(issue.id) as { n: number };
  if (children.n > 0 && ctx.query.get('deleteSubtasks') !== 'true') {
    throw badRequest(`The issue ${issue.key} has child issues; pass deleteSubtasks=true to delete them too.`);
  }
  const ids = [issue.id, ...(db.prepare('SELECT id FROM issues WHERE parent_id = ?').all(issue.id) as { id: number }[]).map((r) => r.id)];
  // The event carries the issue as it was (Jira sends jira:issue_deleted with the issue's fields).
  for (const id of ids) emitIssueEvent(ctx, 'jira:issue_deleted', id);
  db.transaction(() => {
    for (const id of ids) {
      for (const t of ['issue_labels', 'issue_properties', 'property_index', 'changelog'])
        db.prepare(`DELETE FROM ${t} WHERE issue_id = ?`).run(id);
      db.prepare('DELETE FROM issues WHERE id = ?').run(id);
    }
  })();
  return noContent();
}

export const issueRoutes: Route[] = [
  route('POST', '/rest/api/3/issue', createIssue),
  route('GET', '/rest/api/3/issue/{issueIdOrKey}', getIssue),
  route('PUT', '/rest/api/3/issue/{issueIdOrKey}', editIssue),
  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}', deleteIssue),
];
