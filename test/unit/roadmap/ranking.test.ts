// Ranking the quarter's roadmap: lists laid over the items on the roadmap now, what a ranker may
// send, the merge that keeps items a ranker cannot see, moves and history.
import {
  effectiveOrder,
  emptyRanking,
  HISTORY_LIMIT,
  mergeSubmitted,
  moveItem,
  movesBetween,
  orderProblem,
  RankingSchema,
  ranksOf,
  withList,
  withSubmission,
  searchWrites,
  withSearched,
} from '../../../src/domain/roadmap/ranking';
import { draftQuarter, nextQuarter, parseQuarter, quarterAt, quarterLabel } from '../../../src/domain/roadmap/quarter';
import { cannotPublish, cannotRank, rankRights } from '../../../src/usecases/roadmap/rank-rights';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';

const by = { accountId: 'acc-1', displayName: 'Alex' };
const at = '2026-11-30T08:00:00.000Z';

describe('quarters', () => {
  test('the draft is the coming quarter', () => {
    expect(draftQuarter(Date.parse('2026-11-30T12:00:00Z')).id).toBe('2027-Q1');
    expect(draftQuarter(Date.parse('2027-01-01T00:00:00Z')).id).toBe('2027-Q2');
    expect(quarterAt(Date.parse('2027-03-31T23:59:59Z')).id).toBe('2027-Q1');
    expect(nextQuarter(parseQuarter('2027-Q4')).id).toBe('2028-Q1');
    expect(parseQuarter('2028-Q1')).toMatchObject({ start: '2028-01-01', end: '2028-03-31' });
    expect(parseQuarter('2027-Q2').end).toBe('2027-06-30');
    expect(quarterLabel('2027-Q1')).toBe('2027 Q1');
  });
});

describe('effectiveOrder', () => {
  test('keeps the stored order of items still on the roadmap, then the others in key order, unranked', () => {
    const { order, ranked } = effectiveOrder(['30', '10', '99'], ['10', '20', '30', '40']);
    expect(order).toEqual(['30', '10', '20', '40']);
    expect([...ranked]).toEqual(['30', '10']);
  });
  test('nothing stored: every item unranked in key order; a duplicate stored id counts once', () => {
    expect(effectiveOrder(undefined, ['1', '2']).ranked.size).toBe(0);
    expect(effectiveOrder(['2', '2', '1'], ['1', '2']).order).toEqual(['2', '1']);
  });
});

describe('what a ranker may send', () => {
  test('every item once, nothing off the list', () => {
    expect(orderProblem(['1', '2'], ['1', '2', '3'])).toBeUndefined();
    expect(orderProblem(['1', '1'], ['1', '2'])).toEqual({ kind: 'duplicate', id: '1' });
    expect(orderProblem(['1', '9'], ['1', '2'])).toEqual({ kind: 'not-eligible', id: '9' });
  });
  test("items the ranker did not send (hidden to them) keep their order after the ranker's", () => {
    expect(mergeSubmitted(['5', '1', '2', '3'], ['3', '1'])).toEqual(['3', '1', '5', '2']);
  });
});

describe('moves', () => {
  test('moveItem moves up, down, and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 'b', 9)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a'], 'zz', 0)).toEqual(['a']);
  });
  test('movesBetween names each item whose place changed, from null when it was not ranked', () => {
    const moves = movesBetween(['1', '2', '3'], new Set(['1', '2']), ['2', '1', '3'], (id) => `K-${id}`);
    expect(moves).toEqual([
      { id: '2', key: 'K-2', from: 2, to: 1 },
      { id: '1', key: 'K-1', from: 1, to: 2 },
      { id: '3', key: 'K-3', from: null, to: 3 },
    ]);
    expect(ranksOf(['x', 'y']).get('y')).toBe(2);
  });
});

