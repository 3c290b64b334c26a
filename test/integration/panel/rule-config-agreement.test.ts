// A workflow rule's own configuration (here: 1 core approval on the move into Code
// Committed, where the admin's default is 2) is what Jira's stage gate enforces, so the
// panel's readiness and the gadget's blockers must use it too: all three agree, before and
// after the one core approval. When the workflows can't be read, both fall back to the
// admin's settings and say so.
import type { PortfolioLoad } from '../../../src/contract/gadget';
import type { Envelope } from '../../../src/contract/envelope';
import type { PanelData } from '../../../src/contract/panel';
import { makeCompleteDelivery } from '../../fixtures/builders';
import { ADMIN, COORDINATOR, CORE, FST_LEAD, startLcooSite, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(90_000);

const GADGET = 'lcoo-portfolio-gadget';
const CODE_COMMITTED = 'Code Committed';

interface ReadReply {
  statuses: { id: string; name: string; statusReference: string }[];
  workflows: {
    name: string;
    transitions: { toStatusReference: string; validators: { ruleKey: string; parameters?: Record<string, string> }[] }[];
  }[];
}

let p: LcooSite;
beforeAll(async () => {
  p = await startLcooSite();
});
afterAll(() => p?.stop());

const errorsOf = (body: unknown) => ((body as { errorMessages?: string[] }).errorMessages ?? []).join(' ');

/** What the workflow editor's save does: read the workflow, set the rule's config on the move into `status`, update. */
async function setRuleConfig(workflowName: string, status: string, config: Record<string, unknown>): Promise<void> {
  const read = await p.rest('POST', '/rest/api/3/workflows', ADMIN, { workflowNames: [workflowName] });
  expect(read.status).toBe(200);
  const reply = read.body as ReadReply;
  const ref = reply.statuses.find((s) => s.name === status)!.statusReference;
  const wf = reply.workflows[0]!;
  let changed = 0;
  const transitions = wf.transitions.map((t) => {
    if (t.toStatusReference !== ref || !t.validators.some((v) => v.ruleKey === 'forge:expression-validator')) return t;
    changed += 1;
    return {
      ...t,
      validators: t.validators.map((v) =>
        v.ruleKey === 'forge:expression-validator' ? { ...v, parameters: { ...v.parameters, config: JSON.stringify(config) } } : v,
      ),
    };
  });
  expect(changed).toBe(1);
  const updated = await p.rest('POST', '/rest/api/3/workflows/update', ADMIN, {
    statuses: reply.statuses,
    workflows: [{ ...wf, transitions }],
  });
  expect(updated.status).toBe(200);
}

async function gadgetBlockers(key: string): Promise<{ load: PortfolioLoad; messages: string[] }> {
  const out = (await p.sb.host.invoke(
    GADGET,
    'portfolio/load',
    {},
    { asEmail: FST_LEAD, gadgetConfiguration: {} },
  )) as Envelope<PortfolioLoad>;
  if (!out.ok) throw new Error(out.error.message);
  const row = out.data.rows.find((r) => r.key === key);
  if (!row) throw new Error(`${key} is not in the portfolio`);
  return { load: out.data, messages: row.blockers.map((i) => out.data.blockerMessages[i]!) };
}

async function approveCore(key: string, asEmail: string, ref: string): Promise<PanelData> {
  const current = await p.ok('panel/load', {}, asEmail, key);
  return p.ok(
    'approvals/record',
    { record: 'delivery', role: 'core-approval', revision: current.delivery?.revision ?? null, ref },
    asEmail,
    key,
  );
}

describe('a rule that asks for 1 core approval on the move into Code Committed', () => {
  let key: string;

  beforeAll(async () => {
    await setRuleConfig('LCOO Upstream Delivery Lifecycle', CODE_COMMITTED, { coreApprovalsRequired: 1 });
    // A deliverable with every piece of evidence, walked to Coding In Progress through Jira's gates.
    const item = await p.createIssue('Roadmap Item', 'SR-IOV minimum bandwidth guarantees');
    key = await p.createIssue('Upstream Deliverable', 'Neutron: SR-IOV minimum bandwidth');
    const { approvals: _a, ...evidence } = makeCompleteDelivery();
    await p.ok('delivery/save', { revision: null, delivery: { ...evidence, roadmapItemKey: item } }, FST_LEAD, key);
    expect((await p.transition(key, 'Blueprint In Progress', FST_LEAD)).status).toBe(204);
    const loaded = await p.ok('panel/load', {}, COORDINATOR, key);
    await p.ok(
      'approvals/record',
      { record: 'delivery', role: 'stakeholder-acceptance', revision: loaded.delivery!.revision },
      COORDINATOR,
      key,
    );
    for (const to of ['Blueprint Accepted', 'Specification In Progress', 'Specification Accepted', 'Coding In Progress']) {
      expect({ to, status: (await p.transition(key, to, FST_LEAD)).status }).toEqual({ to, status: 204 });
    }
  });

  test('no core approval: the panel, the gadget and Jira all say "1 core reviewer", not the admin default 2', async () => {
    const panel = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(panel.gateSettingsSource).toBe('workflow-rules');
    expect(panel.gateSettingsNote).toBeUndefined();
    expect(panel.readiness).toHaveLength(1);
    const readiness = panel.readiness[0]!;
    expect(readiness).toMatchObject({ target: 'code-committed', pass: false });
    // The admin default would say "2 different core reviewers must approve".
    expect(readiness.missing).toEqual([
      { requirement: 'approval:core-approval', message: 'Core approvals: a core reviewer must approve; 0 have so far.' },
    ]);

    const gadget = await gadgetBlockers(key);
    expect(gadget.load.gateSettingsSource).toBe('workflow-rules');
    expect(gadget.messages).toEqual(readiness.missing.map((m) => m.message));

    const refused = await p.transition(key, CODE_COMMITTED, FST_LEAD);
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.body)).toContain(readiness.missing[0]!.message);
  });

  test('one core approval: ready in the panel, no blocker in the gadget, and Jira lets it through', async () => {
    await approveCore(key, CORE, '912345');
    const panel = await p.ok('panel/load', {}, FST_LEAD, key);
    // With the admin's settings alone (2 cores) this would still say "not ready".
    expect(panel.readiness[0]).toEqual(expect.objectContaining({ target: 'code-committed', pass: true, missing: [] }));
    expect((await gadgetBlockers(key)).messages).toEqual([]);
    expect((await p.transition(key, CODE_COMMITTED, FST_LEAD)).status).toBe(204);
    const after = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(after.issue.stage).toBe('code-committed');
  });

  test('panel/load reads the workflow rules in one REST call, as the app', async () => {
    const log = p.sb.host.raw.fetchLog;
    const mark = log[log.length - 1];
    await p.ok('panel/load', {}, FST_LEAD, key);
    const jira = log.slice(log.lastIndexOf(mark!) + 1).filter((e) => e.kind === 'jira');
    const reads = jira.filter((e) => e.method === 'POST' && new URL(e.path, 'http://jira').pathname === '/rest/api/3/workflows');
    expect(reads).toEqual([expect.objectContaining({ principal: { kind: 'app' }, status: 200 })]);
    expect(jira).toHaveLength(5);
  });

  test('a save answers with the same readiness, reading the rules once too', async () => {
    const log = p.sb.host.raw.fetchLog;
    const current = await p.ok('panel/load', {}, FST_LEAD, key);
    // The log is bounded (old entries drop off the front): find where the save starts by identity.
    const mark = log[log.length - 1];
    const { approvals: _a, ...evidence } = makeCompleteDelivery();
    const saved = await p.ok('delivery/save', { revision: current.delivery!.revision, delivery: evidence }, FST_LEAD, key);
    expect(saved.readiness).toEqual(current.readiness);
    const reads = log
      .slice(log.lastIndexOf(mark!) + 1)
      .filter((e) => e.kind === 'jira' && e.method === 'POST' && new URL(e.path, 'http://jira').pathname === '/rest/api/3/workflows');
    expect(reads).toHaveLength(1);
  });
});

