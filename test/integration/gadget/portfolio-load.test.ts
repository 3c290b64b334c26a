// portfolio/load, gadget/options and gadget/check-config through the sandbox: the real
// @forge/resolver, @forge/api and @forge/kvs, the Jira emulator, and the LCOO seed made
// through the app itself (setup, panel saves, approvals, gated transitions, forged records).
import { envelopeSchema } from '../../support/envelope';
import type { GadgetOptions, PortfolioLoad } from '../../../src/contract/gadget';
import type { PanelData } from '../../../src/contract/panel';
import { makeCompleteVetting } from '../../fixtures/builders';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { createIssue, panel, rest, unwrap } from '../../support/lcoo-site';
import { z } from 'zod';

const GADGET = 'lcoo-portfolio-gadget';
const VIEWER = 'viewer@lcoo.example';
const LEAD = 'fst-lead@lcoo.example';
const Answer = envelopeSchema(z.unknown());

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
}, 180_000);
afterAll(() => sb?.stop());

// The sandbox keeps a gadget's configuration between calls, as Jira does: every call sets
// the one it needs ({} = a gadget nobody configured yet).
async function call(
  key: string,
  payload: unknown,
  asEmail = VIEWER,
  gadgetConfiguration: Record<string, unknown> = {},
  entryPoint?: 'edit',
) {
  const out = Answer.parse(
    await sb.host.invoke(GADGET, key, payload, { asEmail, gadgetConfiguration, ...(entryPoint ? { entryPoint } : {}) }),
  );
  return out;
}
async function load(payload: unknown = {}, gadgetConfiguration?: Record<string, unknown>, asEmail = VIEWER): Promise<PortfolioLoad> {
  const out = await call('portfolio/load', payload, asEmail, gadgetConfiguration);
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out.data as PortfolioLoad;
}

/** Every LCOO issue of the seed, read straight from the emulator as the app. */
async function seededIssues(): Promise<{ key: string; type: string }[]> {
  const reply = await sb.emulator.handle({
    method: 'POST',
    path: '/rest/api/3/search/jql',
    body: JSON.stringify({ jql: 'project = LCOO', fields: ['issuetype'], maxResults: 5000 }),
    principal: { kind: 'app' },
    headers: { 'content-type': 'application/json' },
  });
  const body = reply.body as { issues: { key: string; fields: { issuetype: { name: string } } }[] };
  return body.issues.map((i) => ({ key: i.key, type: i.fields.issuetype.name }));
}

describe('portfolio/load with the default configuration', () => {
  let p: PortfolioLoad;
  beforeAll(async () => {
    p = await load();
  });

  test('shows every seeded Roadmap Item and Upstream Deliverable, one REST call per 100 issues (+1 for the gate rules)', async () => {
    const issues = (await seededIssues()).filter((i) => i.type === 'Roadmap Item' || i.type === 'Upstream Deliverable');
    expect(issues.length).toBeGreaterThanOrEqual(60);
    expect(p.rows.map((r) => r.key).sort()).toEqual(issues.map((i) => i.key).sort());
    expect(p.totals.items).toBe(issues.length);
    // One search page per 100 issues, plus one read of the LCOO workflows' gate rules (as the app).
    expect(p.restCalls).toBe(Math.ceil(issues.length / 100) + 1);
    expect(p.gateSettingsSource).toBe('workflow-rules');
    expect(p.gateSettingsNote).toBeUndefined();
    expect(p.truncated).toBe(false);
    expect(p.skipped.count).toBe(0);
    expect(p.configSource).toBe('default');
    expect(p.jql).toBe('issuetype in ("Roadmap Item", "Upstream Deliverable") ORDER BY key ASC');
  });

  test('the funnels, pivots and completeness add up to the rows', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(p.funnels.portfolio.map((s) => s.count))).toBe(p.totals.roadmapItems);
    expect(sum(p.funnels.delivery.map((s) => s.count))).toBe(p.totals.deliverables);
    expect(sum(p.fstByStage.cells.flat())).toBe(p.totals.roadmapItems);
    expect(sum(p.releaseByFst.cells.flat())).toBe(p.totals.items);
    expect(sum(p.completeness.map((b) => b.count))).toBe(p.totals.roadmapItems);
    expect(p.funnels.portfolio.every((s) => s.count > 0)).toBe(true);
    expect(p.funnels.delivery.every((s) => s.count > 0)).toBe(true);
    expect(p.companyByStage.rows.length).toBeGreaterThan(0);
  });

  test('records forged through raw REST are marked, blocked and never counted complete', () => {
    const forged = p.rows.filter((r) => r.integrity === 'modified-outside-app');
    expect(forged.length).toBeGreaterThan(0);
    for (const r of forged) {
      expect(r.blockers.map((i) => p.blockerMessages[i]).join(' ')).toMatch(/modified outside the LCOO app/);
    }
    // A row leaves integrity out when the record is valid and signed.
    expect(p.totals.integrityProblems).toBe(p.rows.filter((r) => r.integrity !== undefined).length);
    // The seed forges complete-looking checklists: they count as 0 of 12, never in "Complete".
    expect(forged.every((r) => r.completed === 0)).toBe(true);
    const complete = p.rows.filter((r) => r.completed === 12);
    expect(complete.every((r) => r.integrity === undefined)).toBe(true);
    expect(p.completeness.find((b) => b.bucket === '100')?.count).toBe(complete.length);
  });

  test('rows say what blocks the next gate and which items slipped', () => {
    const blocked = p.rows.filter((r) => r.blockers.length > 0);
    expect(blocked.length).toBe(p.totals.blocked);
    expect(blocked.every((r) => r.blockers.every((i) => typeof p.blockerMessages[i] === 'string'))).toBe(true);
    expect(p.totals.slipped).toBeGreaterThan(0);
    // Slipped: shipped without getting where it had to be (a Development Ready item can slip too, on its delivery).
    expect(p.rows.filter((r) => r.slipped).every((r) => r.stage !== 'delivered')).toBe(true);
    const roadmapItems = p.rows.filter((r) => p.vocabulary.stages.find((st) => st.id === r.stage)?.lifecycle === 'portfolio');
    expect(roadmapItems).toHaveLength(p.totals.roadmapItems);
    expect(roadmapItems.every((r) => r.companies.length > 0 || r.integrity !== undefined)).toBe(true);
    expect(p.rows.every((r) => r.slipped === undefined || r.slipped === true)).toBe(true);
  });

  test('carries the words the Custom UI shows (no domain code in the bundle)', () => {
    expect(p.vocabulary.stages).toHaveLength(12);
    expect(p.vocabulary.stages[1]).toEqual({ id: 'being-vetted', label: 'Being Vetted / Groomed', lifecycle: 'portfolio' });
    // The calendar in effect: the built-in series, then the next one by number before it has a name.
    expect(p.vocabulary.releases.map((r) => r.label)).toContain('Indri (2027.1)');
    const last = p.vocabulary.releases.at(-1);
    expect(last?.label).toMatch(/^\d{4}\.[12]$/);
    expect(last?.id).toBe(last?.label);
    expect(p.labels.fsts.length).toBeGreaterThan(0);
  });
});

