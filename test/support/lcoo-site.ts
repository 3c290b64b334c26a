// The one LCOO site fixture for integration, e2e tests and benches: a sandbox whose LCOO
// project is set up the way an admin would (admin page: setup/run), the seeded people, and
// typed helpers to call the app's resolvers as a person, to reach Jira's REST API as a person
// would with an API token, and to move issues through Jira's transitions (gates run).
//
//   const site = await startLcooSite();                        // set up, empty project
//   const key = await site.createIssue('Roadmap Item', 'x');
//   await site.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
//   await site.stop();
// The free functions take any TestSandbox (e.g. one started without setup).
import type { ConfigView, SetupResult } from '../../src/contract/admin';
import type { AppConfig } from '../../src/domain/app-config';
import type { Envelope } from '../../src/contract/envelope';
import type { PanelData } from '../../src/contract/panel';
import { startSandbox, type StartOptions, type TestSandbox } from './sandbox';

export const PANEL = 'lcoo-issue-panel';
export const ADMIN = 'admin@lcoo.example';
/** The Networking FST's lead (lcoo-fst-networking), an AT&T rep (lcoo-company-att), a core. */
export const FST_LEAD = 'fst-lead@lcoo.example';
/** Comcast's Roadmap Coordinator (lcoo-company-comcast), lcoo-coordinators, lcoo-pod. */
export const COORDINATOR = 'coordinator@lcoo.example';
/** The Containers FST's lead (lcoo-fst-containers), a Comcast rep, a core. */
export const CONTAINERS_LEAD = 'p.nguyen@comcast.example';
export const VIEWER = 'viewer@lcoo.example';
/** In lcoo-roadmap-committee and lcoo-coordinators, AT&T's Roadmap Coordinator, not an FST lead. */
export const LRC_MEMBER = 'j.miller@att.example';
/** A core reviewer (lcoo-cores) only. */
export const CORE = 's.kim@att.example';
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

export async function createIssue(
  sb: TestSandbox,
  issueType: 'Roadmap Item' | 'Upstream Deliverable' | 'Task',
  summary: string,
): Promise<string> {
  const res = await rest(sb, ADMIN, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'LCOO' }, issuetype: { name: issueType }, summary },
  });
  if (res.status !== 201) throw new Error(`Creating a ${issueType} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { key: string }).key;
}

export async function statusOf(sb: TestSandbox, issueKey: string): Promise<string> {
  const res = await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${issueKey}?fields=status`);
  return (res.body as { fields: { status: { name: string } } }).fields.status.name;
}

/** Moves the issue to the status named `to` through the transition Jira offers for it (the gates run). */
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
  return (await sb.host.invoke(PANEL, key, payload, { asEmail, issueKey })) as Envelope<PanelData>;
}

export async function load(sb: TestSandbox, issueKey: string): Promise<PanelData> {
  return unwrap<PanelData>(await panel(sb, ADMIN, issueKey, 'panel/load', {}));
}

/** The seeded Upstream Deliverables in a status (the seed puts some in every delivery stage). */
export async function deliverableKeysIn(sb: TestSandbox, status: string, asEmail = ADMIN): Promise<string[]> {
  const res = await rest(sb, asEmail, 'POST', '/rest/api/3/search/jql', {
    jql: `project = LCOO AND issuetype = "Upstream Deliverable" AND status = "${status}"`,
    fields: ['summary'],
    maxResults: 50,
  });
  return (res.body as { issues: { key: string }[] }).issues.map((i) => i.key);
}

/** Saves the admin's gate settings with `patch` over what is stored (as an LCOO admin on the admin page). */
export async function setGateSettings(sb: TestSandbox, patch: Partial<AppConfig['gate']>): Promise<void> {
  const view = unwrap<ConfigView>(await sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN }));
  unwrap(
    await sb.host.invoke('lcoo-admin', 'config/save', { ...view.config, gate: { ...view.config.gate, ...patch } }, { asEmail: ADMIN }),
  );
}

export interface LcooSite {
  sb: TestSandbox;
  /** Calls a panel-resolver key as `email` on `issueKey`; the envelope as the bridge gets it. */
  call<T = PanelData>(key: string, payload: unknown, email: string, issueKey: string): Promise<Envelope<T>>;
  /** Calls and expects ok:true, returning data. */
  ok(key: string, payload: unknown, email: string, issueKey: string): Promise<PanelData>;
  rest(method: string, path: string, email: string, body?: unknown): Promise<Rest>;
  createIssue(type: 'Roadmap Item' | 'Upstream Deliverable' | 'Task', summary: string): Promise<string>;
  /** Moves an issue through Jira's transition API (gates run) as `email`. */
  transition(issueKey: string, toStatus: string, email?: string): Promise<Rest>;
  stop(): Promise<void>;
}

/** A fresh sandbox with the LCOO project set up by an admin (setup/run), and no issues. */
export async function startLcooSite(opts: Pick<StartOptions, 'hostTokensCss'> = {}): Promise<LcooSite> {
  const sb = await startSandbox({ seed: 'none', ...opts });
  try {
    await runSetup(sb);
  } catch (e) {
    await sb.stop();
    throw e;
  }
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
    rest: (method, path, email, body) => rest(sb, email, method, path, body),
    createIssue: (type, summary) => createIssue(sb, type, summary),
    transition: (issueKey, toStatus, email = ADMIN) => transition(sb, email, issueKey, toStatus),
    stop: () => sb.stop(),
  };
}

/**
 * A fully answered checklist targeting a release that has not shipped (Indri, 2027.1): a
 * Networking item AT&T proposes and joins, so FST_LEAD (Networking's lead, an AT&T rep) may
 * save it whole.
 */
export function completeVetting(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    fst: 'networking',
    proposingCompany: 'att',
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
    collaborators: { companies: [{ company: 'att', interest: 'yes', people: [{ name: 'Ann Lee', personWeeks: 6 }] }], workingGroups: [] },
    targetRelease: 'indri',
  };
}
