// The committee's target-release and delivery-strategy decisions (src/domain/roadmap/decisions.ts).
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import {
  DECISION_HISTORY_LIMIT,
  DECISION_ITEMS_LIMIT,
  DECISIONS_BUDGET_BYTES,
  type QuarterDecisions,
  withinBudget,
  DecisionChoiceSchema,
  emptyDecisions,
  hasRoomFor,
  latestDecisions,
  QuarterDecisionsSchema,
  targetReleaseProblem,
  versionDecisions,
  withDecision,
} from '../../../src/domain/roadmap/decisions';
import { compareVersions } from '../../../src/domain/roadmap/compare';
import { FIXED_NOW } from '../../fixtures/builders';

const cal = BUILTIN_CALENDAR;
const alice = { accountId: 'a-1', displayName: 'Alice' };
const bob = { accountId: 'b-2', displayName: 'Bob' };

test('a target release must be a series not yet released; the refusal names it', () => {
  expect(targetReleaseProblem(cal, 'indri', FIXED_NOW)).toBeUndefined();
  expect(targetReleaseProblem(cal, '2027.2', FIXED_NOW)).toBeUndefined();
  expect(targetReleaseProblem(cal, 'flamingo', FIXED_NOW)).toMatch(/Flamingo is already released/);
  expect(targetReleaseProblem(cal, 'nosuch', FIXED_NOW)).toMatch(/"nosuch" is not an OpenStack release/);
});

test('a delivery strategy is one of the four choices; its note is at most 500 characters', () => {
  expect(DecisionChoiceSchema.safeParse({ kind: 'delivery-strategy', strategy: 'out-of-tree', note: 'plugin' }).success).toBe(true);
  const bad = DecisionChoiceSchema.safeParse({ kind: 'delivery-strategy', strategy: 'somehow' });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues[0]?.path).toEqual(['strategy']);
  expect(bad.error?.issues[0]?.message).toMatch(/upstream-first, existing-project, new-project, out-of-tree/);
  const long = DecisionChoiceSchema.safeParse({ kind: 'delivery-strategy', strategy: 'new-project', note: 'x'.repeat(501) });
  expect(long.error?.issues[0]?.path).toEqual(['note']);
});

test('each decision keeps who and when; the latest of each kind holds, the earlier stay in the history', () => {
  let d = emptyDecisions('2027-Q1');
  d = withDecision(d, '10', { kind: 'target-release', releaseId: 'indri' }, alice, '2026-11-25T10:00:00.000Z');
  d = withDecision(d, '10', { kind: 'delivery-strategy', strategy: 'upstream-first', note: '' }, alice, '2026-11-25T10:01:00.000Z');
  d = withDecision(d, '10', { kind: 'target-release', releaseId: '2027.2' }, bob, '2026-11-26T09:00:00.000Z');
  expect(d.revision).toBe(3);
  expect(QuarterDecisionsSchema.parse(d)).toEqual(d);
  const list = d.items['10']!;
  expect(list.map((x) => x.by.displayName)).toEqual(['Bob', 'Alice', 'Alice']);
  // An empty note is not kept.
  expect(list[1]).not.toHaveProperty('note');
  const latest = latestDecisions(list);
  expect(latest.targetRelease).toMatchObject({ releaseId: '2027.2', by: bob, at: '2026-11-26T09:00:00.000Z' });
  expect(latest.deliveryStrategy).toMatchObject({ strategy: 'upstream-first', by: alice });
  expect(versionDecisions(list, cal)).toEqual({ targetRelease: '2027.2', deliveryStrategy: 'Upstream first (in the impacted project)' });
  expect(versionDecisions(undefined, cal)).toBeUndefined();
});

const largest = (at: string) => ({
  kind: 'delivery-strategy' as const,
  strategy: 'existing-project' as const,
  note: 'ü'.repeat(500),
  by: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'A Long Display Name Of Someone Here' },
  at,
});
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

