// The panel's readiness comes from the same gate engine and subject the workflow validator
// uses, so what the panel promises is what Jira's transition does. Also: a deliverable's
// checklist requirements are read from its Roadmap Item, trusted only when the app signed it.
import type { Envelope } from '../../../src/contract/envelope';
import { ADMIN, FST_LEAD, completeVetting, startPanelSandbox, type PanelSandbox } from './panel-fixture';

jest.setTimeout(60_000);

let p: PanelSandbox;
beforeAll(async () => {
  p = await startPanelSandbox();
});
afterAll(() => p?.stop());

const errorsOf = (body: unknown) => ((body as { errorMessages?: string[] }).errorMessages ?? []).join(' ');

test('not ready in the panel = refused by Jira; ready in the panel = the transition goes through', async () => {
  const key = await p.createIssue('Roadmap Item', 'Gate agreement item');
  await p.ok('vetting/save', { revision: null, vetting: { schemaVersion: 2, type: 'new' } }, FST_LEAD, key);
  const before = await p.ok('panel/load', {}, FST_LEAD, key);
  expect(before.readiness[0]).toMatchObject({ target: 'being-vetted', pass: false });
  const refused = await p.transition(key, 'Being Vetted / Groomed', FST_LEAD);
  expect(refused.status).toBe(400);
  for (const m of before.readiness[0]!.missing) expect(errorsOf(refused.body)).toContain(m.message);

  await p.ok('vetting/save', { revision: 1, vetting: completeVetting() }, FST_LEAD, key);
  const after = await p.ok('panel/load', {}, FST_LEAD, key);
  expect(after.readiness[0]).toMatchObject({ target: 'being-vetted', pass: true, missing: [] });
  expect((await p.transition(key, 'Being Vetted / Groomed', FST_LEAD)).status).toBe(204);

  // Now in Being Vetted: the panel looks at Prioritized, which needs both prioritizations.
  const next = await p.ok('panel/load', {}, FST_LEAD, key);
  expect(next.issue.stage).toBe('being-vetted');
  expect(next.readiness[0]).toMatchObject({ target: 'prioritized', pass: false });
  expect(next.readiness[0]?.missing.map((m) => m.requirement)).toEqual(['approval:fst-prioritization', 'approval:lrc-prioritization']);
  // The index follows the stage on the next save.
  await p.ok('vetting/save', { revision: 2, vetting: completeVetting() }, FST_LEAD, key);
  const prop = await p.rest('GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, ADMIN);
  expect((prop.body as { value: { index: { stage: string } } }).value.index.stage).toBe('being-vetted');
});

describe('a deliverable whose gate requires checklist items of its Roadmap Item', () => {
  beforeAll(async () => {
    const got = (await p.sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN })) as Envelope<{ config: { gate: Record<string, unknown> } }>;
    if (!got.ok) throw new Error(got.error.message);
    const config = { ...got.data.config, gate: { ...got.data.config.gate, requiredChecklist: { ...(got.data.config.gate['requiredChecklist'] as object), 'blueprint-in-progress': ['size', 'targetRelease'] } } };
    const saved = (await p.sb.host.invoke('lcoo-admin', 'config/save', config, { asEmail: ADMIN })) as Envelope<unknown>;
    if (!saved.ok) throw new Error(saved.error.message);
  });

  const evidence = (roadmapItemKey: string) => ({
    roadmapItemKey,
    blueprint: { url: 'https://blueprints.launchpad.net/nova/+spec/sriov-live-migration', title: 'SR-IOV live migration' },
    alignment: [{ notes: 'Nova PTL agreed at the PTG.' }],
  });

  test('reads the signed checklist of the Roadmap Item it names', async () => {
    const item = await p.createIssue('Roadmap Item', 'Parent item');
    await p.ok('vetting/save', { revision: null, vetting: { ...completeVetting(), size: undefined } }, FST_LEAD, item);
    const deliverable = await p.createIssue('Upstream Deliverable', 'Child deliverable');
    const saved = await p.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, deliverable);
    expect(saved.readiness[0]).toMatchObject({ target: 'blueprint-in-progress', pass: false });
    expect(saved.readiness[0]?.missing.map((m) => m.requirement)).toEqual(['checklist:size']);
    expect((await p.transition(deliverable, 'Blueprint In Progress', FST_LEAD)).status).toBe(400);

    await p.ok('vetting/save', { revision: 1, vetting: completeVetting() }, FST_LEAD, item);
    expect((await p.ok('panel/load', {}, FST_LEAD, deliverable)).readiness[0]).toMatchObject({ pass: true, missing: [] });
    expect((await p.transition(deliverable, 'Blueprint In Progress', FST_LEAD)).status).toBe(204);
  });

  test('a Roadmap Item that does not exist, or whose record was forged, is named as the problem', async () => {
    const ghost = await p.createIssue('Upstream Deliverable', 'Ghost parent');
    const a = await p.ok('delivery/save', { revision: null, delivery: evidence('LCOO-999') }, FST_LEAD, ghost);
    expect(a.readiness[0]?.missing[0]).toEqual({ requirement: 'roadmap-item:record', message: expect.stringMatching(/LCOO-999, which this deliverable names, can't be found/) });

    const item = await p.createIssue('Roadmap Item', 'Forged parent');
    await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, item);
    const prop = await p.rest('GET', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN);
    const value = (prop.body as { value: { data: object } }).value;
    await p.rest('PUT', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN, { ...value, data: { ...value.data, size: 'XL' } });
    const child = await p.createIssue('Upstream Deliverable', 'Child of a forged item');
    const b = await p.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, child);
    expect(b.readiness[0]?.pass).toBe(false);
    expect(b.readiness[0]?.missing[0]?.message).toMatch(new RegExp(`Roadmap Item ${item}: The LCOO record was modified outside the LCOO app`));
    expect((await p.transition(child, 'Blueprint In Progress', FST_LEAD)).status).toBe(400);
  });
});
