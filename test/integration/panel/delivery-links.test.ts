// A deliverable's Roadmap Item as a real Jira issue link (issue 15 item 6): a save writes the
// "LCOO delivery" link as the person, a move to another item moves it, clearing the item
// removes it; a person without Jira's "Link issues" permission gets the record saved and a
// sentence saying the link was not written. The item's panel lists its deliverables from the
// portfolio index with their stages and the rolled-up progress, in 1 Jira call; a link added by
// hand in Jira is listed apart and counts for nothing; a record whose link was removed by hand
// still counts (the record decides, as the gates do) and says the link is missing.
import type { ItemDeliverablesView } from '../../../src/contract/item-deliverables';
import type { IndexStatusView } from '../../../src/contract/portfolio-index';
import { ADMIN, COORDINATOR, FST_LEAD, VIEWER, completeVetting, startLcooSite, unwrap, type LcooSite } from '../../support/lcoo-site';

let site: LcooSite;
let itemA: string;
let itemB: string;

interface LinkView {
  id: string;
  type: { name: string };
  inwardIssue?: { key: string };
  outwardIssue?: { key: string };
}
const deliveryLinks = async (key: string) =>
  (
    (await site.rest('GET', `/rest/api/3/issue/${key}?fields=issuelinks`, ADMIN)).body as { fields: { issuelinks: LinkView[] } }
  ).fields.issuelinks.filter((l) => l.type.name === 'LCOO delivery');

const list = async (item: string, email = FST_LEAD) =>
  unwrap<ItemDeliverablesView>(await site.call<ItemDeliverablesView>('deliverables/list', {}, email, item));

const evidence = (roadmapItemKey?: string) => ({
  ...(roadmapItemKey ? { roadmapItemKey } : {}),
  project: 'Nova',
  blueprint: { url: 'https://blueprints.launchpad.net/nova/+spec/sriov-live-migration', title: 'SR-IOV live migration' },
  alignment: [{ notes: 'Nova PTL agreed at the PTG.' }],
});

beforeAll(async () => {
  site = await startLcooSite();
  unwrap<IndexStatusView>(await site.sb.host.invoke('lcoo-admin', 'index/rebuild', {}, { asEmail: ADMIN }));
  await site.sb.host.settled();
  itemA = await site.createIssue('Roadmap Item', 'SR-IOV live migration');
  itemB = await site.createIssue('Roadmap Item', 'Ironic for 5G core');
  await site.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, itemA);
}, 120_000);
afterAll(() => site?.stop());

test('a save links the deliverable to its Roadmap Item; a move moves the link; clearing the item removes it', async () => {
  const d = await site.createIssue('Upstream Deliverable', 'Nova: SR-IOV live migration');
  const saved = await site.ok('delivery/save', { revision: null, delivery: evidence(itemA) }, FST_LEAD, d);
  expect(saved.linkNote).toBeUndefined();
  // The Roadmap Item is the outward side: "LCOO-1 is delivered by LCOO-3".
  expect((await deliveryLinks(itemA)).map((l) => l.outwardIssue?.key)).toEqual([d]);
  expect((await deliveryLinks(d)).map((l) => l.inwardIssue?.key)).toEqual([itemA]);

  await site.ok('delivery/save', { revision: 1, delivery: evidence(itemA) }, FST_LEAD, d);
  expect(await deliveryLinks(d)).toHaveLength(1);

  await site.ok('delivery/save', { revision: 2, delivery: evidence(itemB) }, FST_LEAD, d);
  expect(await deliveryLinks(itemA)).toEqual([]);
  expect((await deliveryLinks(d)).map((l) => l.inwardIssue?.key)).toEqual([itemB]);

  await site.ok('delivery/save', { revision: 3, delivery: evidence() }, FST_LEAD, d);
  expect(await deliveryLinks(d)).toEqual([]);
  expect(await deliveryLinks(itemB)).toEqual([]);
});

