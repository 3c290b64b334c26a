// Workflow administration: every workflow with its transitions and the app's validator rules
// (`forge:expression-validator` whose parameters.key is the extension ARI), links to the
// validator's create/edit/view resource, and the save path Jira uses: the config UI calls
// workflowRules.onConfigure(fn); "Add"/"Update" calls fn and stores its string result in the
// rule's parameters.config (workflows/update through the emulator, as the signed-in user).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { esc, scriptJson } from '../http-util';
import type { FrameSpec } from '../layout';
import { errorMessages } from './issues';
import type { JiraCall } from './jira-call';

export const FORGE_VALIDATOR_RULE = 'forge:expression-validator';
export const MAX_RULE_CONFIG_BYTES = 32 * 1024;

const Rule = z.looseObject({ id: z.string().optional(), ruleKey: z.string(), parameters: z.record(z.string(), z.string()).optional() });
const Transition = z.looseObject({
  id: z.string(),
  name: z.string(),
  toStatusReference: z.string().optional(),
  links: z.array(z.looseObject({ fromStatusReference: z.string().nullable().optional() })).optional(),
  validators: z.array(Rule).optional(),
});
const WorkflowSummary = z.looseObject({
  id: z.union([z.string(), z.looseObject({ entityId: z.string().optional(), name: z.string().optional() })]),
  name: z.string().optional(),
  transitions: z.array(Transition).optional(),
});
const SearchPage = z.looseObject({ values: z.array(WorkflowSummary) });
const Status = z.looseObject({ id: z.string().optional(), statusReference: z.string().optional(), name: z.string() });
const BulkRead = z.looseObject({
  workflows: z.array(z.looseObject({ id: z.string(), name: z.string(), transitions: z.array(Transition) })),
  statuses: z.array(Status).optional(),
});

export interface ValidatorModule {
  moduleKey: string;
  name: string;
  extensionAri: string;
  resources: { create?: string; edit?: string; view?: string };
}

const workflowId = (w: z.infer<typeof WorkflowSummary>) => (typeof w.id === 'string' ? w.id : (w.id.entityId ?? ''));

