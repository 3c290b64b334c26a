// The Launchpad part of the scheduled sync carried out against the sandbox's Launchpad emulator
// over real HTTP: a project's blueprints by the page (all_specifications, ws.start/ws.size), one GET
// per blueprint otherwise, the request budget and deadline honoured, and a failure stopping the
// reads with the rest of the plan "could not be read".
import { startLaunchpadEmulator, type LaunchpadEmulator } from '../../../sandbox/launchpad/server';
import type { EmBlueprint } from '../../../sandbox/launchpad/store';
import type { FetchLike } from '../../../src/upstream/gerrit-client';
import { readSpecificationsPage } from '../../../src/upstream/launchpad';
import { planLaunchpad, type BlueprintTarget } from '../../../src/usecases/launchpad-sync-plan';
import { readLaunchpadPlan } from '../../../src/usecases/launchpad-sync-read';

let lp: LaunchpadEmulator;
const nodeFetch: FetchLike = (url, init) => fetch(url, init);

const bp = (project: string, i: number, over: Partial<EmBlueprint> = {}): EmBlueprint => ({
  project,
  name: `${project}-bp-${String(i).padStart(4, '0')}`,
  title: `Blueprint ${i} of ${project}`,
  definitionStatus: i % 3 === 0 ? 'Approved' : 'New',
  implementationStatus: 'Unknown',
  ...over,
});

beforeAll(async () => {
  lp = await startLaunchpadEmulator();
  // nova: 700 blueprints (3 pages of 300); cinder: 40 (one page); glance: 5.
  lp.store.putAll([
    ...Array.from({ length: 700 }, (_, i) => bp('nova', i)),
    ...Array.from({ length: 40 }, (_, i) => bp('cinder', i)),
    ...Array.from({ length: 5 }, (_, i) => bp('glance', i)),
  ]);
});
afterAll(() => lp.close());
afterEach(() => lp.setMode({ kind: 'ok' }));

const run = (targets: BlueprintTarget[], over: { maxRequests?: number; sizes?: Record<string, number>; deadlineMs?: number } = {}) => {
  const plan = planLaunchpad(targets, { sizes: over.sizes ?? {}, maxRequests: over.maxRequests ?? 40 });
  const now = Date.now();
  return {
    plan,
    result: readLaunchpadPlan(plan, {
      deps: { fetch: nodeFetch, baseUrl: lp.url },
      now: Date.now,
      deadline: now + (over.deadlineMs ?? 30_000),
      endBy: now + (over.deadlineMs ?? 30_000) + 5_000,
      maxRequests: over.maxRequests ?? 40,
      pool: 4,
    }),
  };
};
const target = (project: string, i: number): BlueprintTarget => ({ id: `${project}-${i}`, project, name: bp(project, i).name });

test('a page of all_specifications as lazr.restful pages a collection field', async () => {
  const got = await readSpecificationsPage('nova', 300, { fetch: nodeFetch, baseUrl: lp.url });
  expect(got.found).toBe(true);
  if (!got.found) return;
  expect(got.page).toMatchObject({ start: 300, totalSize: 700, hasMore: true });
  expect(got.page.blueprints).toHaveLength(300);
  expect(got.page.blueprints[0]).toMatchObject({ project: 'nova', definitionStatus: expect.any(String) });
  const last = await readSpecificationsPage('nova', 600, { fetch: nodeFetch, baseUrl: lp.url });
  expect(last.found && last.page).toMatchObject({ start: 600, hasMore: false });
  expect(await readSpecificationsPage('no-such-project', 0, { fetch: nodeFetch, baseUrl: lp.url })).toEqual({ found: false });
});