test('without the "Link issues" permission the record is saved and the panel says the link was not written', async () => {
  const d = await site.createIssue('Upstream Deliverable', 'Neutron: trunk ports');
  // Jira refuses the person's link write (as it answers a missing "Link issues" permission: 404).
  const original = site.sb.emulator.handle.bind(site.sb.emulator);
  site.sb.emulator.handle = async (req) =>
    req.method === 'POST' && req.path.startsWith('/rest/api/3/issueLink') && req.principal.kind === 'user'
      ? {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: { errorMessages: ['You do not have the permission to link issues.'], errors: {} },
        }
      : original(req);
  try {
    const saved = await site.ok('delivery/save', { revision: null, delivery: evidence(itemA) }, COORDINATOR, d);
    expect(saved.delivery?.data?.roadmapItemKey).toBe(itemA);
    expect(saved.linkNote).toBe(
      `The Jira link to Roadmap Item ${itemA} was not added: Jira refused it (you may lack the "Link issues" permission, or setup has not created the "LCOO delivery" link type yet). The record is saved and counts; ask a Jira administrator, then save again.`,
    );
  } finally {
    site.sb.emulator.handle = original;
  }
  // The record counts; the item's list says its link is missing.
  const view = await list(itemA);
  expect(view.deliverables.find((x) => x.key === d)).toMatchObject({ linked: false });
  // Saving again, with the permission, writes it.
  const again = await site.ok('delivery/save', { revision: 1, delivery: evidence(itemA) }, COORDINATOR, d);
  expect(again.linkNote).toBeUndefined();
  expect((await list(itemA)).deliverables.find((x) => x.key === d)).toMatchObject({ linked: true });
});

test("the item's panel lists its deliverables with stages and the rolled-up progress, from the index in 1 Jira call", async () => {
  const item = await site.createIssue('Roadmap Item', 'Cyborg: FPGA programming');
  await site.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, item);
  const a = await site.createIssue('Upstream Deliverable', 'Cyborg API');
  const b = await site.createIssue('Upstream Deliverable', 'Nova scheduler hints');
  await site.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, a);
  await site.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, b);
  expect((await site.transition(b, 'Blueprint In Progress', FST_LEAD)).status).toBe(204);
  await site.sb.host.settled();

  const view = await list(item, VIEWER);
  expect(view.source).toBe('index');
  expect(view.deliverables).toEqual([
    { key: a, summary: 'Cyborg API', stage: 'backlog', stageName: 'Backlog', slipped: false, linked: true },
    {
      key: b,
      summary: 'Nova scheduler hints',
      stage: 'blueprint-in-progress',
      stageName: 'Blueprint In Progress',
      slipped: false,
      linked: true,
    },
  ]);
  expect(view.progress).toMatchObject({ total: 2, delivered: 0, furthestBehindKey: a, slippedKeys: [] });
  expect(view.progress.sentence).toBe(`0 of 2 deliverables delivered; furthest behind: ${a} (Backlog).`);
  expect(view.progress.byStage.filter((s) => s.count > 0)).toEqual([
    { stage: 'backlog', stageName: 'Backlog', count: 1 },
    { stage: 'blueprint-in-progress', stageName: 'Blueprint In Progress', count: 1 },
  ]);
  // Every deliverable is in the item's project and none is secured: no permission check needed.
  expect(view.calls).toEqual({ jira: 1, storage: 3 });
  expect(view.linkedOnly).toEqual([]);
});

test('a link added by hand in Jira is listed apart and not counted; a link removed by hand leaves the record counting', async () => {
  const item = await site.createIssue('Roadmap Item', 'Octavia: TLS offload');
  const recorded = await site.createIssue('Upstream Deliverable', 'Octavia TLS');
  const byHand = await site.createIssue('Upstream Deliverable', 'Linked by hand only');
  await site.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, recorded);
  // By hand, in Jira: a link to a deliverable whose record names no item, and the record's link removed.
  expect(
    (
      await site.rest('POST', '/rest/api/3/issueLink', FST_LEAD, {
        type: { name: 'LCOO delivery' },
        outwardIssue: { key: item },
        inwardIssue: { key: byHand },
      })
    ).status,
  ).toBe(201);
  const own = (await deliveryLinks(recorded))[0];
  expect((await site.rest('DELETE', `/rest/api/3/issueLink/${own?.id ?? ''}`, FST_LEAD)).status).toBe(204);

  const view = await list(item);
  expect(view.deliverables.map((d) => [d.key, d.linked])).toEqual([[recorded, false]]);
  expect(view.progress.total).toBe(1);
  expect(view.linkedOnly).toEqual([
    {
      key: byHand,
      summary: 'Linked by hand only',
      note: `Linked to ${item} in Jira, but its delivery record does not name ${item}, so it is not counted here or by the gates. Save its delivery record with Roadmap Item ${item} to count it, or remove the link.`,
    },
  ]);
  // The next save of the deliverable puts its removed link back.
  await site.ok('delivery/save', { revision: 1, delivery: evidence(item) }, FST_LEAD, recorded);
  expect((await list(item)).deliverables.map((d) => [d.key, d.linked])).toEqual([[recorded, true]]);
});

