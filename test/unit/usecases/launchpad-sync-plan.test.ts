// The Launchpad part of the scheduled sync, planned before anything is asked: which deliverables'
// blueprints a run reads, by the page or one by one, within the request budget; and the backoff
// that keeps a failing source alone.
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  afterRun,
  inBackoff,
  planLaunchpad,
  projectRead,
  type BlueprintTarget,
} from '../../../src/usecases/launchpad-sync-plan';
import { SyncStateSchema } from '../../../src/storage/upstream-sync';

const t = (id: string, project: string, name: string, lastFetchedAt?: string): BlueprintTarget => ({
  id,
  project,
  name,
  ...(lastFetchedAt ? { lastFetchedAt } : {}),
});

describe('how a project is read', () => {
  test('one blueprint: its own GET', () => {
    expect(projectRead('nova', ['a'], undefined)).toMatchObject({ mode: 'entries', cost: 1 });
    expect(projectRead('nova', ['a'], 10)).toMatchObject({ mode: 'entries', cost: 1 });
  });
  test('several blueprints of a project never read: by the page (the first page tells its size)', () => {
    expect(projectRead('nova', ['a', 'b'], undefined)).toMatchObject({ mode: 'collection', cost: 1 });
  });
  test('known size: by the page only when that takes fewer requests', () => {
    // 2400 blueprints = 8 pages of 300.
    expect(projectRead('nova', ['a', 'b', 'c'], 2400)).toMatchObject({ mode: 'entries', cost: 3 });
    const nine = Array.from({ length: 9 }, (_, i) => `bp-${i}`);
    expect(projectRead('nova', nine, 2400)).toMatchObject({ mode: 'collection', cost: 8 });
    expect(projectRead('nova', ['a', 'b'], 300)).toMatchObject({ mode: 'collection', cost: 1 });
    expect(projectRead('nova', ['a', 'b'], 0)).toMatchObject({ mode: 'collection', cost: 1 });
  });
});

describe('the plan', () => {
  test('never read first, then read longest ago; within the request budget', () => {
    const targets = [
      t('1', 'nova', 'n1', '2026-11-30T08:00:00.000Z'),
      t('2', 'cinder', 'c1', '2026-11-30T06:00:00.000Z'),
      t('3', 'neutron', 'q1'),
      t('4', 'glance', 'g1', '2026-11-30T07:00:00.000Z'),
    ];
    const plan = planLaunchpad(targets, { sizes: {}, maxRequests: 3 });
    expect([...plan.deliverables.values()].flat()).toEqual(['3', '2', '4']);
    expect(plan.estimatedRequests).toBe(3);
    expect(plan.projects.map((p) => [p.project, p.mode])).toEqual([
      ['neutron', 'entries'],
      ['cinder', 'entries'],
      ['glance', 'entries'],
    ]);
  });

  test('a project read by the page takes the rest of its blueprints at no extra request', () => {
    const targets = Array.from({ length: 40 }, (_, i) => t(String(i), 'nova', `bp-${i}`));
    const plan = planLaunchpad([...targets, t('x', 'cinder', 'c1')], { sizes: { nova: 1000 }, maxRequests: 5 });
    // nova: 4 pages for 40 blueprints; cinder: one GET.
    expect(plan.projects).toEqual([
      expect.objectContaining({ project: 'nova', mode: 'collection', cost: 4 }),
      expect.objectContaining({ project: 'cinder', mode: 'entries', cost: 1 }),
    ]);
    expect(plan.estimatedRequests).toBe(5);
    expect(plan.deliverables.size).toBe(41);
  });

  test('two deliverables linking one blueprint: one read for both', () => {
    const plan = planLaunchpad([t('1', 'Nova', 'Shared-BP'), t('2', 'nova', 'shared-bp')], { sizes: {}, maxRequests: 1 });
    expect(plan.deliverables.get('nova/shared-bp')).toEqual(['1', '2']);
    expect(plan.projects).toEqual([{ project: 'nova', mode: 'entries', names: ['shared-bp'], cost: 1 }]);
  });

  test('over budget: the blueprints that do not fit wait for the next run, cheaper ones still come in', () => {
    const targets = [t('1', 'nova', 'a'), t('2', 'cinder', 'b'), t('3', 'nova', 'c', '2026-11-30T08:00:00.000Z')];
    // nova known at 2400 (8 pages): a and c one by one; budget 2 takes a and b, c waits.
    const plan = planLaunchpad(targets, { sizes: { nova: 2400 }, maxRequests: 2 });
    expect([...plan.deliverables.values()].flat().sort()).toEqual(['1', '2']);
  });

  test('at most maxDeliverables deliverables', () => {
    const targets = Array.from({ length: 10 }, (_, i) => t(String(i), 'nova', `bp-${i}`));
    const plan = planLaunchpad(targets, { sizes: { nova: 10 }, maxDeliverables: 4 });
    expect([...plan.deliverables.values()].flat()).toHaveLength(4);
  });
});

describe('backoff per source', () => {
  const started = Date.parse('2026-11-30T10:00:00.000Z');
  test('a failure backs off 15 min, doubling, up to 12 h; a success clears it', () => {
    const one = afterRun('Launchpad answered 503.', { failures: 0 }, started);
    expect(one).toEqual({
      failures: 1,
      backoffUntil: new Date(started + BACKOFF_BASE_MS).toISOString(),
      lastError: 'Launchpad answered 503.',
    });
    const two = afterRun('again', one, started);
    expect(Date.parse(two.backoffUntil!) - started).toBe(2 * BACKOFF_BASE_MS);
    expect(Date.parse(afterRun('x', { failures: 20 }, started).backoffUntil!) - started).toBe(BACKOFF_MAX_MS);
    expect(afterRun(undefined, two, started)).toEqual({ failures: 0 });
  });
  test('honoured until it runs out', () => {
    const s = afterRun('down', { failures: 0 }, started);
    expect(inBackoff(s, started + BACKOFF_BASE_MS - 1)).toBe(true);
    expect(inBackoff(s, started + BACKOFF_BASE_MS)).toBe(false);
    expect(inBackoff({ failures: 0 }, started)).toBe(false);
  });
});

describe('the sync state in KVS', () => {
  test("the first version's state (Gerrit's failures at the top) reads as Gerrit's, Launchpad fresh", () => {
    const old = { failures: 2, backoffUntil: '2026-11-30T11:00:00.000Z', lastRunAt: '2026-11-30T10:00:00.000Z', lastError: 'down' };
    expect(SyncStateSchema.parse(old)).toEqual({
      gerrit: { failures: 2, backoffUntil: '2026-11-30T11:00:00.000Z', lastError: 'down' },
      launchpad: { failures: 0 },
      lastRunAt: '2026-11-30T10:00:00.000Z',
      launchpadSizes: {},
    });
    expect(SyncStateSchema.parse({})).toEqual({ gerrit: { failures: 0 }, launchpad: { failures: 0 }, launchpadSizes: {} });
  });
});
