// Jira's search follows the ranking: each save writes the `lcoo-rank` property of every item whose
// rank differs from what the search holds (a moved item, the items that close up behind one that
// left the roadmap) and removes it from items that left, as the person who ranked. Through the
// sandbox (real @forge/resolver, @forge/api, @forge/kvs) over the LCOO seed.
import { z } from 'zod';
import type { DraftView, RankingSaved } from '../../../src/contract/roadmap';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, rest } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';
let sb: TestSandbox;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
}, 240_000);
afterAll(() => sb?.stop());

async function ok<T>(key: string, payload: unknown): Promise<T> {
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke(PAGE, key, payload, { asEmail: ADMIN }));
  if (!out.ok) throw new Error(`${key}: ${out.error.code} ${out.error.message}`);
  return out.data as T;
}

/** Polls until `probe` gives a value (Jira's events reach the app's triggers asynchronously). */
async function waitFor<T>(probe: () => Promise<T | undefined>, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const got = await probe();
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The draft still lists the item after 100 tries');
}

async function searchKeys(jql: string): Promise<string[]> {
  const res = await rest(sb, ADMIN, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 100 });
  expect(res.status).toBe(200);
  return (res.body as { issues: { key: string }[] }).issues.map((i) => i.key);
}

const saveCommittee = (view: DraftView, order: string[]) =>
  ok<RankingSaved>('ranking/save', { quarter: view.quarter.id, scope: { kind: 'committee' }, order, revision: view.ranking.revision });

test('an item that leaves the roadmap loses its rank in Jira, and the items behind it close up, at the next save', async () => {
  const draft = await ok<DraftView>('draft/load', {});
  const q = draft.quarter.id;
  const ids = draft.items.map((i) => i.id);
  const keyOf = new Map(draft.items.map((i) => [i.id, i.key]));
  const n = ids.length;
  expect(n).toBeGreaterThan(4);

  // The committee ranks every item (the last first).
  const first = await saveCommittee(draft, [ids[n - 1]!, ...ids.slice(0, n - 1)]);
  expect(first.searchNotUpdated).toEqual([]);
  expect(await searchKeys(`lcooRankQuarter = "${q}" AND lcooRank = 1`)).toEqual([keyOf.get(ids[n - 1]!)]);
  expect(await searchKeys(`lcooRankQuarter = "${q}" AND lcooRank = ${n}`)).toEqual([keyOf.get(ids[n - 2]!)]);
  expect(await searchKeys(`lcooRankQuarter = "${q}"`)).toHaveLength(n);

  // The item ranked 2nd goes back to vetting: it leaves the roadmap (the index hears Jira's event).
  const leaving = keyOf.get(ids[0]!)!;
  const transitions = await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${leaving}/transitions`);
  const back = (transitions.body as { transitions: { id: string; to: { name: string } }[] }).transitions.find(
    (t) => t.to.name === 'Being Vetted / Groomed',
  )!;
  expect((await rest(sb, ADMIN, 'POST', `/rest/api/3/issue/${leaving}/transitions`, { transition: { id: back.id } })).status).toBe(204);
  const after = await waitFor(async () => {
    const v = await ok<DraftView>('draft/load', {});
    return v.items.some((i) => i.key === leaving) ? undefined : v;
  });
  expect(after.items).toHaveLength(n - 1);

  // Until a save, the search still says what was written (the page's order is the truth).
  expect(await searchKeys(`lcooRankQuarter = "${q}" AND lcooRank = 2`)).toEqual([leaving]);

  // The next save (two items swapped at the bottom) writes what differs: the item that left
  // loses its rank, the ones behind it move up one, the swapped pair take their places.
  const order = after.ranking.lists[0]!.order;
  const swapped = [...order.slice(0, -2), order[order.length - 1]!, order[order.length - 2]!];
  const second = await saveCommittee(after, swapped);
  expect(second.searchNotUpdated).toEqual([]);
  expect(await searchKeys(`lcooRankQuarter = "${q}" AND issuekey = ${leaving}`)).toEqual([]);
  expect(await searchKeys(`lcooRankQuarter = "${q}"`)).toHaveLength(n - 1);
  for (const [i, id] of swapped.entries()) {
    expect(await searchKeys(`lcooRankQuarter = "${q}" AND lcooRank = ${i + 1}`)).toEqual([keyOf.get(id)]);
  }
  // Saved again unchanged: nothing differs, so no property is written (the load's calls and
  // "who is saving" only), and the ranking is stored once.
  const third = await saveCommittee(second, swapped);
  expect(third.searchNotUpdated).toEqual([]);
  expect(third.cost.jiraCalls).toBe(draft.cost.jiraCalls + 1);
  expect(second.cost.jiraCalls).toBeGreaterThan(third.cost.jiraCalls + n - 3);
  expect(third.ranking.revision).toBe(second.ranking.revision + 1);
  expect(second.ranking.revision).toBe(after.ranking.revision + 2);
});
