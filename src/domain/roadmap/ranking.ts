import { z } from 'zod';
import { QuarterIdSchema } from './quarter';

/**
 * Ranking the quarter's roadmap. Each FST's lead(s) order their FST's items and submit that list
 * as the FST's area roadmap submission for the quarter; the Roadmap Committee orders the whole
 * roadmap. A list holds Jira issue ids (a key changes when an issue moves project), best first.
 *
 * A list is kept as its rankers left it. The items on the roadmap change between two saves (an
 * item reaches Prioritized, another goes back), so every read lays the stored list over the items
 * now on the roadmap (`effectiveOrder`): those it holds keep their order, the others follow,
 * unranked, in key order, and items no longer on the roadmap drop out.
 */

const IssueIdSchema = z.string().regex(/^\d+$/);

export const ActorSchema = z.object({ accountId: z.string().min(1), displayName: z.string().optional() });
export type Actor = z.infer<typeof ActorSchema>;

/** One ordered list: who left it so, and when. */
export const RankListSchema = z.object({
  order: z.array(IssueIdSchema).max(10_000),
  by: ActorSchema,
  at: z.iso.datetime(),
});
export type RankList = z.infer<typeof RankListSchema>;

/** An FST's area roadmap submission: the list its lead sent the committee, as it was then. */
export const FstSubmissionSchema = z.object({ order: z.array(IssueIdSchema).max(10_000), by: ActorSchema, at: z.iso.datetime() });
export type FstSubmission = z.infer<typeof FstSubmissionSchema>;

export const RankMoveSchema = z.object({ id: IssueIdSchema, key: z.string(), from: z.number().int().nullable(), to: z.number().int() });
export type RankMove = z.infer<typeof RankMoveSchema>;

/** One change of a list, kept for "who moved what, when" (the newest first, at most HISTORY_LIMIT). */
export const RankChangeSchema = z.object({
  list: z.string(),
  kind: z.enum(['ranked', 'submitted']),
  by: ActorSchema,
  at: z.iso.datetime(),
  moves: z.array(RankMoveSchema).max(50),
  /** Moves beyond the 50 kept. */
  more: z.number().int().min(0).default(0),
});
export type RankChange = z.infer<typeof RankChangeSchema>;

export const HISTORY_LIMIT = 100;

/**
 * What Jira's search holds for an item of the quarter: the `lcoo-rank` issue property as the app
 * last wrote it, [committee rank, FST rank] with 0 for none. Only writes Jira accepted are
 * recorded, so whatever differs from the ranks now (a rank that moved, an item that left the
 * roadmap, a write Jira refused or one left for the next save) is written again.
 */
export const SearchedRankSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
export type SearchedRank = z.infer<typeof SearchedRankSchema>;

export const RankingSchema = z.object({
  version: z.literal(1),
  quarter: QuarterIdSchema,
  /** Bumped by every save: a save names the revision it read, and a different one is a conflict. */
  revision: z.number().int().min(0),
  committee: RankListSchema.optional(),
  /** By FST id. */
  fsts: z.record(z.string(), RankListSchema).default({}),
  submissions: z.record(z.string(), FstSubmissionSchema).default({}),
  history: z.array(RankChangeSchema).max(HISTORY_LIMIT).default([]),
  /** By issue id: what Jira's search holds (see SearchedRankSchema); absent: nothing written. */
  searched: z.record(IssueIdSchema, SearchedRankSchema).default({}),
});
export type Ranking = z.infer<typeof RankingSchema>;

export const emptyRanking = (quarter: string): Ranking => ({
  version: 1,
  quarter,
  revision: 0,
  fsts: {},
  submissions: {},
  history: [],
  searched: {},
});

/** The rank properties to write so that Jira's search says what the ranking says now. */
export interface SearchWrites {
  /** Items whose property must hold these ranks. */
  set: { id: string; rank: SearchedRank }[];
  /** Items the app wrote a rank for that no longer have one (they left the roadmap, or were unranked). */
  clear: string[];
}

/** Compares the ranks now (`ranks`: every item on the roadmap) with what the search holds. */
export function searchWrites(
  ranks: ReadonlyMap<string, { committee?: number; fst?: number }>,
  searched: Ranking['searched'],
): SearchWrites {
  const set: SearchWrites['set'] = [];
  const wanted = new Set<string>();
  for (const [id, r] of ranks) {
    if (!r.committee && !r.fst) continue;
    wanted.add(id);
    const rank: SearchedRank = [r.committee ?? 0, r.fst ?? 0];
    const was = searched[id];
    if (!was || was[0] !== rank[0] || was[1] !== rank[1]) set.push({ id, rank });
  }
  const clear = Object.keys(searched).filter((id) => !wanted.has(id));
  return { set, clear };
}

