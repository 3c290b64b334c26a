// portfolio/load, gadget/options and gadget/check-config through the sandbox: the real
// @forge/resolver, @forge/api and @forge/kvs, the Jira emulator, and the LCOO seed made
// through the app itself (setup, panel saves, approvals, gated transitions, forged records,
// and the portfolio index the seed builds as an admin would). Loads answer from the index:
// one page of rows, the aggregates over every matching row.
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
const ADMIN = 'admin@lcoo.example';
const INDEX_META = 'lcoo:portfolio-index';
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
async function load(
  payload: Record<string, unknown> = {},
  gadgetConfiguration?: Record<string, unknown>,
  asEmail = VIEWER,
): Promise<PortfolioLoad> {
  const out = await call('portfolio/load', payload, asEmail, gadgetConfiguration);
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out.data as PortfolioLoad;
}
/** Every page of a load: the first answer (aggregates) and all matching rows, in the answer's order. */
async function loadAll(
  payload: Record<string, unknown> = {},
  gadgetConfiguration?: Record<string, unknown>,
  asEmail = VIEWER,
): Promise<{ p: PortfolioLoad; rows: PortfolioLoad['rows']; blockers: string[][] }> {
  const p = await load(payload, gadgetConfiguration, asEmail);
  const rows = [...p.rows];
  const blockers = p.rows.map((r) => r.blockers.map((i) => p.blockerMessages[i]!));
  for (let page = 2; page <= Math.ceil(p.matched / p.pageSize); page++) {
    const next = await load({ ...payload, page }, gadgetConfiguration, asEmail);
    rows.push(...next.rows);
    blockers.push(...next.rows.map((r) => r.blockers.map((i) => next.blockerMessages[i]!)));
  }
  return { p, rows, blockers };
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
  let rows: PortfolioLoad['rows'];
  let blockers: string[][];
  beforeAll(async () => {
    ({ p, rows, blockers } = await loadAll());
  });

  test('answers from the index: every seeded item over the pages, 1 Jira call (what the person may browse), at most 3 storage calls', async () => {
    const issues = (await seededIssues()).filter((i) => i.type === 'Roadmap Item' || i.type === 'Upstream Deliverable');
    expect(issues.length).toBeGreaterThanOrEqual(60);
    expect(p.index.source).toBe('index');
    expect(p.index.reconciledAt).toBeDefined();
    expect(rows.map((r) => r.key).sort()).toEqual(issues.map((i) => i.key).sort());
    expect(p.totals.items).toBe(issues.length);
    expect(p.matched).toBe(issues.length);
    expect(p.rows).toHaveLength(p.pageSize);
    expect(p.restCalls).toBe(1);
    expect(p.storageCalls).toBeLessThanOrEqual(3);
    expect(p.gateSettingsSource).toBe('workflow-rules');
    expect(p.gateSettingsNote).toBeUndefined();
    expect(p.truncated).toBe(false);
    expect(p.configSource).toBe('default');
    expect(p.jql).toBe('issuetype in ("Roadmap Item", "Upstream Deliverable")');
  });

  test('pages and sorts on the server: pages do not overlap, a page past the end answers the last, key DESC reverses key ASC', async () => {
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const num = (k: string) => Number(k.split('-')[1]);
    expect(keys.map(num)).toEqual([...keys.map(num)].sort((x, y) => x - y));
    const last = Math.ceil(p.matched / p.pageSize);
    const past = await load({ page: last + 5 });
    expect(past.page).toBe(last);
    expect(past.rows.map((r) => r.key)).toEqual(keys.slice((last - 1) * p.pageSize));
    const desc = await loadAll({ sort: { key: 'key', order: 'DESC' } });
    expect(desc.rows.map((r) => r.key)).toEqual([...keys].reverse());
    // Aggregates never depend on the page or the order.
    expect(past.totals).toEqual(p.totals);
    expect(desc.p.fstByStage).toEqual(p.fstByStage);
  });

  test('the funnels, pivots and completeness add up to the rows; Release x FST counts items and deliverables apart', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(p.funnels.portfolio.map((s) => s.count))).toBe(p.totals.roadmapItems);
    expect(sum(p.funnels.delivery.map((s) => s.count))).toBe(p.totals.deliverables);
    expect(sum(p.fstByStage.cells.flat())).toBe(p.totals.roadmapItems);
    const cells = p.releaseByFst.cells.flat();
    expect(sum(cells.map((c) => c.roadmapItems))).toBe(p.totals.roadmapItems);
    expect(sum(cells.map((c) => c.deliverables))).toBe(p.totals.deliverables);
    expect(sum(p.completeness.map((b) => b.count))).toBe(p.totals.roadmapItems);
    expect(p.funnels.portfolio.every((s) => s.count > 0)).toBe(true);
    expect(p.funnels.delivery.every((s) => s.count > 0)).toBe(true);
    expect(p.companyByStage.rows.length).toBeGreaterThan(0);
  });

  test('records forged through raw REST are marked, blocked and never counted complete', () => {
    const forged = rows.map((r, i) => ({ r, b: blockers[i]! })).filter(({ r }) => r.integrity === 'modified-outside-app');
    expect(forged.length).toBeGreaterThan(0);
    for (const { b } of forged) expect(b.join(' ')).toMatch(/modified outside the LCOO app/);
    // A row leaves integrity out when the record is valid and signed.
    expect(p.totals.integrityProblems).toBe(rows.filter((r) => r.integrity !== undefined).length);
    // The seed forges complete-looking checklists: they count as 0 of 12, never in "Complete".
    expect(forged.every(({ r }) => r.completed === 0)).toBe(true);
    const complete = rows.filter((r) => r.completed === 12);
    expect(complete.every((r) => r.integrity === undefined)).toBe(true);
    expect(p.completeness.find((b) => b.bucket === '100')?.count).toBe(complete.length);
  });

  test('rows say what blocks the next gate and which items slipped', () => {
    expect(rows.filter((r) => r.blockers.length > 0).length).toBe(p.totals.blocked);
    expect(blockers.every((b) => b.every((m) => typeof m === 'string' && m.length > 0))).toBe(true);
    expect(p.totals.slipped).toBeGreaterThan(0);
    // Slipped: shipped without getting where it had to be (a Development Ready item can slip too, on its delivery).
    expect(rows.filter((r) => r.slipped).every((r) => r.stage !== 'delivered')).toBe(true);
    const roadmapItems = rows.filter((r) => p.vocabulary.stages.find((st) => st.id === r.stage)?.lifecycle === 'portfolio');
    expect(roadmapItems).toHaveLength(p.totals.roadmapItems);
    expect(roadmapItems.every((r) => r.companies.length > 0 || r.integrity !== undefined)).toBe(true);
    expect(rows.every((r) => r.slipped === undefined || r.slipped === true)).toBe(true);
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

  test('the index agrees with a full search of Jira, and a rebuild gives identical rows (issue 12)', async () => {
    // Without its meta the index counts as not built: the load searches Jira and derives
    // every row as the gadget did before the index.
    const meta = sb.host.raw.kvs.handle('/api/v1/get', { key: INDEX_META }).body as { value: unknown };
    sb.host.raw.kvs.handle('/api/v1/delete', { key: INDEX_META });
    const searched = await loadAll();
    sb.host.raw.kvs.handle('/api/v1/set', { key: INDEX_META, value: meta.value });
    expect(searched.p.index.source).toBe('search');
    expect(searched.p.restCalls).toBeGreaterThan(1);
    expect(searched.rows).toEqual(rows);
    expect(searched.blockers).toEqual(blockers);
    expect(searched.p.totals).toEqual(p.totals);
    expect(searched.p.releaseByFst).toEqual(p.releaseByFst);

    unwrap(await sb.host.invoke('lcoo-admin', 'index/rebuild', {}, { asEmail: ADMIN }));
    await sb.host.settled();
    const rebuilt = await loadAll();
    expect(rebuilt.p.index.source).toBe('index');
    expect(rebuilt.rows).toEqual(rows);
    expect(rebuilt.blockers).toEqual(blockers);
    expect(rebuilt.p.companyByStage).toEqual(p.companyByStage);
  });
});