describe('a ranking value', () => {
  test('each save bumps the revision, keeps who and when, and records the change first', () => {
    let r = emptyRanking('2027-Q1');
    r = withList(r, { kind: 'committee' }, ['2', '1'], [{ id: '2', key: 'K-2', from: null, to: 1 }], by, at);
    r = withList(r, { kind: 'fst', fst: 'networking' }, ['1'], [], by, at);
    r = withSubmission(r, 'networking', ['1'], by, at);
    expect(r.revision).toBe(3);
    expect(r.committee).toEqual({ order: ['2', '1'], by, at });
    expect(r.fsts['networking']?.order).toEqual(['1']);
    expect(r.submissions['networking']).toEqual({ order: ['1'], by, at });
    expect(r.history.map((h) => [h.list, h.kind])).toEqual([
      ['fst:networking', 'submitted'],
      ['fst:networking', 'ranked'],
      ['committee', 'ranked'],
    ]);
    expect(RankingSchema.parse(r)).toEqual(r);
  });
  test('history keeps the newest entries only, and at most 50 moves per entry', () => {
    let r = emptyRanking('2027-Q1');
    const moves = Array.from({ length: 60 }, (_, i) => ({ id: String(i), key: `K-${i}`, from: null, to: i + 1 }));
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) r = withList(r, { kind: 'committee' }, [], moves, by, at);
    expect(r.history).toHaveLength(HISTORY_LIMIT);
    expect(r.history[0]?.moves).toHaveLength(50);
    expect(r.history[0]?.more).toBe(10);
  });
});

describe('who may rank and publish (configured groups only)', () => {
  const config = DEFAULT_APP_CONFIG;
  const networking = config.fsts.find((f) => f.id === 'networking')!;
  test('the committee ranks roadmap-wide and publishes; an FST lead ranks only their FST', () => {
    expect(rankRights(config, ['lcoo-roadmap-committee'])).toEqual({ committee: true, fsts: [] });
    expect(cannotPublish(config, ['LCOO-Roadmap-Committee'])).toBeUndefined();
    expect(cannotRank(config, ['lcoo-roadmap-committee'], { kind: 'fst', fst: 'networking' })).toMatch(
      /Only the Networking FST's elected leads/,
    );
    const lead = rankRights(config, networking.leadGroups);
    expect(lead).toEqual({ committee: false, fsts: ['networking'] });
    expect(cannotRank(config, networking.leadGroups, { kind: 'fst', fst: 'networking' })).toBeUndefined();
    expect(cannotRank(config, networking.leadGroups, { kind: 'committee' })).toMatch(/Only the Roadmap Committee/);
    expect(cannotPublish(config, networking.leadGroups)).toMatch(/Only the Roadmap Committee/);
    expect(cannotRank(config, [], { kind: 'fst', fst: 'nope' })).toMatch(/not a Functional Specialty Team/);
  });
  test('with no group configured nobody may, and the page says who sets it', () => {
    const none = { ...config, roleGroups: { ...config.roleGroups, 'lrc-prioritization': [] } };
    expect(rankRights(none, ['lcoo-roadmap-committee']).committee).toBe(false);
    expect(cannotPublish(none, ['lcoo-roadmap-committee'])).toMatch(/LCOO admin sets it/);
  });
});

describe("what Jira's search must be told (lcoo-rank properties)", () => {
  const ranks = new Map<string, { committee?: number; fst?: number }>([
    ['1', { committee: 1, fst: 1 }],
    ['2', { committee: 2 }],
    ['3', {}],
  ]);

  test('writes every ranked item the search does not hold yet, and nothing for unranked ones', () => {
    expect(searchWrites(ranks, {})).toEqual({
      set: [
        { id: '1', rank: [1, 1] },
        { id: '2', rank: [2, 0] },
      ],
      clear: [],
    });
  });

  test('writes only what differs, and clears items that left the roadmap or lost their rank', () => {
    expect(searchWrites(ranks, { '1': [1, 1], '2': [3, 0], '3': [4, 0], '9': [5, 2] })).toEqual({
      set: [{ id: '2', rank: [2, 0] }],
      clear: ['3', '9'],
    });
  });

  test('records what Jira accepted (a removal drops the entry) as a new revision', () => {
    const r = { ...emptyRanking('2027-Q1'), revision: 4, searched: { '1': [1, 1] as [number, number], '9': [5, 2] as [number, number] } };
    const next = withSearched(
      r,
      new Map<string, [number, number] | null>([
        ['2', [2, 0]],
        ['9', null],
      ]),
    );
    expect(next.searched).toEqual({ '1': [1, 1], '2': [2, 0] });
    expect(next.revision).toBe(5);
    expect(searchWrites(ranks, next.searched)).toEqual({ set: [], clear: [] });
  });
});
