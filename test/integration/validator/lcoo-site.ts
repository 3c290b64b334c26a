// Helpers for tests that drive a set-up LCOO site through the sandbox: Jira REST as a
// seeded person, the panel resolver to write records, transitions by target status name.
import type { PanelData } from '../../../src/contract/panel';
import type { SetupResult } from '../../../src/contract/admin';
import type { Envelope } from '../../../src/contract/envelope';
import type { TestSandbox } from '../../support/sandbox';

export const ADMIN = 'admin@lcoo.example';
export const FST_LEAD = 'fst-lead@lcoo.example'; // lcoo-fst-leads, lcoo-cores
export const COORDINATOR = 'coordinator@lcoo.example'; // lcoo-coordinators, lcoo-pod
export const VIEWER = 'viewer@lcoo.example';
export const SECOND_CORE = 'k.tanaka@ntt.example'; // lcoo-cores, lcoo-pod

export interface Rest {
  status: number;
  body: unknown;
}

export async function rest(sb: TestSandbox, asEmail: string | 'app', method: string, path: string, body?: unknown): Promise<Rest> {
  const principal = asEmail === 'app' ? ({ kind: 'app' } as const) : ({ kind: 'user', accountId: sb.host.accountIdOf(asEmail) } as const);
  const res = await sb.emulator.handle({ method, path, principal, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, body: res.body };
}

export function unwrap<T>(answer: unknown): T {
  const env = answer as Envelope<T>;
  if (!env.ok) throw new Error(`resolver failed: ${env.error.code} ${env.error.message}`);
  return env.data;
}

export async function runSetup(sb: TestSandbox, projectKey = 'LCOO'): Promise<SetupResult> {
  return unwrap<SetupResult>(await sb.host.invoke('lcoo-admin', 'setup/run', { projectKey }, { asEmail: ADMIN }));
}

export async function createIssue(sb: TestSandbox, issueType: 'Roadmap Item' | 'Upstream Deliverable', summary: string): Promise<string> {
  const res = await rest(sb, ADMIN, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'LCOO' }, issuetype: { name: issueType }, summary },
  });
  expect(res.status).toBe(201);
  return (res.body as { key: string }).key;
}

export async function statusOf(sb: TestSandbox, issueKey: string): Promise<string> {
  const res = await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${issueKey}?fields=status`);
  return (res.body as { fields: { status: { name: string } } }).fields.status.name;
}

/** Moves the issue to the status named `to` through the transition Jira offers for it. */
export async function transition(sb: TestSandbox, asEmail: string, issueKey: string, to: string): Promise<Rest> {
  const list = await rest(sb, asEmail, 'GET', `/rest/api/3/issue/${issueKey}/transitions`);
  const transitions = (list.body as { transitions: { id: string; name: string; to?: { name: string } }[] }).transitions;
  const t = transitions.find((x) => x.to?.name === to);
  if (!t) throw new Error(`${issueKey} offers no transition to "${to}"; it offers: ${transitions.map((x) => x.to?.name).join(', ')}`);
  return rest(sb, asEmail, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: t.id } });
}

export async function panel(
  sb: TestSandbox,
  asEmail: string,
  issueKey: string,
  key: string,
  payload: unknown,
): Promise<Envelope<PanelData>> {
  return (await sb.host.invoke('lcoo-issue-panel', key, payload, { asEmail, issueKey })) as Envelope<PanelData>;
}

export async function load(sb: TestSandbox, issueKey: string): Promise<PanelData> {
  return unwrap<PanelData>(await panel(sb, ADMIN, issueKey, 'panel/load', {}));
}