describe('configuration and filters', () => {
  test('the configuration Jira stores with the gadget decides the scope and default filters', async () => {
    const all = await loadAll();
    const fst = all.rows.find((r) => r.fst)!.fst!;
    const { p, rows } = await loadAll(
      { config: { scope: { kind: 'projects', projectKeys: ['NOPE'] } } },
      { scope: { kind: 'projects', projectKeys: ['lcoo'] }, filters: { fsts: [fst] } },
    );
    expect(p.configSource).toBe('gadget');
    expect(p.jql).toContain('project in ("LCOO")');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.fst === fst)).toBe(true);
    expect(rows.map((r) => r.key)).toEqual(all.rows.filter((r) => r.fst === fst).map((r) => r.key));
    expect(p.filters).toEqual({ fsts: [fst] });
  });

  test('filters chosen in the gadget replace the defaults; a filter change is answered from the index (1 Jira call)', async () => {
    const { p, rows } = await loadAll({ filters: { stages: ['prioritized'] } }, { filters: { types: ['bug'] } });
    expect(p.restCalls).toBe(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.stage === 'prioritized')).toBe(true);
    const slipped = await loadAll({ filters: { onlySlipped: true } });
    expect(slipped.rows.length).toBe((await load()).totals.slipped);
    expect(slipped.rows.every((r) => r.slipped)).toBe(true);
  });

  test('with the Stage filter on Delivered, deliverables keep the FST, type, size and companies of their Roadmap Item (issue 15, point 8)', async () => {
    const all = await loadAll();
    const byKey = new Map(all.rows.map((r) => [r.key, r]));
    const delivered = await loadAll({ filters: { stages: ['delivered'] } });
    const withParent = delivered.rows.filter((r) => r.roadmapItemKey && byKey.get(r.roadmapItemKey)?.fst);
    expect(withParent.length).toBeGreaterThan(0);
    for (const r of withParent) {
      const parent = byKey.get(r.roadmapItemKey!)!;
      expect({ fst: r.fst, type: r.type, size: r.size, inherited: r.inherited }).toEqual({
        fst: parent.fst,
        type: parent.type,
        size: parent.size,
        inherited: true,
      });
    }
    const noFst = delivered.p.fstByStage.rows.indexOf('No FST');
    expect(noFst === -1 || delivered.p.fstByStage.cells[noFst]!.every((n) => n === 0)).toBe(true);
  });

  test('a JQL scope is parsed: its OR cannot pull in other issue types, and index fields are answered without Jira', async () => {
    const { p, rows } = await loadAll({}, { scope: { kind: 'jql', jql: 'project = LCOO OR issuetype = Task ORDER BY created DESC' } });
    expect(p.jql).toBe('project = LCOO or issuetype = Task');
    expect(p.restCalls).toBe(1);
    expect(p.index.jqlAskedJira).toBeUndefined();
    expect(rows.length).toBe((await load()).totals.items);
  });

  test("a JQL scope that closes the parenthesis is refused with the parser's words, never widened (issue 11, point 4)", async () => {
    const task = await createIssue(sb, 'Task', 'Not an LCOO item');
    const out = await call('portfolio/load', {}, VIEWER, { scope: { kind: 'jql', jql: `key = ${task}) OR (key = ${task}` } });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('BAD_REQUEST');
    expect(out.error.message).toMatch(/^The gadget's JQL is not a valid query: .+ Open the gadget's menu, choose Edit, and correct it\.$/);
    // The edit view's check refuses it before saving (issue 15, point 11).
    const check = await call('gadget/check-config', { config: { scope: { kind: 'jql', jql: `key = ${task}) OR (key = ${task}` } } }, LEAD);
    expect(!check.ok && check.error.message).toMatch(/not a valid query/);
  });

  test('a clause only Jira can answer asks Jira for ids, always within the LCOO types', async () => {
    const task = await createIssue(sb, 'Task', 'Labelled task');
    const item = await createIssue(sb, 'Roadmap Item', 'Labelled item');
    for (const key of [task, item]) {
      expect((await rest(sb, ADMIN, 'PUT', `/rest/api/3/issue/${key}`, { fields: { labels: ['scope-check'] } })).status).toBe(204);
    }
    await sb.host.settled();
    const { p, rows } = await loadAll({}, { scope: { kind: 'jql', jql: 'labels = scope-check' } });
    expect(p.index.jqlAskedJira).toMatch(/labels/);
    expect(rows.map((r) => r.key)).toEqual([item]);
  });

  test('JQL that does not parse comes back as a sentence that says where to fix it', async () => {
    const out = await call('portfolio/load', {}, VIEWER, { scope: { kind: 'jql', jql: 'project = = LCOO' } });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('BAD_REQUEST');
    expect(out.error.message).toMatch(/^The gadget's JQL is not a valid query: .+ Open the gadget's menu, choose Edit, and correct it\.$/);
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
  test('the index keeps the save until the reconcile reads Jira again; then it is marked modified outside the app, as the panel marks it', async () => {
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
    await sb.host.settled();
    const row = async () => (await loadAll({}, undefined, LEAD)).rows.find((r) => r.key === key);
    const before = await row();
    expect(before).toBeDefined();
    expect(before?.integrity).toBeUndefined();
    expect(before?.type).toBeDefined();

    // Revision 1, validly signed by the app, written back over revision 2. Jira sends no event
    // for a property write and does not move the issue's `updated`.
    expect((await rest(sb, LEAD, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, old.value)).status).toBeLessThan(300);
    const panelView = unwrap<PanelData>(await panel(sb, LEAD, key, 'panel/load', {}));
    expect(panelView.vetting?.integrity).toBe('modified-outside-app');
    expect((await row())?.integrity).toBeUndefined();

    // A day later the hourly reconcile's full pass reads every record again.
    const meta = sb.host.raw.kvs.handle('/api/v1/get', { key: INDEX_META }).body as { value: Record<string, unknown> };
    const dayAgo = new Date(Date.now() - 25 * 3600_000).toISOString();
    sb.host.raw.kvs.handle('/api/v1/set', { key: INDEX_META, value: { ...meta.value, fullPassAt: dayAgo } });
    const run = await sb.host.runScheduledTrigger('lcoo-index-reconcile');
    expect(run.ok).toBe(true);
    await sb.host.settled();
    const after = await row();
    expect(after?.integrity).toBe('modified-outside-app');
    expect(after?.completed).toBe(0);
  });
});

