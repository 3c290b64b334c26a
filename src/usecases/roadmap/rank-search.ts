// Rank is searchable in Jira: each ranked Roadmap Item carries the issue property `lcoo-rank`
// ({quarter, rank, fstRank}), indexed by the manifest's jira:entityProperty `lcoo-rank-index` as
// JQL `lcooRank`, `lcooFstRank` and `lcooRankQuarter` (e.g. `lcooRankQuarter = "2027-Q1" AND
// lcooRank <= 10`). The ranking in KVS stays the truth the page and the gadget read; the property
// is only what Jira's search sees. A save writes, as the person who ranked (5 at a time), every
// property that differs from the ranks now (`searchWrites`: ranks that moved, items that left the
// roadmap, writes refused or left over before), at most SEARCH_WRITES_PER_SAVE, and records what
// Jira accepted in the ranking. An item Jira refused is named back, never silently dropped.
import { JiraError } from '../../jira/errors';
import { route, type JiraClient } from '../../jira/client';
import { setIssueProperty } from '../../jira/issues';
import { searchWrites, withSearched, type Ranking, type SearchWrites, type SearchedRank } from '../../domain/roadmap/ranking';
import type { EffectiveRow } from '../../domain/portfolio-index';
import { saveRanking } from '../../storage/roadmap-ranking';
import { itemRanks } from './ranking';

export const RANK_PROPERTY = 'lcoo-rank';
/** Property writes one save makes at most (each is one Jira call): the rest wait for the next save. */
export const SEARCH_WRITES_PER_SAVE = 100;

export interface RankValue {
  quarter: string;
  rank?: number;
  fstRank?: number;
}

export interface SearchSync {
  /** What Jira accepted, by issue id (null: the property was removed). */
  written: Map<string, SearchedRank | null>;
  /** Keys of the items Jira refused. */
  refused: string[];
  /** Writes left for the next save (beyond SEARCH_WRITES_PER_SAVE). */
  left: number;
}

const valueOf = (quarter: string, [rank, fstRank]: SearchedRank): RankValue => ({
  quarter,
  ...(rank ? { rank } : {}),
  ...(fstRank ? { fstRank } : {}),
});

/** Writes (and removes) rank properties as `client`, the removals first. */
export async function syncRankProperties(
  client: JiraClient,
  quarter: string,
  plan: SearchWrites,
  keyOf: (id: string) => string,
  opts: { limit?: number; concurrency?: number } = {},
): Promise<SearchSync> {
  const jobs: { id: string; rank: SearchedRank | null }[] = [...plan.clear.map((id) => ({ id, rank: null })), ...plan.set];
  const limit = opts.limit ?? SEARCH_WRITES_PER_SAVE;
  const now = jobs.slice(0, limit);
  const out: SearchSync = { written: new Map(), refused: [], left: jobs.length - now.length };
  let next = 0;
  const worker = async () => {
    while (next < now.length) {
      const job = now[next++]!;
      try {
        if (job.rank) await setIssueProperty(client, job.id, RANK_PROPERTY, valueOf(quarter, job.rank));
        else await client.send('DELETE', route`/rest/api/3/issue/${job.id}/properties/${RANK_PROPERTY}`);
        out.written.set(job.id, job.rank);
      } catch (err) {
        if (!(err instanceof JiraError)) throw err;
        // Already gone (the issue or its property): nothing left for the search to find.
        if (job.rank === null && err.status === 404) out.written.set(job.id, null);
        else out.refused.push(keyOf(job.id));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 5, now.length) }, worker));
  return out;
}

/**
 * Brings Jira's search in line with a saved ranking (rank properties written as `client`, the
 * person), then records what Jira accepted in the ranking. When someone saved in between, their
 * save has its own record to work from, so this one is not stored (a later save writes again
 * whatever still differs). Returns the ranking as stored.
 */
export async function searchInLine(
  client: JiraClient,
  quarter: string,
  ranking: Ranking,
  rows: readonly EffectiveRow[],
  holder: string,
): Promise<{ ranking: Ranking; refused: string[]; left: number }> {
  const plan = searchWrites(itemRanks(ranking, rows), ranking.searched);
  const keyOf = new Map(rows.map((r) => [r.id, r.key]));
  const sync = await syncRankProperties(client, quarter, plan, (id) => keyOf.get(id) ?? `issue ${id}`);
  if (sync.written.size === 0) return { ranking, refused: sync.refused, left: sync.left };
  const stored = await saveRanking(ranking.revision, withSearched(ranking, sync.written), holder);
  return { ranking: stored.ok ? stored.ranking : stored.current, refused: sync.refused, left: sync.left };
}