export async function workflowsPage(jira: JiraCall, validators: ValidatorModule[]): Promise<{ title: string; body: string }> {
  const reply = await jira('GET', '/rest/api/3/workflows/search?expand=values.transitions&maxResults=50');
  if (reply.status !== 200) {
    return {
      title: 'Workflows',
      body: `<h1>Workflows</h1><div class="error-box" role="alert">${errorMessages(reply.body).map(esc).join('<br>')}</div>`,
    };
  }
  const page = SearchPage.safeParse(reply.body);
  if (!page.success) throw new Error(`The emulator's workflows/search answer is not Jira-shaped: ${z.prettifyError(page.error)}`);
  const byAri = new Map(validators.map((v) => [v.extensionAri, v]));
  const sections = page.data.values.map((w) => {
    const id = workflowId(w);
    const rows = (w.transitions ?? []).map((t) => {
      const rules = (t.validators ?? []).map((r, idx) => {
        const mod = r.ruleKey === FORGE_VALIDATOR_RULE ? byAri.get(r.parameters?.['key'] ?? '') : undefined;
        if (!mod) return `<span class="rule"><code>${esc(r.ruleKey)}</code></span>`;
        const link = (mode: 'edit' | 'view') =>
          mod.resources[mode]
            ? `<a href="/admin/workflows/validator?${new URLSearchParams({ workflowId: id, transitionId: t.id, mode, rule: String(idx), module: mod.moduleKey })}">${mode === 'edit' ? 'Edit' : 'View'}</a>`
            : '';
        return `<span class="rule" data-rule="${esc(mod.moduleKey)}"><span class="lozenge lozenge-inprogress">${esc(mod.name)}</span>${link('view')} ${link('edit')}</span>`;
      });
      const add = validators
        .filter((v) => v.resources.create)
        .map(
          (v) =>
            `<a href="/admin/workflows/validator?${new URLSearchParams({ workflowId: id, transitionId: t.id, mode: 'create', module: v.moduleKey })}">Add ${esc(v.name)}</a>`,
        )
        .join(' ');
      return `<tr data-transition-id="${esc(t.id)}"><td>${esc(t.name)}</td><td>${rules.join('') || '<span class="subtle">No validators</span>'}</td><td>${add}</td></tr>`;
    });
    return `<section class="workflow" data-workflow-id="${esc(id)}"><h2>${esc(w.name ?? (typeof w.id === 'object' ? w.id.name : id))}</h2>
<table><thead><tr><th>Transition</th><th>Validators</th><th></th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
  });
  return {
    title: 'Workflows',
    body: `<div class="breadcrumbs">Settings / Issues / Workflows</div><h1>Workflows</h1>${sections.join('\n') || '<p class="section-message">No workflows yet. Run the app\'s setup from App administration.</p>'}`,
  };
}

export async function readWorkflow(
  jira: JiraCall,
  id: string,
): Promise<{ raw: Record<string, unknown>; statuses: unknown[]; transitions: z.infer<typeof Transition>[] }> {
  const reply = await jira('POST', '/rest/api/3/workflows', { workflowIds: [id] });
  if (reply.status !== 200) throw new Error(`Reading workflow ${id} failed: ${errorMessages(reply.body).join('; ')}`);
  const parsed = BulkRead.safeParse(reply.body);
  const wf = parsed.success ? parsed.data.workflows[0] : undefined;
  if (!parsed.success || !wf) throw new Error(`Workflow ${id} was not returned by POST /rest/api/3/workflows`);
  return { raw: wf as Record<string, unknown>, statuses: parsed.data.statuses ?? [], transitions: wf.transitions };
}

export async function validatorConfigPage(
  jira: JiraCall,
  q: { workflowId: string; transitionId: string; mode: 'create' | 'edit' | 'view'; rule: number | null; module: ValidatorModule },
  renderFrame: (f: FrameSpec) => string,
): Promise<{ title: string; body: string; frames: FrameSpec[] }> {
  const wf = await readWorkflow(jira, q.workflowId);
  const t = wf.transitions.find((x) => x.id === q.transitionId);
  if (!t) throw new Error(`Workflow ${q.workflowId} has no transition ${q.transitionId}`);
  const rule = q.rule === null ? undefined : t.validators?.[q.rule];
  if (q.mode !== 'create' && (!rule || rule.parameters?.['key'] !== q.module.extensionAri)) {
    throw new Error(`Transition ${t.name} has no ${q.module.name} rule at position ${q.rule ?? '?'}`);
  }
  const resourceKey = q.module.resources[q.mode];
  if (!resourceKey) throw new Error(`${q.module.moduleKey} has no ${q.mode} resource in manifest.yml`);
  const frame: FrameSpec = {
    frameId: 'validator-0',
    moduleKey: q.module.moduleKey,
    resourceKey,
    title: q.module.name,
    target: {
      kind: 'validator',
      entryPoint: q.mode,
      workflowId: q.workflowId,
      transitionId: q.transitionId,
      ...(rule?.parameters?.['config'] !== undefined ? { validatorConfig: rule.parameters['config'] } : {}),
    },
  };
  const save =
    q.mode === 'view'
      ? ''
      : `<div class="issue-actions"><button type="button" class="btn btn-primary" id="save-rule">${q.mode === 'create' ? 'Add' : 'Update'}</button><a class="btn" href="/admin/workflows">Cancel</a></div>`;
  return {
    title: `${q.module.name} (${q.mode})`,
    frames: [frame],
    body: `<div class="breadcrumbs"><a href="/admin/workflows">Workflows</a> / ${esc(String(wf.raw['name'] ?? q.workflowId))} / ${esc(t.name)}</div>
<h1>${q.mode === 'create' ? 'Add' : q.mode === 'edit' ? 'Edit' : 'View'} validator: ${esc(q.module.name)}</h1>
${renderFrame(frame)}
${save}
<script>
(function () {
  var btn = document.getElementById('save-rule');
  if (!btn) return;
  btn.addEventListener('click', async function () {
    btn.disabled = true;
    try {
      var config = await window.__forgeHost.workflowConfigure('validator-0');
      var r = await fetch('/__forge/workflow-rule', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.assign(${scriptJson({ workflowId: q.workflowId, transitionId: q.transitionId, ruleIndex: q.mode === 'create' ? null : q.rule, moduleKey: q.module.moduleKey })}, { config: config })) });
      var j = await r.json();
      if (!r.ok) throw new Error(j.message || ('HTTP ' + r.status));
      location.assign('/admin/workflows?saved=' + encodeURIComponent(${JSON.stringify(t.name)}));
    } catch (e) {
      var box = document.getElementById('flags'); var el = document.createElement('div');
      el.className = 'flag flag-error'; el.setAttribute('role', 'alert'); el.textContent = 'Could not save the validator: ' + e.message; box.appendChild(el);
    } finally { btn.disabled = false; }
  });
})();
</script>`,
  };
}

/** Writes the config string into the rule (new rule for create) and saves the workflow. */
export async function saveValidatorRule(
  jira: JiraCall,
  req: { workflowId: string; transitionId: string; ruleIndex: number | null; module: ValidatorModule; config: string },
): Promise<void> {
  if (Buffer.byteLength(req.config) > MAX_RULE_CONFIG_BYTES)
    throw new Error(`The validator configuration is ${Buffer.byteLength(req.config)} bytes; Jira keeps at most 32 KB`);
  const wf = await readWorkflow(jira, req.workflowId);
  const transitions = (wf.raw['transitions'] as Record<string, unknown>[]).map((t) => {
    if (t['id'] !== req.transitionId) return t;
    const validators = [...((t['validators'] as z.infer<typeof Rule>[] | undefined) ?? [])];
    // A Forge rule as Atlassian documents it: key, config (stringified JSON), id, disabled.
    if (req.ruleIndex === null) {
      validators.push({
        ruleKey: FORGE_VALIDATOR_RULE,
        parameters: { key: req.module.extensionAri, config: req.config, id: randomUUID(), disabled: 'false' },
      });
    } else {
      const rule = validators[req.ruleIndex];
      if (!rule || rule.parameters?.['key'] !== req.module.extensionAri)
        throw new Error(`Rule ${req.ruleIndex} of transition ${req.transitionId} is not ${req.module.moduleKey}`);
      // Rules stored by older sandbox data carry key alone: complete them the way Jira's editor saves a rule.
      validators[req.ruleIndex] = {
        ...rule,
        parameters: { id: randomUUID(), disabled: 'false', ...rule.parameters, config: req.config },
      };
    }
    return { ...t, validators };
  });
  const reply = await jira('POST', '/rest/api/3/workflows/update', { statuses: wf.statuses, workflows: [{ ...wf.raw, transitions }] });
  if (reply.status !== 200) throw new Error(`Jira refused the workflow update: ${errorMessages(reply.body).join('; ')}`);
}
