// The quarter's ranking in Forge KVS (one value per quarter: a 2,000-item roadmap's lists are
// about 40 KB, well under the 240 KiB a value may hold), parsed on every read. A save names the
// revision it read: a different stored revision, or another save claiming the same next revision
// first (claimOnce, 60 s), is a conflict the page reloads on.
import { kvs } from '@forge/kvs';
import { emptyRanking, RankingSchema, type Ranking } from '../domain/roadmap/ranking';
import { claimOnce } from './claim';
import { KVS_KEYS } from './keys';

/** A stored value that no longer parses reads as no ranking, with why (the next save replaces it). */
export function rankingFromStored(quarter: string, raw: unknown): { ranking: Ranking; problem?: string } {
  if (raw === undefined || raw === null) return { ranking: emptyRanking(quarter) };
  const parsed = RankingSchema.safeParse(raw);
  if (parsed.success && parsed.data.quarter === quarter) return { ranking: parsed.data };
  const revision = typeof (raw as { revision?: unknown }).revision === 'number' ? (raw as { revision: number }).revision : 0;
  return {
    ranking: { ...emptyRanking(quarter), revision },
    problem: `The saved ranking of ${quarter} can't be read by this version of the app; the items show unranked until someone ranks them again.`,
  };
}

export async function loadRanking(quarter: string): Promise<{ ranking: Ranking; problem?: string }> {
  return rankingFromStored(quarter, await kvs.get<unknown>(KVS_KEYS.roadmapRanking(quarter)));
}

export type SaveOutcome = { ok: true; ranking: Ranking } | { ok: false; current: Ranking };

/** Saves `next` (whose revision is the read one + 1) unless someone saved since `readRevision`. */
export async function saveRanking(readRevision: number, next: Ranking, holder: string): Promise<SaveOutcome> {
  const { ranking: current } = await loadRanking(next.quarter);
  if (current.revision !== readRevision) return { ok: false, current };
  const claim = await claimOnce(KVS_KEYS.roadmapRankingClaim(next.quarter, next.revision), holder, { ttlSeconds: 60 });
  if (!claim.ok) return { ok: false, current: (await loadRanking(next.quarter)).ranking };
  await kvs.set(KVS_KEYS.roadmapRanking(next.quarter), RankingSchema.parse(next));
  return { ok: true, ranking: next };
}