test('after a record written outside the app, a save compares with the links Jira holds and removes a stale one', async () => {
  const d = await site.createIssue('Upstream Deliverable', 'Forged, then saved');
  await site.ok('delivery/save', { revision: null, delivery: evidence(itemA) }, FST_LEAD, d);
  // Someone writes the property over raw REST: the app can no longer vouch for what it named.
  const prop = await site.rest('GET', `/rest/api/3/issue/${d}/properties/lcoo-delivery`, ADMIN);
  const stored = (prop.body as { value: { data: Record<string, unknown> } }).value;
  const forged = { ...stored, data: { ...stored.data, roadmapItemKey: itemB } };
  expect((await site.rest('PUT', `/rest/api/3/issue/${d}/properties/lcoo-delivery`, ADMIN, forged)).status).toBe(200);
  const loaded = await site.ok('panel/load', {}, FST_LEAD, d);
  expect(loaded.delivery?.integrity).not.toBe('valid');
  await site.ok('delivery/save', { revision: loaded.delivery?.revision ?? null, delivery: evidence(itemB) }, FST_LEAD, d);
  expect((await deliveryLinks(d)).map((l) => l.inwardIssue?.key)).toEqual([itemB]);
});

test('a deliverable asks for no list, and a Task is refused in words', async () => {
  const task = await site.createIssue('Task', 'Not an LCOO item');
  const answer = await site.call('deliverables/list', {}, FST_LEAD, task);
  expect(answer).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST', message: `${task} is not a Roadmap Item, so it has no Upstream Deliverables.` },
  });
});

test('a link made by hand in Jira passes no gate: only the record naming the Roadmap Item does', async () => {
  // The gate into Blueprint In Progress reads parts of the Roadmap Item's checklist (as an admin may set it).
  const got = unwrap<{ config: { gate: Record<string, unknown> } }>(
    await site.sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN }),
  );
  const config = {
    ...got.config,
    gate: {
      ...got.config.gate,
      requiredChecklist: { ...(got.config.gate['requiredChecklist'] as object), 'blueprint-in-progress': ['size', 'targetRelease'] },
    },
  };
  unwrap(await site.sb.host.invoke('lcoo-admin', 'config/save', config, { asEmail: ADMIN }));

  const item = await site.createIssue('Roadmap Item', 'Complete item');
  await site.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, item);
  const d = await site.createIssue('Upstream Deliverable', 'Linked by hand, record names no item');
  await site.ok('delivery/save', { revision: null, delivery: evidence() }, FST_LEAD, d);
  expect(
    (
      await site.rest('POST', '/rest/api/3/issueLink', FST_LEAD, {
        type: { name: 'LCOO delivery' },
        outwardIssue: { key: item },
        inwardIssue: { key: d },
      })
    ).status,
  ).toBe(201);
  const before = await site.ok('panel/load', {}, FST_LEAD, d);
  expect(before.readiness[0]?.missing.map((m) => m.requirement)).toEqual(['roadmap-item']);
  expect(before.readiness[0]?.missing[0]?.message).toContain('a link made by hand in Jira does not count');
  expect((await site.transition(d, 'Blueprint In Progress', FST_LEAD)).status).toBe(400);

  await site.ok('delivery/save', { revision: 1, delivery: evidence(item) }, FST_LEAD, d);
  expect((await site.transition(d, 'Blueprint In Progress', FST_LEAD)).status).toBe(204);
  expect(await deliveryLinks(d)).toHaveLength(1);
});