test("a project's blueprints by the page: fewer requests than one GET each, every one found", async () => {
  // The collection is in Launchpad's order (Approved first, then by name): 400..680 ("New") are on pages 2 and 3.
  const targets = [...[1, 2, 400, 410, 500, 650, 680].map((i) => target('nova', i)), ...[0, 39].map((i) => target('cinder', i))];
  const before = lp.requests;
  const { result } = run(targets);
  const r = await result;
  // nova: 3 pages (size learnt from the first); cinder: 1 page.
  expect(r.requests).toBe(4);
  expect(lp.requests - before).toBe(4);
  expect(r.error).toBeUndefined();
  expect(r.sizes).toEqual({ nova: 700, cinder: 40 });
  expect(r.read.size).toBe(9);
  expect(r.read.get('nova/nova-bp-0680')).toMatchObject({ name: 'nova-bp-0680', definitionStatus: 'New' });
  expect(r.failed.size).toBe(0);
});

test('after the first page, the few names left are read one by one when that is cheaper than the pages left', async () => {
  // 699 (Approved) is on the first page; 350 ("New") is not: one GET instead of two more pages.
  const r = await run([target('nova', 699), target('nova', 350)]).result;
  expect(r.requests).toBe(2);
  expect(r.read.get('nova/nova-bp-0350')).toMatchObject({ name: 'nova-bp-0350' });
  expect(r.read.get('nova/nova-bp-0699')).toMatchObject({ definitionStatus: 'Approved' });
});

test('once the size is known, a project with few linked blueprints is read one by one', async () => {
  const { plan, result } = run([target('nova', 1), target('nova', 500)], { sizes: { nova: 700 } });
  expect(plan.projects[0]).toMatchObject({ mode: 'entries' });
  const r = await result;
  expect(r.requests).toBe(2);
  expect(r.read.get('nova/nova-bp-0500')).toMatchObject({ name: 'nova-bp-0500' });
});

test('a blueprint Launchpad does not know: not found, whether read alone or missing from a whole collection', async () => {
  const r = await run([
    { id: 'a', project: 'glance', name: 'no-such-bp' },
    { id: 'b', project: 'glance', name: bp('glance', 1).name },
    { id: 'c', project: 'cinder', name: 'no-such-either' },
  ]).result;
  expect(r.read.get('glance/no-such-bp')).toBeNull();
  expect(r.read.get(`glance/${bp('glance', 1).name}`)).toMatchObject({ project: 'glance' });
  expect(r.read.get('cinder/no-such-either')).toBeNull();
});

test('the request budget is a hard cap: what does not fit stays unread, not failed', async () => {
  const targets = [1, 2, 3, 4, 5].map((i) => ({ ...target('glance', i % 5), id: `g${i}`, project: `p${i}` }));
  const before = lp.requests;
  const r = await run(targets, { maxRequests: 2 }).result;
  expect(r.requests).toBe(2);
  expect(lp.requests - before).toBe(2);
  expect(r.failed.size).toBe(0);
});

test('a failing Launchpad: the reads stop at the first failure and the rest of the plan could not be read', async () => {
  lp.setMode({ kind: 'failing', status: 503 });
  const targets = [...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ id: `g${i}`, project: `proj${i}`, name: `bp${i}` }))];
  const before = lp.requests;
  const r = await run(targets).result;
  expect(r.error).toBe('Launchpad answered 503: Service Unavailable.');
  // The four in flight at once fail; nothing is started after.
  expect(lp.requests - before).toBeLessThanOrEqual(4);
  expect(r.failed.size).toBe(8);
  expect(r.read.size).toBe(0);
});

test('an unreachable Launchpad is a failure, not a crash', async () => {
  lp.setMode({ kind: 'unreachable' });
  const r = await run([target('nova', 1)]).result;
  expect(r.error).toMatch(/^Launchpad could not be reached/);
  expect([...r.failed]).toEqual(['nova/nova-bp-0001']);
});

test('no request starts after the deadline', async () => {
  const before = lp.requests;
  const r = await run([target('nova', 1), target('cinder', 1)], { deadlineMs: -1 }).result;
  expect(r.requests).toBe(0);
  expect(lp.requests).toBe(before);
});
