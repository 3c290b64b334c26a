// The quarter's ranking as the page shows it, and its saves: lists laid over the items on the
// roadmap now, rights per list, the FSTs' submissions, and who moved what, when. A save checks
// the person's right (groups read as the app), the list (every item once, nothing off the
// roadmap), the revision it read, then stores the ranking and writes each moved item's search
// value (issue property lcoo-rank, JQL lcooRank / lcooFstRank) as the person.
import { AppError } from '../../contract/envelope';
import type { RankListView, RankingView } from '../../contract/roadmap';
import type { AppConfig } from '../../domain/app-config';
import { directoryOf } from '../../domain/directory';
import type { EffectiveRow } from '../../domain/portfolio-index';
import {
  effectiveOrder,
  mergeSubmitted,
  movesBetween,
  orderProblem,
  ranksOf,
  withList,
  withSubmission,
  type Actor,
  type RankScope,
  type Ranking,
} from '../../domain/roadmap/ranking';
import { saveRanking } from '../../storage/roadmap-ranking';
import { cannotRank, rankRights } from './rank-rights';

/** The items a list orders: every item on the roadmap for the committee, the FST's own for an FST. */
export function eligibleFor(rows: readonly EffectiveRow[], scope: RankScope): string[] {
  return rows.filter((r) => scope.kind === 'committee' || r.fst === scope.fst).map((r) => r.id);
}

const storedOf = (ranking: Ranking, scope: RankScope) => (scope.kind === 'committee' ? ranking.committee : ranking.fsts[scope.fst]);

/** Each item's committee and FST rank (only where a ranker placed it). */
export function itemRanks(ranking: Ranking, rows: readonly EffectiveRow[]): Map<string, { committee?: number; fst?: number }> {
  const out = new Map<string, { committee?: number; fst?: number }>(rows.map((r) => [r.id, {}]));
  const committee = effectiveOrder(ranking.committee?.order, eligibleFor(rows, { kind: 'committee' }));
  ranksOf(committee.order).forEach((rank, id) => {
    if (committee.ranked.has(id)) out.get(id)!.committee = rank;
  });
  const fsts = new Set(rows.map((r) => r.fst).filter((f): f is string => f !== undefined));
  for (const fst of fsts) {
    const list = effectiveOrder(ranking.fsts[fst]?.order, eligibleFor(rows, { kind: 'fst', fst }));
    ranksOf(list.order).forEach((rank, id) => {
      if (list.ranked.has(id)) out.get(id)!.fst = rank;
    });
  }
  return out;
}

export function rankingView(
  ranking: Ranking,
  rows: readonly EffectiveRow[],
  config: AppConfig,
  userGroups: readonly string[],
  problem?: string,
): RankingView {
  const dir = directoryOf(config);
  const list = (scope: RankScope, label: string): RankListView => {
    const stored = storedOf(ranking, scope);
    const { order, ranked } = effectiveOrder(stored?.order, eligibleFor(rows, scope));
    const reason = cannotRank(config, userGroups, scope);
    const submission = scope.kind === 'fst' ? ranking.submissions[scope.fst] : undefined;
    return {
      scope,
      label,
      order,
      ranked: ranked.size,
      ...(stored ? { last: { by: stored.by, at: stored.at } } : {}),
      canRank: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(submission ? { submitted: { by: submission.by, at: submission.at, count: submission.order.length } } : {}),
    };
  };
  return {
    revision: ranking.revision,
    lists: [
      list({ kind: 'committee' }, 'Roadmap-wide (Roadmap Committee)'),
      ...config.fsts.map((f) => list({ kind: 'fst', fst: f.id }, `${dir.fst(f.id)?.name ?? f.id} FST`)),
    ],
    history: ranking.history.slice(0, 20),
    ...(problem ? { problem } : {}),
  };
}

export { rankRights };

function conflict(current: Ranking): never {
  const last = current.history[0];
  throw new AppError(
    'CONFLICT',
    `Someone changed the ranking while you were ordering${last ? ` (${last.by.displayName ?? last.by.accountId}, ${last.at})` : ''}. The page now shows their order; make your moves again.`,
    { currentRevision: current.revision, ...(last ? { updatedBy: last.by.displayName ?? last.by.accountId, updatedAt: last.at } : {}) },
  );
}

export interface RankSave {
  ranking: Ranking;
  rows: readonly EffectiveRow[];
  config: AppConfig;
  userGroups: readonly string[];
  actor: Actor;
  now: Date;
}

/** Saves one list in the order sent; the moved items (ids) for their search values. */
export async function saveRankList(
  s: RankSave,
  input: { scope: RankScope; order: string[]; revision: number },
): Promise<{ ranking: Ranking; moved: string[] }> {
  const refusal = cannotRank(s.config, s.userGroups, input.scope);
  if (refusal) throw new AppError('FORBIDDEN', `The ranking was not saved. ${refusal}`);
  if (s.ranking.revision !== input.revision) conflict(s.ranking);
  const eligible = eligibleFor(s.rows, input.scope);
  const keyOf = new Map(s.rows.map((r) => [r.id, r.key]));
  const problem = orderProblem(input.order, eligible);
  if (problem) {
    const key = problem.kind === 'incomplete' ? '' : (keyOf.get(problem.id) ?? `issue ${problem.id}`);
    const msg =
      problem.kind === 'duplicate'
        ? `The ranking was not saved: ${key} is in the list twice. Reload the page and order again.`
        : `The ranking was not saved: ${key} is not on this list any more (it left the roadmap or its FST changed). Reload the page and order again.`;
    throw new AppError('BAD_REQUEST', msg, { item: key });
  }
  const stored = storedOf(s.ranking, input.scope);
  const before = effectiveOrder(stored?.order, eligible);
  const merged = mergeSubmitted(stored?.order ?? [], input.order);
  const after = effectiveOrder(merged, eligible).order;
  const moves = movesBetween(before.order, before.ranked, after, (id) => keyOf.get(id) ?? id);
  const next = withList(s.ranking, input.scope, merged, moves, s.actor, s.now.toISOString());
  const saved = await saveRanking(input.revision, next, s.actor.accountId);
  if (!saved.ok) conflict(saved.current);
  return { ranking: saved.ranking, moved: moves.map((m) => m.id) };
}

/** Sends the FST's list as saved (its current effective order) as its area roadmap submission. */
export async function submitFstList(s: RankSave, input: { fst: string; revision: number }): Promise<Ranking> {
  const scope: RankScope = { kind: 'fst', fst: input.fst };
  const refusal = cannotRank(s.config, s.userGroups, scope);
  if (refusal) throw new AppError('FORBIDDEN', `The FST's list was not submitted. ${refusal}`);
  if (s.ranking.revision !== input.revision) conflict(s.ranking);
  const { order } = effectiveOrder(s.ranking.fsts[input.fst]?.order, eligibleFor(s.rows, scope));
  const next = withSubmission(s.ranking, input.fst, order, s.actor, s.now.toISOString());
  const saved = await saveRanking(input.revision, next, s.actor.accountId);
  if (!saved.ok) conflict(saved.current);
  return saved.ranking;
}