describe('configuration and filters', () => {
  test('the configuration Jira stores with the gadget decides the scope and default filters', async () => {
    const all = await load();
    const fst = all.rows.find((r) => r.fst)!.fst!;
    const p = await load(
      { config: { scope: { kind: 'projects', projectKeys: ['NOPE'] } } },
      { scope: { kind: 'projects', projectKeys: ['lcoo'] }, filters: { fsts: [fst] } },
    );
    expect(p.configSource).toBe('gadget');
    expect(p.jql).toContain('project in ("LCOO")');
    expect(p.rows.length).toBeGreaterThan(0);
    expect(p.rows.every((r) => r.fst === fst)).toBe(true);
    expect(p.filters).toEqual({ fsts: [fst] });
  });

  test('filters chosen in the gadget replace the defaults; a stage filter narrows the search by status', async () => {
    const p = await load({ filters: { stages: ['prioritized'] } }, { filters: { types: ['bug'] } });
    expect(p.jql).toContain('status in ("Prioritized")');
    expect(p.rows.length).toBeGreaterThan(0);
    expect(p.rows.every((r) => r.stage === 'prioritized')).toBe(true);
    const slipped = await load({ filters: { onlySlipped: true } });
    expect(slipped.rows.length).toBe((await load()).totals.slipped);
  });

  test('a JQL scope is wrapped, so its OR cannot pull in other issue types', async () => {
    const p = await load({}, { scope: { kind: 'jql', jql: 'project = LCOO OR issuetype = Task ORDER BY created DESC' } });
    expect(p.jql).toBe('(project = LCOO OR issuetype = Task) AND issuetype in ("Roadmap Item", "Upstream Deliverable") ORDER BY key ASC');
    expect(p.rows.length).toBe((await load()).rows.length);
  });

  test('JQL Jira refuses comes back as a sentence that says where to fix it', async () => {
    const out = await call('portfolio/load', {}, VIEWER, { scope: { kind: 'jql', jql: 'project = = LCOO' } });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('BAD_REQUEST');
    expect(out.error.message).toMatch(/^Jira could not search the gadget's JQL: .+ Open the gadget's menu, choose Edit, and correct it\.$/);
  });

  test('a stored configuration that no longer parses is refused with the way out', async () => {
    const out = await call('portfolio/load', {}, VIEWER, { refreshMinutes: 7 });
    expect(!out.ok && out.error.code).toBe('BAD_REQUEST');
    expect(!out.ok && out.error.message).toMatch(
      /refreshMinutes: Auto-refresh must be off, 5, 15, 30 or 60 minutes\..*choose Edit, and save its settings again/,
    );
  });

  test('a bad payload is refused before any Jira call', async () => {
    const out = await call('portfolio/load', { filters: { stages: ['shipped'] } }, LEAD, {});
    expect(!out.ok && out.error.code).toBe('BAD_REQUEST');
  });
});