describe('a restore from the panel', () => {
  test('reaches the index in its own invocation: a record deleted through REST (and found missing by the reconcile) is valid again without waiting for Jira', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Deleted, then restored');
    const { approvals: _a, collaborators, ...others } = makeCompleteVetting();
    const vetting = {
      ...others,
      collaborators: { ...collaborators!, companies: collaborators!.companies.filter((c) => c.company === 'AT&T') },
    };
    unwrap<PanelData>(await panel(sb, LEAD, key, 'vetting/save', { revision: null, vetting: { ...vetting, schemaVersion: 2 } }));
    await sb.host.settled();
    const row = async () => (await loadAll({}, undefined, LEAD)).rows.find((r) => r.key === key);
    expect((await row())?.integrity).toBeUndefined();

    expect((await rest(sb, LEAD, 'DELETE', `/rest/api/3/issue/${key}/properties/lcoo-vetting`)).status).toBe(204);
    const meta = sb.host.raw.kvs.handle('/api/v1/get', { key: INDEX_META }).body as { value: Record<string, unknown> };
    sb.host.raw.kvs.handle('/api/v1/set', {
      key: INDEX_META,
      value: { ...meta.value, fullPassAt: new Date(Date.now() - 25 * 3600_000).toISOString() },
    });
    expect((await sb.host.runScheduledTrigger('lcoo-index-reconcile')).ok).toBe(true);
    await sb.host.settled();
    expect((await row())?.integrity).toBe('missing');

    unwrap<PanelData>(await panel(sb, LEAD, key, 'record/restore', { record: 'vetting', revision: null }));
    expect((await row())?.integrity).toBeUndefined();
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
    await sb.host.settled();
    const row = async () => (await loadAll({}, undefined, LEAD)).rows.find((r) => r.key === key);
    expect((await row())?.integrity).toBeUndefined();
    const forged = { ...got.value, index: { ...got.value.index, completeness: 100, integrity: 'valid' } };
    expect((await rest(sb, LEAD, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, forged)).status).toBeLessThan(300);
    // Jira sends no event for a property write; the reconcile's daily full pass reads the record again.
    const meta = sb.host.raw.kvs.handle('/api/v1/get', { key: INDEX_META }).body as { value: Record<string, unknown> };
    const dayAgo = new Date(Date.now() - 25 * 3600_000).toISOString();
    sb.host.raw.kvs.handle('/api/v1/set', { key: INDEX_META, value: { ...meta.value, fullPassAt: dayAgo } });
    expect((await sb.host.runScheduledTrigger('lcoo-index-reconcile')).ok).toBe(true);
    await sb.host.settled();
    expect((await row())?.integrity).toBe('modified-outside-app');
  });
});
