// GET/POST /rest/api/3/issue/{issueIdOrKey}/transitions. POST runs the Forge validators of
// the transition through the host hook and refuses the move the way Jira does (400 with
// each validator's message) when one fails.
import { badRequest, fieldErrors, JiraError } from '../errors';
import { emitIssueEvent, issueFor, recordChangelog } from '../issue-store';
import type { IssueRow, StoredTransition, StoredWorkflowDoc } from '../model';
import { json, noContent, route, type Ctx, type Route } from '../router';
import { parseIssueUpdate } from './issues';
import { setProperty } from './issue-properties';

export const FORGE_VALIDATOR_RULE = 'forge:expression-validator';

export function availableTransitions(doc: StoredWorkflowDoc, statusId: number): StoredTransition[] {
  const current = String(statusId);
  return doc.transitions.filter(
    (t) =>
      (t.type === 'GLOBAL' && t.toStatusReference !== current) ||
      (t.type === 'DIRECTED' && t.links.some((l) => l.fromStatusReference === current)),
  );
}

function transitionBean(ctx: Ctx, t: StoredTransition): Record<string, unknown> {
  const to = ctx.site.status(t.toStatusReference);
  return {
    id: t.id,
    name: t.name,
    ...(to ? { to: ctx.site.statusBean(to) } : {}),
    hasScreen: false,
    isGlobal: t.type === 'GLOBAL',
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}

function getTransitions(ctx: Ctx) {
  const issue = issueFor(ctx, ctx.params[0] ?? '');
  if (!ctx.site.can(ctx.principal, issue.project_id, 'TRANSITION_ISSUES')) return json(200, { expand: 'transitions', transitions: [] });
  const { doc } = ctx.site.workflowFor(issue.project_id, issue.issuetype_id);
  const only = ctx.query.get('transitionId');
  const list = availableTransitions(doc, issue.status_id).filter((t) => !only || t.id === only);
  return json(200, { expand: 'transitions', transitions: list.map((t) => transitionBean(ctx, t)) });
}

function parseConfig(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw; // Jira hands the stored string through when it is not JSON
  }
}

/** Runs every Forge validator of the transition; returns the messages of those that failed. */
async function runValidators(ctx: Ctx, issue: IssueRow, t: StoredTransition): Promise<string[]> {
  const failures: string[] = [];
  for (const rule of t.validators.filter((v) => v.ruleKey === FORGE_VALIDATOR_RULE)) {
    const extensionAri = rule.parameters?.key ?? '';
    const run = ctx.hooks.runForgeValidator;
    if (!run) {
      failures.push(`The Forge validator ${extensionAri} could not run: no Forge host is attached to the Jira emulator.`);
      continue;
    }
    const configuration = parseConfig(rule.parameters?.config);
    try {
      const outcome = await run({
        extensionAri,
        issueKey: issue.key,
        fromStatusId: String(issue.status_id),
        toStatusId: t.toStatusReference,
        ...(configuration !== undefined ? { configuration } : {}),
        ...(ctx.principal.kind === 'user' ? { accountId: ctx.principal.accountId } : {}),
      });
      if (!outcome.result) failures.push(outcome.errorMessage ?? 'The transition failed a workflow validator.');
    } catch (err) {
      failures.push(`The Forge validator ${extensionAri} failed to run: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failures;
}

async function doTransition(ctx: Ctx) {
  // Jira documents a missing transition permission as a 400 of this operation.
  const issue = issueFor(ctx, ctx.params[0] ?? '');
  if (!ctx.site.can(ctx.principal, issue.project_id, 'TRANSITION_ISSUES'))
    throw badRequest('You do not have permission to transition this issue.');
  const actor = ctx.site.actorId(ctx.principal);
  const body = parseIssueUpdate(ctx.body);
  const id = body.transition?.id;
  if (!id) throw badRequest('Missing \'transition\' identifier: send {"transition": {"id": "..."}}.');
  // No transition has a screen here, so like Jira no field can be set during the transition.
  const fieldNames = [...Object.keys(body.fields ?? {}), ...Object.keys(body.update ?? {})];
  if (fieldNames.length > 0)
    throw fieldErrors(
      Object.fromEntries(fieldNames.map((f) => [f, `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`])),
    );
  const { doc } = ctx.site.workflowFor(issue.project_id, issue.issuetype_id);
  const t = availableTransitions(doc, issue.status_id).find((x) => x.id === id);
  if (!t) throw badRequest(`Transition id '${id}' is not valid for this issue.`);

  const failures = await runValidators(ctx, issue, t);
  if (failures.length > 0) throw new JiraError(400, failures, {});

  const from = ctx.site.status(issue.status_id);
  const to = ctx.site.status(t.toStatusReference);
  if (!to) throw new JiraError(500, [`The workflow points to status ${t.toStatusReference}, which does not exist.`]);
  const now = Date.now();
  const db = ctx.site.db;
  const changelog = db.transaction(() => {
    db.prepare('UPDATE issues SET status_id = ?, updated = ?, status_changed = ? WHERE id = ?').run(
      to.id,
      now,
      from?.category !== to.category ? now : issue.status_changed,
      issue.id,
    );
    for (const p of body.properties ?? []) setProperty(ctx.site, issue.id, p.key, p.value);
    return recordChangelog(
      ctx.site,
      issue.id,
      actor,
      [
        {
          field: 'status',
          fieldtype: 'jira',
          fieldId: 'status',
          from: String(issue.status_id),
          fromString: from?.name ?? null,
          to: String(to.id),
          toString: to.name,
        },
      ],
      now,
    );
  })();
  emitIssueEvent(ctx, 'jira:issue_updated', issue.id, changelog);
  return noContent();
}

export const transitionRoutes: Route[] = [
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', getTransitions),
  route('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', doTransition),
];