describe('when Jira does not answer the workflow read', () => {
  test('the panel and the gadget still load, with the admin settings and a note that says so', async () => {
    const key = await p.createIssue('Roadmap Item', 'Workflow read fails');
    const original = p.sb.emulator.handle.bind(p.sb.emulator);
    p.sb.emulator.handle = async (req) =>
      req.method === 'POST' && req.path.split('?')[0] === '/rest/api/3/workflows'
        ? {
            status: 503,
            headers: { 'content-type': 'application/json' },
            body: { errorMessages: ['Jira is under maintenance.'], errors: {} },
          }
        : original(req);
    try {
      const panel = await p.ok('panel/load', {}, FST_LEAD, key);
      expect(panel.gateSettingsSource).toBe('admin-settings');
      expect(panel.gateSettingsNote).toMatch(/workflow rules could not be read/);
      // Readiness is still shown, from the admin's settings.
      expect(panel.readiness[0]).toMatchObject({ target: 'being-vetted', pass: false });
      const gadget = await gadgetBlockers(key);
      expect(gadget.load.gateSettingsSource).toBe('admin-settings');
      expect(gadget.load.gateSettingsNote).toMatch(/workflow rules could not be read/);
      expect(gadget.messages.length).toBeGreaterThan(0);
    } finally {
      p.sb.emulator.handle = original;
    }
  });
});