/** The search record after writes: `written` holds what Jira accepted (null: the property was removed). */
export function withSearched(ranking: Ranking, written: ReadonlyMap<string, SearchedRank | null>): Ranking {
  const searched = { ...ranking.searched };
  for (const [id, rank] of written) {
    if (rank) searched[id] = rank;
    else delete searched[id];
  }
  return { ...ranking, revision: ranking.revision + 1, searched };
}

/** The list a save targets: the committee's, or one FST's. */
export type RankScope = { kind: 'committee' } | { kind: 'fst'; fst: string };
export const RankScopeSchema: z.ZodType<RankScope> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('committee') }),
  z.object({ kind: z.literal('fst'), fst: z.string().min(1).max(40) }),
]);
export const scopeId = (s: RankScope): string => (s.kind === 'committee' ? 'committee' : `fst:${s.fst}`);

/** The stored list laid over the items on the roadmap now (`eligible`, in key order). */
export function effectiveOrder(
  stored: readonly string[] | undefined,
  eligible: readonly string[],
): { order: string[]; ranked: Set<string> } {
  const on = new Set(eligible);
  const ranked = new Set<string>();
  const order: string[] = [];
  for (const id of stored ?? []) {
    if (on.has(id) && !ranked.has(id)) {
      ranked.add(id);
      order.push(id);
    }
  }
  for (const id of eligible) if (!ranked.has(id)) order.push(id);
  return { order, ranked };
}

export type OrderProblem =
  { kind: 'duplicate'; id: string } | { kind: 'not-eligible'; id: string } | { kind: 'incomplete'; missing: string[] };

/**
 * Checks a list a ranker sends: every item of the list exactly once (items the ranker cannot see
 * keep their places after the ones they ordered: see `mergeSubmitted`), nothing that is not on it.
 */
export function orderProblem(submitted: readonly string[], eligible: readonly string[]): OrderProblem | undefined {
  const on = new Set(eligible);
  const seen = new Set<string>();
  for (const id of submitted) {
    if (seen.has(id)) return { kind: 'duplicate', id };
    if (!on.has(id)) return { kind: 'not-eligible', id };
    seen.add(id);
  }
  return undefined;
}

/**
 * The list after a save: what the ranker sent, then the list's items the ranker did not send
 * (issues their security level hides from them), in their current order.
 */
export function mergeSubmitted(current: readonly string[], submitted: readonly string[]): string[] {
  const sent = new Set(submitted);
  return [...submitted, ...current.filter((id) => !sent.has(id))];
}

/** 1-based rank of each item of a list. */
export function ranksOf(order: readonly string[]): Map<string, number> {
  return new Map(order.map((id, i) => [id, i + 1]));
}

/** The items whose place changed between two orders (`from` null: not ranked before). */
export function movesBetween(
  before: readonly string[],
  beforeRanked: ReadonlySet<string>,
  after: readonly string[],
  keyOf: (id: string) => string,
): RankMove[] {
  const was = ranksOf(before);
  const moves: RankMove[] = [];
  after.forEach((id, i) => {
    const from = beforeRanked.has(id) ? (was.get(id) ?? null) : null;
    if (from !== i + 1) moves.push({ id, key: keyOf(id), from, to: i + 1 });
  });
  return moves;
}

/** Moves one item of a list up (-1) or down (+1), or to an index: what the page's keyboard and drag do. */
export function moveItem(order: readonly string[], id: string, toIndex: number): string[] {
  const from = order.indexOf(id);
  if (from < 0) return [...order];
  const to = Math.max(0, Math.min(order.length - 1, toIndex));
  const out = order.filter((x) => x !== id);
  out.splice(to, 0, id);
  return out;
}

/** The ranking with one list saved, its change recorded first in the history. */
export function withList(ranking: Ranking, scope: RankScope, order: string[], moves: RankMove[], by: Actor, at: string): Ranking {
  const list: RankList = { order, by, at };
  const change: RankChange = {
    list: scopeId(scope),
    kind: 'ranked',
    by,
    at,
    moves: moves.slice(0, 50),
    more: Math.max(0, moves.length - 50),
  };
  return {
    ...ranking,
    revision: ranking.revision + 1,
    ...(scope.kind === 'committee' ? { committee: list } : { fsts: { ...ranking.fsts, [scope.fst]: list } }),
    history: [change, ...ranking.history].slice(0, HISTORY_LIMIT),
  };
}

/** The ranking with an FST's list submitted as its area roadmap for the quarter. */
export function withSubmission(ranking: Ranking, fst: string, order: string[], by: Actor, at: string): Ranking {
  const change: RankChange = { list: `fst:${fst}`, kind: 'submitted', by, at, moves: [], more: 0 };
  return {
    ...ranking,
    revision: ranking.revision + 1,
    submissions: { ...ranking.submissions, [fst]: { order, by, at } },
    history: [change, ...ranking.history].slice(0, HISTORY_LIMIT),
  };
}