describe('edit view keys', () => {
  test('gadget/options gives the choices and the stored configuration, parsed', async () => {
    const out = await call('gadget/options', {}, LEAD, { scope: { kind: 'jql', jql: 'project = LCOO' }, refreshMinutes: 15 }, 'edit');
    expect(out.ok).toBe(true);
    const o = (out as { data: GadgetOptions }).data;
    expect(o.config).toMatchObject({ scope: { kind: 'jql', jql: 'project = LCOO' }, refreshMinutes: 15 });
    expect(o.fsts.length).toBeGreaterThan(0);
    expect(o.companies.length).toBeGreaterThan(0);
    expect(o.problem).toBeUndefined();
  });

  test('gadget/options starts a broken stored configuration from the defaults and says so', async () => {
    const out = await call('gadget/options', {}, LEAD, { columns: [] }, 'edit');
    const o = (out as { data: GadgetOptions }).data;
    expect(o.config.columns).toHaveLength(10);
    expect(o.problem).toMatch(/columns: Show at least one column/);
  });

  test('gadget/check-config normalises a draft and lists every problem of a bad one', async () => {
    const good = await call(
      'gadget/check-config',
      { config: { scope: { kind: 'projects', projectKeys: ['lcoo'] }, columns: ['slipped', 'summary'] } },
      LEAD,
    );
    expect(good.ok && good.data).toEqual({
      config: {
        version: 1,
        scope: { kind: 'projects', projectKeys: ['LCOO'] },
        filters: {},
        columns: ['summary', 'slipped'],
        refreshMinutes: 0,
      },
    });
    const bad = await call(
      'gadget/check-config',
      { config: { scope: { kind: 'projects', projectKeys: ['L"C'] }, refreshMinutes: 2 } },
      LEAD,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('BAD_REQUEST');
    expect((bad.error.details as { problems: unknown[] }).problems).toHaveLength(2);
  });
});

describe('an old signed copy put back through raw REST (a replay)', () => {
  test('is marked modified outside the app in the portfolio, as the panel and the stage gate mark it', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Replayed checklist');
    // LEAD (an AT&T rep) records AT&T's entry only: each company's entry is its own people's.
    const { approvals: _a, collaborators, ...others } = makeCompleteVetting();
    const vetting = {
      ...others,
      collaborators: { ...collaborators!, companies: collaborators!.companies.filter((c) => c.company === 'AT&T') },
    };
    const first = unwrap<PanelData>(
      await panel(sb, LEAD, key, 'vetting/save', { revision: null, vetting: { ...vetting, schemaVersion: 2, type: undefined } }),
    );
    const old = (await rest(sb, LEAD, 'GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`)).body as { value: unknown };
    unwrap(
      await panel(sb, LEAD, key, 'vetting/save', { revision: first.vetting?.revision ?? null, vetting: { ...vetting, schemaVersion: 2 } }),
    );
    const before = (await load()).rows.find((r) => r.key === key);
    expect(before).toBeDefined();
    expect(before?.integrity).toBeUndefined();

    // Revision 1, validly signed by the app, written back over revision 2.
    expect((await rest(sb, LEAD, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, old.value)).status).toBeLessThan(300);
    expect((await load({}, undefined, LEAD)).rows.find((r) => r.key === key)?.integrity).toBe('modified-outside-app');
    const panelView = unwrap<PanelData>(await panel(sb, LEAD, key, 'panel/load', {}));
    expect(panelView.vetting?.integrity).toBe('modified-outside-app');
  });
});

describe('a search index edited through raw REST', () => {
  test('is marked modified outside the app in the portfolio: JQL may match the forged values, the app does not vouch for them', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Forged index');
    const { approvals: _a, collaborators, ...others } = makeCompleteVetting();
    const vetting = {
      ...others,
      collaborators: { ...collaborators!, companies: collaborators!.companies.filter((c) => c.company === 'AT&T') },
    };
    unwrap<PanelData>(
      await panel(sb, LEAD, key, 'vetting/save', { revision: null, vetting: { ...vetting, schemaVersion: 2, type: undefined } }),
    );
    const got = (await rest(sb, LEAD, 'GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`)).body as { value: { index: object } };
    const forged = { ...got.value, index: { ...got.value.index, completeness: 100, integrity: 'valid' } };
    expect((await rest(sb, LEAD, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, forged)).status).toBeLessThan(300);
    expect((await load({}, undefined, LEAD)).rows.find((r) => r.key === key)?.integrity).toBe('modified-outside-app');
  });
});
