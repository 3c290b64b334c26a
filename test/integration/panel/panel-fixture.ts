// A sandbox with the LCOO project set up the way an admin would (admin page: setup/run),
// plus typed helpers to call the issue panel's resolver as a seeded person and to reach
// Jira's REST API directly (as a person would with an API token).
import type { PanelData } from '../../../src/contract/panel';
import type { Envelope } from '../../../src/contract/envelope';
import { startSandbox, type StartOptions, type TestSandbox } from '../../support/sandbox';

export const PANEL = 'lcoo-issue-panel';
export const ADMIN = 'admin@lcoo.example';
export const FST_LEAD = 'fst-lead@lcoo.example';
export const COORDINATOR = 'coordinator@lcoo.example';
export const VIEWER = 'viewer@lcoo.example';
/** In lcoo-roadmap-committee and lcoo-coordinators, not an FST lead. */
export const LRC_MEMBER = 'j.miller@att.example';
/** A core reviewer (lcoo-cores) only. */
export const CORE = 's.kim@att.example';

export interface PanelSandbox {
  sb: TestSandbox;
  /** Calls a panel-resolver key as `email` on `issueKey`; the envelope as the bridge gets it. */
  call<T = PanelData>(key: string, payload: unknown, email: string, issueKey: string): Promise<Envelope<T>>;
  /** Calls and expects ok:true, returning data. */
  ok(key: string, payload: unknown, email: string, issueKey: string): Promise<PanelData>;
  rest(method: string, path: string, email: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  createIssue(type: 'Roadmap Item' | 'Upstream Deliverable' | 'Task', summary: string): Promise<string>;
  /** Moves an issue through Jira's transition API (gates run) as `email`. */
  transition(issueKey: string, toStatus: string, email?: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export async function startPanelSandbox(opts: Pick<StartOptions, 'hostTokensCss'> = {}): Promise<PanelSandbox> {
  const sb = await startSandbox({ seed: 'none', ...opts });
  const rest = async (method: string, path: string, email: string, body?: unknown) => {
    const accountId = sb.host.accountIdOf(email);
    const res = await sb.emulator.handle({ method, path, principal: { kind: 'user', accountId }, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: res.body };
  };
  const setup = (await sb.host.invoke('lcoo-admin', 'setup/run', { projectKey: 'LCOO' }, { asEmail: ADMIN })) as Envelope<unknown>;
  if (!setup.ok) throw new Error(`setup/run failed: ${setup.error.message}`);

  const call = async <T>(key: string, payload: unknown, email: string, issueKey: string) =>
    (await sb.host.invoke(PANEL, key, payload, { asEmail: email, issueKey })) as Envelope<T>;

  return {
    sb,
    call,
    async ok(key, payload, email, issueKey) {
      const r = await call<PanelData>(key, payload, email, issueKey);
      if (!r.ok) throw new Error(`${key} as ${email} on ${issueKey} failed: ${r.error.code} ${r.error.message}`);
      return r.data;
    },
    rest,
    async createIssue(type, summary) {
      const r = await rest('POST', '/rest/api/3/issue', ADMIN, {
        fields: { project: { key: 'LCOO' }, issuetype: { name: type }, summary },
      });
      if (r.status !== 201) throw new Error(`Creating a ${type} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return (r.body as { key: string }).key;
    },
    async transition(issueKey, toStatus, email = ADMIN) {
      const list = await rest('GET', `/rest/api/3/issue/${issueKey}/transitions`, email);
      const t = (list.body as { transitions: { id: string; to?: { name: string } }[] }).transitions.find((x) => x.to?.name === toStatus);
      if (!t) throw new Error(`${issueKey} has no transition to ${toStatus}`);
      return rest('POST', `/rest/api/3/issue/${issueKey}/transitions`, email, { transition: { id: t.id } });
    },
    stop: () => sb.stop(),
  };
}

/** A fully answered checklist targeting a release that has not shipped (Indri, 2027.1). */
export function completeVetting(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    fst: 'Networking',
    proposingCompany: 'AT&T',
    type: 'new',
    requirements: ['Nova live-migrates instances with direct SR-IOV ports.'],
    acceptanceCriteria: ['A VNF with two VFs migrates with under 2 s of packet loss.'],
    components: ['Nova', 'Neutron'],
    stakeholders: [{ name: 'Ann Lee', company: 'AT&T', role: 'NFV architect' }],
    artifacts: [{ kind: 'design', url: 'https://etherpad.opendev.org/p/sriov-live-migration', title: 'PTG etherpad' }],
    size: 'L',
    valueToMembers: 'Hardware maintenance without VNF downtime.',
    valueToCommunity: 'SR-IOV reaches parity with virtio for operations.',
    blueprints: {
      searched: true,
      findings: [{ url: 'https://blueprints.launchpad.net/nova/+spec/sriov-live-migration', summary: 'Started in Rocky, stalled.' }],
      conclusion: 'Revive and extend the existing blueprint.',
    },
    communityAlignment: [{ channel: 'ptg', notes: 'Nova PTG agreed to review a spec.', date: '2026-10-20' }],
    collaborators: { companies: [{ company: 'Comcast', interest: 'yes', people: [{ name: 'Bo Chen' }] }], workingGroups: [] },
    targetRelease: 'indri',
  };
}
