// The panel's readiness comes from the same gate engine and subject the workflow validator
// uses, so what the panel promises is what Jira's transition does. Also: a deliverable's
// checklist requirements are read from its Roadmap Item, trusted only when the app signed it.
import type { Envelope } from '../../../src/contract/envelope';
import { DELIVERY_RECORD, VETTING_RECORD } from '../../../src/records/kinds';
import { buildStoredRecord, type RecordKind, type StoredRecord } from '../../../src/records/stored-record';
import { ADMIN, FST_LEAD, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(60_000);

let p: LcooSite;
beforeAll(async () => {
  p = await startLcooSite();
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
  // Indexed as JQL finds it (src/domain/search-aliases.ts): the status name and the stage id.
  expect((prop.body as { value: { index: { stage: string[] } } }).value.index.stage).toContain('being-vetted');
});

describe('a deliverable whose gate requires checklist items of its Roadmap Item', () => {
  beforeAll(async () => {
    const got = (await p.sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN })) as Envelope<{
      config: { gate: Record<string, unknown> };
    }>;
    if (!got.ok) throw new Error(got.error.message);
    const config = {
      ...got.data.config,
      gate: {
        ...got.data.config.gate,
        requiredChecklist: { ...(got.data.config.gate['requiredChecklist'] as object), 'blueprint-in-progress': ['size', 'targetRelease'] },
      },
    };
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

  /**
   * Points a deliverable's app-signed record at another issue, signed as the app signs (and
   * recorded as its latest revision): a record saved before delivery/save checked the key.
   */
  async function signedNaming(deliverable: string, otherKey: string): Promise<void> {
    const stored = (
      (await p.rest('GET', `/rest/api/3/issue/${deliverable}/properties/lcoo-delivery`, ADMIN)).body as { value: StoredRecord }
    ).value;
    const { id } = (await p.rest('GET', `/rest/api/3/issue/${deliverable}?fields=issuetype`, ADMIN)).body as { id: string };
    const kvs = p.sb.host.raw.kvs;
    const secret = (kvs.handle('/api/v1/secret/get', { key: 'lcoo:record-signing-key' }).body as { value: string }).value;
    const data = { ...(stored.data as object), roadmapItemKey: otherKey };
    const resigned = buildStoredRecord(secret, DELIVERY_RECORD as RecordKind<unknown>, id, data, stored.index ?? {}, stored.meta);
    expect((await p.rest('PUT', `/rest/api/3/issue/${deliverable}/properties/lcoo-delivery`, ADMIN, resigned)).status).toBeLessThan(300);
    kvs.handle('/api/v1/set', { key: `lcoo:latest:lcoo-delivery:${id}`, value: { revision: resigned.meta.revision, sig: resigned.sig } });
  }

  test('delivery/save refuses a Roadmap Item key that is not a Roadmap Item, or that the person cannot see', async () => {
    const task = await p.createIssue('Task', 'Not a roadmap item');
    const deliverable = await p.createIssue('Upstream Deliverable', 'Names a task');
    const a = await p.call('delivery/save', { revision: null, delivery: evidence(task) }, FST_LEAD, deliverable);
    expect(a).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `${task}, which this deliverable names as its Roadmap Item, is of type Task, not a Roadmap Item; link a Roadmap Item in the LCOO panel.`,
      },
    });
    const b = await p.call('delivery/save', { revision: null, delivery: evidence('LCOO-999') }, FST_LEAD, deliverable);
    expect(b).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^Roadmap Item LCOO-999 can't be found, or you can't see it/) },
    });
    expect((await p.ok('panel/load', {}, FST_LEAD, deliverable)).delivery?.integrity).toBe('missing');
  });

  test('a signed record naming an issue that is not a Roadmap Item: its checklist never counts, in the panel or the gate', async () => {
    const task = await p.createIssue('Task', 'A task with a signed checklist');
    // Even a complete checklist signed for the task (as the app signs one) does not count.
    const { id: taskId } = (await p.rest('GET', `/rest/api/3/issue/${task}?fields=issuetype`, ADMIN)).body as { id: string };
    const item = await p.createIssue('Roadmap Item', 'Real parent');
    const vetting = await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, item);
    const itemRecord = ((await p.rest('GET', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN)).body as { value: StoredRecord })
      .value;
    const kvs = p.sb.host.raw.kvs;
    const secret = (kvs.handle('/api/v1/secret/get', { key: 'lcoo:record-signing-key' }).body as { value: string }).value;
    const copy = buildStoredRecord(
      secret,
      VETTING_RECORD as RecordKind<unknown>,
      taskId,
      itemRecord.data,
      itemRecord.index ?? {},
      itemRecord.meta,
    );
    expect((await p.rest('PUT', `/rest/api/3/issue/${task}/properties/lcoo-vetting`, ADMIN, copy)).status).toBeLessThan(300);
    expect(vetting.vetting?.integrity).toBe('valid');

    const deliverable = await p.createIssue('Upstream Deliverable', 'Child of a task');
    const saved = await p.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, deliverable);
    expect(saved.readiness[0]).toMatchObject({ target: 'blueprint-in-progress', pass: true });
    await signedNaming(deliverable, task);
    const notItem = `${task}, which this deliverable names as its Roadmap Item, is of type Task, not a Roadmap Item; link a Roadmap Item in the LCOO panel.`;
    const view = await p.ok('panel/load', {}, FST_LEAD, deliverable);
    expect(view.delivery?.integrity).toBe('valid');
    expect(view.readiness[0]?.pass).toBe(false);
    expect(view.readiness[0]?.missing[0]).toEqual({ requirement: 'roadmap-item:record', message: notItem });
    const res = await p.transition(deliverable, 'Blueprint In Progress', FST_LEAD);
    expect(res.status).toBe(400);
    expect((res.body as { errorMessages: string[] }).errorMessages[0]).toContain(notItem);
  });

  test('a Roadmap Item that does not exist, or whose record was forged, is named as the problem', async () => {
    const ghost = await p.createIssue('Upstream Deliverable', 'Ghost parent');
    const real = await p.createIssue('Roadmap Item', 'Parent that goes away');
    await p.ok('delivery/save', { revision: null, delivery: evidence(real) }, FST_LEAD, ghost);
    await signedNaming(ghost, 'LCOO-999');
    const a = await p.ok('panel/load', {}, FST_LEAD, ghost);
    expect(a.readiness[0]?.missing[0]).toEqual({
      requirement: 'roadmap-item:record',
      message: expect.stringMatching(/LCOO-999, which this deliverable names, can't be found/),
    });

    const item = await p.createIssue('Roadmap Item', 'Forged parent');
    await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, item);
    const prop = await p.rest('GET', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN);
    const value = (prop.body as { value: { data: object } }).value;
    await p.rest('PUT', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN, { ...value, data: { ...value.data, size: 'XL' } });
    const child = await p.createIssue('Upstream Deliverable', 'Child of a forged item');
    const b = await p.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, child);
    expect(b.readiness[0]?.pass).toBe(false);
    expect(b.readiness[0]?.missing[0]?.message).toMatch(
      new RegExp(`Roadmap Item ${item}: The LCOO record was modified outside the LCOO app`),
    );
    expect((await p.transition(child, 'Blueprint In Progress', FST_LEAD)).status).toBe(400);
  });
});