test('the size stays bounded: 20 decisions per item, 50 items, and under the byte budget the oldest superseded go first', () => {
  let d = emptyDecisions('2027-Q1');
  for (let i = 0; i < DECISION_HISTORY_LIMIT + 5; i++)
    d = withDecision(d, '7', { kind: 'target-release', releaseId: 'indri' }, alice, new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString());
  expect(d.items['7']).toHaveLength(DECISION_HISTORY_LIMIT);
  expect(d.items['7']![0]!.at).toBe(new Date(Date.UTC(2026, 10, 1, 0, DECISION_HISTORY_LIMIT + 4)).toISOString());
  const full = { ...d, items: Object.fromEntries(Array.from({ length: DECISION_ITEMS_LIMIT }, (_, i) => [String(i + 100), []])) };
  expect(hasRoomFor(full, '99')).toBe(false);
  expect(hasRoomFor(full, '100')).toBe(true);

  // Every item's latest two decisions at their largest fit the budget...
  const latestOnly = Array.from({ length: DECISION_ITEMS_LIMIT }, (_, i) => [
    String(i + 100),
    [
      largest('2026-11-25T10:00:00.000Z'),
      { kind: 'target-release' as const, releaseId: '2027.2', by: largest('').by, at: '2026-11-25T10:00:00.000Z' },
    ],
  ]);
  expect(bytes({ ...d, items: Object.fromEntries(latestOnly) })).toBeLessThan(DECISIONS_BUDGET_BYTES);
  // ...and a quarter full of history is trimmed to it, the latest of each item kept.
  let big: QuarterDecisions = emptyDecisions('2027-Q1');
  for (let n = 0; n < 6; n++)
    for (let i = 0; i < DECISION_ITEMS_LIMIT; i++) {
      const at = new Date(Date.UTC(2026, 10, 1 + n, 0, i)).toISOString();
      const { by, ...choice } = largest(at);
      big = withDecision(big, String(i + 100), choice, by, at);
    }
  expect(bytes(big)).toBeLessThanOrEqual(DECISIONS_BUDGET_BYTES);
  expect(bytes(big)).toBeGreaterThan(DECISIONS_BUDGET_BYTES - 5_000);
  for (let i = 0; i < DECISION_ITEMS_LIMIT; i++) {
    const list = big.items[String(i + 100)]!;
    expect(list[0]!.at).toBe(new Date(Date.UTC(2026, 10, 6, 0, i)).toISOString());
  }
  // What went were the oldest: no item keeps a day-1 decision while another lost a day-3 one.
  const kept = Object.values(big.items)
    .flat()
    .map((x) => x.at)
    .sort();
  expect(kept[0]! > new Date(Date.UTC(2026, 10, 1, 0, 49)).toISOString()).toBe(true);
  expect(withinBudget(big)).toBe(big);
});

test('compare lists an item whose committee decisions changed between two versions, with both sides', () => {
  const base = {
    id: '1',
    key: 'LCOO-1',
    summary: 'One',
    stage: 'prioritized' as const,
    companies: [],
    slipped: false,
    integrity: 'valid' as const,
  };
  const from = [base, { ...base, id: '2', key: 'LCOO-2', decisions: { targetRelease: '2027.1 Indri' } }];
  const to = [
    { ...base, decisions: { deliveryStrategy: 'Upstream first (in the impacted project)' } },
    { ...base, id: '2', key: 'LCOO-2', decisions: { targetRelease: '2027.1 Indri' } },
  ];
  const diff = compareVersions(from, to);
  expect(diff.counts.decided).toBe(1);
  expect(diff.unchanged).toBe(1);
  expect(diff.changed[0]).toMatchObject({
    key: 'LCOO-1',
    changes: ['decided'],
    decisions: { to: { deliveryStrategy: 'Upstream first (in the impacted project)' } },
  });
});
